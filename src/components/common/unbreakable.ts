/** A piece of a text, and whether a line may break inside it. */
export interface TextRun {
  text: string;
  keep: boolean;
}

/**
 * What a line must not break inside: a row of numbers in brackets (the innermost brackets of a
 * NumPy literal, "[1, 2, 3]", or a vector) with the matrix's own bracket where it opens or closes
 * (so no "[" or "]" is left alone on a line), and a shape ("(2, 3)", "(3,)", "(3,)ᵀ", "()").
 * Between the rows of a matrix ("], [") the line may still break, after the comma.
 */
const UNIT = /\[?\[[^[\]]*\]\]?|\((?:\d+(?:,\s*\d+)*,?)?\)ᵀ?/g;

/** The text cut into runs that may break and runs that may not; joined, they are the text. */
export function unbreakableRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of text.matchAll(UNIT)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), keep: false });
    runs.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), keep: false });
  return runs;
}
