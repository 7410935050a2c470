/**
 * One hand-written scanner for the plain decimal numbers every field accepts: `1`, `-2.5`,
 * `.5`, `3.`, `6e-3` (Python's float literals without `inf`/`nan`/underscores). It looks at each
 * character once, so a field of any length costs time proportional to its length; the regular
 * expression it replaces backtracked quadratically on a long run of digits with a bad ending.
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57; // 0-9

/** Runs of digits from `i`: the index after the last one. */
function digits(s: string, i: number, end: number): number {
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/**
 * The longest number that starts at `i` (and ends by `end`): the index just past it, or `i`
 * itself when no number starts there. An `e` without exponent digits is not part of the number,
 * so `2e` scans as `2` and the caller sees the stray `e`.
 */
export function scanNumber(s: string, i: number, end: number = s.length): number {
  let j = i;
  const sign = s.charCodeAt(j);
  if (sign === 43 || sign === 45) j++; // + -
  const intEnd = digits(s, j, end);
  let k = intEnd;
  let fracDigits = 0;
  if (k < end && s.charCodeAt(k) === 46) {
    // .
    const fracEnd = digits(s, k + 1, end);
    fracDigits = fracEnd - (k + 1);
    k = fracEnd;
  }
  if (intEnd === j && fracDigits === 0) return i; // no digit at all: "", "+", ".", "-."
  const e = k < end ? s.charCodeAt(k) : 0;
  if (e === 101 || e === 69) {
    // e E
    let m = k + 1;
    const es = m < end ? s.charCodeAt(m) : 0;
    if (es === 43 || es === 45) m++;
    const expEnd = digits(s, m, end);
    if (expEnd > m) k = expEnd;
  }
  return k;
}

/** Whether the whole (already trimmed) text is one plain number. */
export const isPlainNumber = (t: string): boolean => t.length > 0 && scanNumber(t, 0) === t.length;

/**
 * White space as `String.prototype.trim` knows it, so that the literal parser skips exactly
 * what trimming removes.
 */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
