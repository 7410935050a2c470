import { formatNumber, fullNumber } from '../../engine';

/** A number rounded for reading, with the full value in its tooltip. */
export function Num({ value }: { value: number | undefined }) {
  return <span title={value === undefined ? undefined : fullNumber(value)}>{formatNumber(value)}</span>;
}
