import { describe, expect, it } from 'vitest';
import { isPlainNumber, isSpace, scanNumber } from './number';
import { mulberry32, randInt } from './random';

// The grammar the scanner replaces, as the regular expression it was (fine on short strings).
const OLD = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i;

describe('scanNumber', () => {
  it('scans plain decimal numbers and stops where they end', () => {
    for (const [s, n] of [
      ['1', 1],
      ['-2.5', 4],
      ['.5', 2],
      ['3.', 2],
      ['+6e-3', 5],
      ['2e', 1],
      ['2e+', 1],
      ['1.5.2', 3],
      ['.', 0],
      ['-', 0],
      ['-.e1', 0],
      ['abc', 0],
      ['1,2', 1],
    ] as const)
      expect(scanNumber(s, 0), s).toBe(n);
    expect(scanNumber('[12, 3]', 1)).toBe(3);
    expect(scanNumber('123456', 0, 3)).toBe(3);
  });
  it('agrees with the old regular expression on 20,000 random strings', () => {
    const rng = mulberry32(8);
    const alphabet = '0123456789.eE+- x';
    for (let k = 0; k < 20000; k++) {
      const s = Array.from({ length: randInt(rng, 12) }, () => alphabet[randInt(rng, alphabet.length)]).join('');
      expect(scanNumber(s, 0), JSON.stringify(s)).toBe(OLD.exec(s)?.[0].length ?? 0);
      expect(isPlainNumber(s), JSON.stringify(s)).toBe(s.length > 0 && OLD.exec(s)?.[0].length === s.length);
    }
  });
  it('reads a million digits with a bad ending, which made the old expression backtrack quadratically', () => {
    const s = `${'1'.repeat(1_000_000)}x`;
    expect(scanNumber(s, 0)).toBe(1_000_000);
    expect(isPlainNumber(s)).toBe(false);
  });
  it('knows the white space that trim removes', () => {
    for (const c of ' \t\n\r\v\f\u00a0\u2028\u3000\ufeff') expect(isSpace(c.charCodeAt(0))).toBe(c.trim() === '');
    const differ: string[] = [];
    for (let c = 0; c < 0x10000; c++)
      if (isSpace(c) !== (String.fromCharCode(c).trim() === '')) differ.push(c.toString(16));
    expect(differ).toEqual([]);
  });
});
