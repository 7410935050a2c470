/**
 * NumPy-style literals for matrix inputs: `[[1, 2], [3, 4]]`, `[1, 2, 3]`, or a plain number.
 * Shapes follow NumPy: a 1-D literal has shape (n,), a scalar ().
 */
export interface Tensor {
  shape: number[];
  data: Float64Array;
}

export type LiteralError =
  | { kind: 'empty' }
  | { kind: 'syntax'; at: number }
  | { kind: 'ragged' }
  | { kind: 'depth' }
  | { kind: 'nonfinite' }
  | { kind: 'range'; max: number };

type Nested = number | Nested[];

export function parseLiteral(
  text: string,
  maxAbs = 1e6,
): { ok: true; value: Tensor } | { ok: false; error: LiteralError } {
  const s = text.trim();
  if (s === '') return { ok: false, error: { kind: 'empty' } };
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const num = (): number | null => {
    const m = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return Number(m[0]);
  };
  const value = (): Nested | null => {
    ws();
    if (s[i] === '[') {
      i++;
      const items: Nested[] = [];
      ws();
      if (s[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        const v = value();
        if (v === null) return null;
        items.push(v);
        ws();
        if (s[i] === ',') {
          i++;
          ws();
          if (s[i] === ']') {
            i++;
            return items; // a trailing comma, as Python allows
          }
          continue;
        }
        if (s[i] === ']') {
          i++;
          return items;
        }
        return null;
      }
    }
    return num();
  };
  const tree = value();
  ws();
  if (tree === null || i !== s.length) return { ok: false, error: { kind: 'syntax', at: Math.min(i, s.length) } };
  const shape: number[] = [];
  for (let t: Nested = tree; Array.isArray(t); t = t[0]) {
    shape.push(t.length);
    if (t.length === 0) break;
  }
  if (shape.length > 2) return { ok: false, error: { kind: 'depth' } };
  if (shape.includes(0)) return { ok: false, error: { kind: 'empty' } };
  const flat: number[] = [];
  const walk = (t: Nested, depth: number): boolean => {
    if (depth === shape.length) {
      if (Array.isArray(t)) return false;
      flat.push(t);
      return true;
    }
    if (!Array.isArray(t) || t.length !== shape[depth]) return false;
    return t.every((c) => walk(c, depth + 1));
  };
  if (!walk(tree, 0)) return { ok: false, error: { kind: 'ragged' } };
  if (!flat.every(Number.isFinite)) return { ok: false, error: { kind: 'nonfinite' } };
  if (flat.some((v) => Math.abs(v) > maxAbs)) return { ok: false, error: { kind: 'range', max: maxAbs } };
  return { ok: true, value: { shape, data: Float64Array.from(flat) } };
}

export const shapeText = (shape: readonly number[]): string =>
  shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;

/** The tensor as a NumPy literal, each number through `fmt`. */
export function formatTensor(t: Tensor, fmt: (x: number) => string): string {
  if (t.shape.length === 0) return fmt(t.data[0]);
  const row = (o: number, n: number) => `[${Array.from(t.data.subarray(o, o + n), fmt).join(', ')}]`;
  if (t.shape.length === 1) return row(0, t.shape[0]);
  const [r, c] = t.shape;
  return `[${Array.from({ length: r }, (_, i) => row(i * c, c)).join(', ')}]`;
}

/** Rows as (rows, cols) for computing: a vector is one row, a scalar 1×1. */
export const rowsCols = (shape: readonly number[]): [number, number] =>
  shape.length === 2 ? [shape[0], shape[1]] : shape.length === 1 ? [1, shape[0]] : [1, 1];
