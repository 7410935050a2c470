import { fail } from './errors';

/** The functions of the language; each is the op of the same name. */
export const FUNCTIONS = ['exp', 'log', 'sqrt', 'sigmoid', 'relu', 'tanh', 'sin', 'cos', 'abs', 'max'] as const;
export type Fn = (typeof FUNCTIONS)[number];
export const isFn = (s: string): s is Fn => (FUNCTIONS as readonly string[]).includes(s);

/** Operator tokens. `×`, `÷` and `−` (as this app prints them) are read as `*`, `/` and `-`. */
export type OpText = '+' | '-' | '*' | '/' | '**' | '(' | ')' | ',' | '=';

export type Token =
  | { t: 'num'; value: number; text: string; col: number }
  /** A name; `np.exp` and `math.exp` keep their module prefix here. */
  | { t: 'name'; text: string; col: number }
  | { t: 'op'; text: OpText; col: number }
  /** End of the line (a comment ends it too); col is just after the last token. */
  | { t: 'end'; col: number };

// Single code points only, so these never backtrack.
const ID_START = /^[\p{L}\p{Nl}_]$/u;
const ID_CONTINUE = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]$/u;
const SPACE = new Set([' ', '\t', '\f', '\v', '\u00a0', '\u3000', '\ufeff']);
const MODULES = new Set(['np', 'numpy', 'math']);
const SINGLE: Record<string, OpText> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '/': '/',
  '÷': '/',
  '×': '*',
  '(': '(',
  ')': ')',
  ',': ',',
  '=': '=',
};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdStart = (c: string | undefined): boolean => c !== undefined && ID_START.test(c);
const isIdContinue = (c: string | undefined): boolean => c !== undefined && ID_CONTINUE.test(c);

/** Splits one line, given as code points so that columns count characters, into tokens. */
export function lexLine(c: readonly string[], line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let end = 0;
  while (i < c.length) {
    const ch = c[i];
    if (SPACE.has(ch)) {
      i++;
      continue;
    }
    if (ch === '#') break;
    const col = i + 1;
    if (isDigit(ch) || (ch === '.' && isDigit(c[i + 1]))) {
      i = readNumber(c, i, line, tokens);
    } else if (isIdStart(ch)) {
      let j = i + 1;
      while (isIdContinue(c[j])) j++;
      let text = c.slice(i, j).join('');
      // np.exp(a), as the book writes it.
      if (MODULES.has(text) && c[j] === '.' && isIdStart(c[j + 1])) {
        let k = j + 2;
        while (isIdContinue(c[k])) k++;
        text = c.slice(i, k).join('');
        j = k;
      }
      tokens.push({ t: 'name', text, col });
      i = j;
    } else if (ch === '*') {
      const pow = c[i + 1] === '*';
      tokens.push({ t: 'op', text: pow ? '**' : '*', col });
      i += pow ? 2 : 1;
    } else if (ch in SINGLE) {
      tokens.push({ t: 'op', text: SINGLE[ch], col });
      i++;
    } else if (ch === '^') {
      fail(line, col, 'caret');
    } else {
      fail(line, col, 'unexpectedChar', { char: ch });
    }
    end = i;
  }
  tokens.push({ t: 'end', col: end + 1 });
  return tokens;
}

/** Python's decimal literals: 2, 2., .5, 1e-3, 1_000. Returns the index after the number. */
function readNumber(c: readonly string[], start: number, line: number, tokens: Token[]): number {
  const bad = (at: number): never => {
    let j = at;
    while (isIdContinue(c[j]) || c[j] === '.') j++;
    return fail(line, start + 1, 'badNumber', { text: c.slice(start, Math.max(j, at + 1)).join('') });
  };
  const digits = (j: number): number => {
    if (!isDigit(c[j])) bad(j);
    while (isDigit(c[j]) || (c[j] === '_' && isDigit(c[j + 1]))) j++;
    return j;
  };
  let i = start;
  if (c[i] !== '.') i = digits(i);
  if (c[i] === '.') {
    i++;
    if (isDigit(c[i])) i = digits(i);
  }
  if (c[i] === 'e' || c[i] === 'E') {
    let j = i + 1;
    if (c[j] === '+' || c[j] === '-') j++;
    i = digits(j);
  }
  // 2x, 1_, 1e: Python calls these invalid decimal literals.
  if (isIdContinue(c[i]) || c[i] === '.') bad(i);
  const text = c.slice(start, i).join('');
  tokens.push({ t: 'num', value: Number(text.replaceAll('_', '')), text, col: start + 1 });
  return i;
}
