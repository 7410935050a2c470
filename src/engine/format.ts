import { isPlainNumber } from '../tensor/number';

/** Up to 6 significant digits, no floating-point noise: 220.00000000000003 → "220". */
export function formatNumber(x: number | undefined, digits = 6): string {
  if (x === undefined) return '—';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const s = Number(x.toPrecision(digits)).toString();
  return s === '-0' ? '0' : s;
}

/** The full value for a tooltip. */
export const fullNumber = (x: number | undefined): string => (x === undefined ? '' : String(x));

export type ParseResult =
  | { ok: true; value: number }
  | { ok: false; error: 'empty' | 'nan' | 'range'; min?: number; max?: number }
  | { ok: false; error: 'tooLong'; max: number };

/** No number a learner means needs more; a longer text is refused before it is read. */
export const MAX_SCALAR_CHARS = 1000;

/** Parses a field the learner typed. Only plain decimal numbers, within [min, max]. */
export function parseScalar(text: string, min: number, max: number): ParseResult {
  if (text.length > MAX_SCALAR_CHARS) return { ok: false, error: 'tooLong', max: MAX_SCALAR_CHARS };
  const t = text.trim();
  if (t === '') return { ok: false, error: 'empty' };
  if (!isPlainNumber(t)) return { ok: false, error: 'nan' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, error: 'range', min, max };
  if (value < min || value > max) return { ok: false, error: 'range', min, max };
  return { ok: true, value };
}

/**
 * At most `max` characters of what the learner typed, for a message: a message that repeats a
 * 100 KB input is no message. Cut on a code point, with … where it was cut.
 */
export function shortQuote(text: string, max = 32): string {
  const t = text.trim();
  if (t.length <= max) return t;
  let cut = max;
  const c = t.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // do not split a surrogate pair
  return `${t.slice(0, cut)}…`;
}
