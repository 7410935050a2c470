/**
 * Errors of the expression language. Every message is an i18n key `expr.error.<code>` whose
 * text starts with "line {line}, column {col}: ", so `params` always carries line and col.
 */
export const EXPR_ERROR_CODES = [
  'empty',
  'tooLong',
  'tooManyOps',
  'tooDeep',
  'unexpectedChar',
  'caret',
  'badNumber',
  'unexpectedToken',
  'unexpectedEnd',
  'missingParen',
  'notAssignment',
  'unknownFunction',
  'unknownFunctionSuggest',
  'unknownName',
  'unknownNameSuggest',
  'functionAsValue',
  'usedBeforeDefined',
  'redefined',
  'reservedName',
  'alias',
  'constOutput',
  'nonConstExponent',
  'argCount',
  'logDomain',
  'sqrtDomain',
  'divZero',
  'powDomain',
  'overflow',
  'noDerivative',
  'gradOverflow',
] as const;
export type ExprErrorCode = (typeof EXPR_ERROR_CODES)[number];
export type ExprErrorKey = `expr.error.${ExprErrorCode}`;

export interface ExprError {
  /** 1-based, as an editor counts. */
  line: number;
  /** 1-based, in Unicode code points. */
  col: number;
  code: ExprErrorCode;
  params: Record<string, string | number>;
}

export const exprErrorKey = (e: ExprError): ExprErrorKey => `expr.error.${e.code}`;

export const exprError = (
  line: number,
  col: number,
  code: ExprErrorCode,
  params: Record<string, string | number> = {},
): ExprError => ({ line, col, code, params: { ...params, line, col } });

/** Thrown inside the parser only; parseProgram turns it into `{ ok: false }`. */
export class ExprFail extends Error {
  constructor(readonly error: ExprError) {
    super(error.code);
  }
}

export function fail(line: number, col: number, code: ExprErrorCode, params?: Record<string, string | number>): never {
  throw new ExprFail(exprError(line, col, code, params));
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Names people reach for that are far from ours in spelling. */
const SYNONYMS: Record<string, string> = { ln: 'log', maximum: 'max', fabs: 'abs', logistic: 'sigmoid' };

/** The closest candidate within a typo's reach (a third of the name, at least one edit), or null. */
export function didYouMean(name: string, candidates: Iterable<string>): string | null {
  const pool = [...candidates].filter((c) => c !== name);
  const syn = SYNONYMS[name.toLowerCase()];
  if (syn !== undefined && pool.includes(syn)) return syn;
  let best: string | null = null;
  let bestD = Infinity;
  const reach = Math.max(1, Math.floor(name.length / 3));
  for (const c of pool) {
    // A case slip (Exp, LOG) is the likeliest typo of all.
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, c);
    // d < length: a one-letter name is not "close" to every other one-letter name.
    if (d <= reach && d < name.length && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
