import { describe, expect, it } from 'vitest';
import {
  MAX_LITERAL_CHARS,
  MAX_LITERAL_NUMBERS,
  parseLiteral,
  parseLiteralCounted,
  type LiteralError,
} from './literal';
import { parseScalar } from '../engine/format';
import { mulberry32, randInt, type Rng } from './random';

const KINDS: LiteralError['kind'][] = [
  'empty',
  'syntax',
  'ragged',
  'depth',
  'nonfinite',
  'range',
  'tooLong',
  'tooMany',
];
const UNLIMITED = { maxChars: Infinity, maxNumbers: Infinity };

/**
 * Every input gets an answer of the parser's own (never an exception, never a stack overflow),
 * and the characters it looks at stay within a small multiple of the input's length: the work is
 * linear, with no recursion and no backtracking that could grow faster.
 */
function check(text: string, limits = {}): ReturnType<typeof parseLiteralCounted> {
  let r: ReturnType<typeof parseLiteralCounted> | undefined;
  expect(() => (r = parseLiteralCounted(text, limits))).not.toThrow();
  const { result, steps } = r!;
  if (!result.ok) expect(KINDS).toContain(result.error.kind);
  expect(steps).toBeLessThanOrEqual(3 * text.length + 4);
  return r!;
}

const pick = (rng: Rng, xs: readonly string[]) => xs[randInt(rng, xs.length)];

/** A number as a person might write it, and its value. */
function randomNumber(rng: Rng): [string, number] {
  const v = (rng() - 0.5) * 10 ** randInt(rng, 7);
  const forms = [String(v), v.toFixed(randInt(rng, 4)), v.toExponential(randInt(rng, 5)), String(Math.round(v))];
  let s = pick(rng, forms);
  if (rng() < 0.1 && !s.startsWith('-')) s = `+${s}`;
  return [s, Number(s)];
}

/** A valid literal with random blanks and trailing commas, with its shape and entries. */
function randomLiteral(rng: Rng): { text: string; shape: number[]; data: number[] } {
  const ws = () => pick(rng, ['', '', ' ', '  ', '\n', '\t']);
  const comma = () => (rng() < 0.2 ? `${ws()},` : '');
  const data: number[] = [];
  const row = (n: number) => {
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      const [s, v] = randomNumber(rng);
      parts.push(`${ws()}${s}${ws()}`);
      data.push(v);
    }
    return `[${parts.join(',')}${comma()}]`;
  };
  const dims = randInt(rng, 3);
  if (dims === 0) {
    const [s, v] = randomNumber(rng);
    return { text: `${ws()}${s}${ws()}`, shape: [], data: [v] };
  }
  const cols = 1 + randInt(rng, 6);
  if (dims === 1) return { text: `${ws()}${row(cols)}${ws()}`, shape: [cols], data };
  const rows = 1 + randInt(rng, 5);
  const text = `${ws()}[${Array.from({ length: rows }, () => `${ws()}${row(cols)}${ws()}`).join(',')}${comma()}]${ws()}`;
  return { text, shape: [rows, cols], data };
}

describe('the literal parser under fuzzing', () => {
  it('answers 5,000 random strings with a result of its own, in linear work', () => {
    const rng = mulberry32(1);
    const alphabet = '[[[]]],,, 0123456789.-+eExaN\t\n';
    for (let k = 0; k < 5000; k++) {
      const n = randInt(rng, k < 4000 ? 40 : 3000);
      check(Array.from({ length: n }, () => alphabet[randInt(rng, alphabet.length)]).join(''));
    }
  });
  it('reads back 3,000 random valid literals exactly', () => {
    const rng = mulberry32(2);
    for (let k = 0; k < 3000; k++) {
      const { text, shape, data } = randomLiteral(rng);
      const { result } = check(text, { maxAbs: Infinity });
      expect(result.ok, text).toBe(true);
      if (!result.ok) continue;
      expect(result.value.shape, text).toEqual(shape);
      expect(Array.from(result.value.data), text).toEqual(data);
    }
  });
  it('mutated valid literals never throw', () => {
    const rng = mulberry32(3);
    for (let k = 0; k < 3000; k++) {
      const chars = [...randomLiteral(rng).text];
      for (let m = randInt(rng, 4); m >= 0; m--) {
        const at = randInt(rng, chars.length + 1);
        const op = randInt(rng, 3);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, pick(rng, ['[', ']', ',', '.', 'e', '-', ' ', 'x']));
        else chars.splice(at, 0, ...chars.slice(at, at + randInt(rng, 8)));
      }
      check(chars.join(''));
    }
  });
  it('deep nesting up to a million brackets: the third level ends it, with no stack to overflow', () => {
    for (const n of [3, 9000, 1_000_000]) {
      const { result, steps } = check('['.repeat(n), UNLIMITED);
      expect(result).toEqual({ ok: false, error: { kind: 'depth' } });
      expect(steps).toBeLessThan(10);
      check(`${'['.repeat(n)}1${']'.repeat(n)}`, UNLIMITED);
      check(']'.repeat(n), UNLIMITED);
      check('[['.repeat(n), UNLIMITED);
      check('[[1], '.repeat(n), UNLIMITED);
      check('[1, '.repeat(n), UNLIMITED);
    }
    // The link that used to blank the page: `W=` and 9,000 `[`, with the field's own limits.
    expect(parseLiteral('['.repeat(9000))).toEqual({ ok: false, error: { kind: 'depth' } });
  });
  it('huge inputs: parsed in linear work when allowed, refused before reading when not', () => {
    const n = 1_000_000;
    const vector = `[${'1.5, '.repeat(n)}]`;
    const v = check(vector, UNLIMITED).result;
    expect(v.ok && v.value.shape).toEqual([n]);
    const rows = `[${'[1, 2], '.repeat(n / 2)}]`;
    const m = check(rows, UNLIMITED).result;
    expect(m.ok && m.value.shape).toEqual([n / 2, 2]);
    expect(check(`[${'[1, 2], '.repeat(n / 2)}[1]]`, UNLIMITED).result).toMatchObject({ error: { kind: 'ragged' } });
    expect(check(`${'1'.repeat(n)}x`, UNLIMITED).result).toMatchObject({ error: { kind: 'syntax', at: n } });

    // An 8 MB paste: refused at once, nothing read.
    const paste = `[${'1, '.repeat((8 * 2 ** 20) / 3)}]`;
    const big = parseLiteralCounted(paste);
    expect(big.result).toEqual({ ok: false, error: { kind: 'tooLong', length: paste.length, max: MAX_LITERAL_CHARS } });
    expect(big.steps).toBe(0);
    // Under the length limit but over the count.
    expect(parseLiteral(`[${'1,'.repeat(MAX_LITERAL_NUMBERS + 1)}]`)).toEqual({
      ok: false,
      error: { kind: 'tooMany', max: MAX_LITERAL_NUMBERS },
    });
    expect(parseLiteral(`[${'1,'.repeat(MAX_LITERAL_NUMBERS)}]`).ok).toBe(true);
  });
});

describe('the scalar parser under fuzzing', () => {
  it('answers random strings with its own error and refuses long ones before reading', () => {
    const rng = mulberry32(4);
    const alphabet = '0123456789.eE+- xNaInfity';
    for (let k = 0; k < 5000; k++) {
      const s = Array.from({ length: randInt(rng, 30) }, () => alphabet[randInt(rng, alphabet.length)]).join('');
      const r = parseScalar(s, -1e6, 1e6);
      if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
      else expect(['empty', 'nan', 'range', 'tooLong']).toContain(r.error);
    }
    expect(parseScalar(`${'1'.repeat(999)}x`, 0, 1)).toMatchObject({ ok: false, error: 'nan' });
    expect(parseScalar('9'.repeat(100 * 1024), 0, 1)).toMatchObject({ ok: false, error: 'tooLong', max: 1000 });
  });
});
