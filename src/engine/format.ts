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
  { ok: true; value: number } | { ok: false; error: 'empty' | 'nan' | 'range'; min?: number; max?: number };

/** Parses a field the learner typed. Only plain decimal numbers, within [min, max]. */
export function parseScalar(text: string, min: number, max: number): ParseResult {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'empty' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { ok: false, error: 'nan' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, error: 'range', min, max };
  if (value < min || value > max) return { ok: false, error: 'range', min, max };
  return { ok: true, value };
}
