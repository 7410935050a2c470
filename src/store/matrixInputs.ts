import { checkMatrixInputs, type FieldError, type GraphDef } from '../graphs';
import { parseLiteral, type Tensor } from '../tensor/literal';

export interface Settled {
  /** The inputs the graph is computed from: the last valid ones with every accepted text applied. */
  tensors: Record<string, Tensor>;
  /** One entry per field that was looked at: its error, or undefined when it is valid now. */
  errors: Record<string, FieldError | undefined>;
}

/** Whether a field's text was over its size limit (and so is not kept in the field). */
export const isTooLong = (e: FieldError | undefined): boolean =>
  e?.key === 'error.tooLong' || (e?.key === 'literal' && e.error.kind === 'tooLong');

/** Past this many pending fields, try them one at a time instead of every combination. */
const MAX_SUBSET_FIELDS = 6;

/**
 * Validates a set of matrix fields together. The shapes of a graph's inputs depend on each
 * other (the batch size is in X and dY, the classes in a and t), so changing one shape takes two
 * edits, and the first always clashes with the old value of the second. Checking each field
 * against the last valid graph alone would flag both for ever; here the fields just `edited`
 * and the ones still flagged from before (`pending`) are tried together, and the largest group
 * of them that makes the graph fit is accepted. A field that joins no such group is flagged,
 * with the message its own text gives against the graph as it now is.
 */
export function settleMatrixTexts(
  def: GraphDef,
  texts: Readonly<Record<string, string>>,
  valid: Readonly<Record<string, Tensor>>,
  edited: readonly string[],
  pending: readonly string[],
): Settled {
  const errors: Record<string, FieldError | undefined> = {};
  const parsed: Record<string, Tensor> = {};
  // Edited fields first, so that among groups of the same size the learner's latest edit wins.
  const order = [...new Set([...edited, ...pending])].filter((n) => n in texts);
  for (const name of order) {
    const p = parseLiteral(texts[name]);
    if (p.ok) parsed[name] = p.value;
    else errors[name] = { key: 'literal', error: p.error };
  }
  const candidates = order.filter((n) => n in parsed);
  const apply = (names: readonly string[]) => {
    const out: Record<string, Tensor> = { ...valid };
    for (const n of names) out[n] = parsed[n];
    return out;
  };
  let accepted: string[] = [];
  if (candidates.length > 0 && candidates.length <= MAX_SUBSET_FIELDS) {
    // Every subset, largest first; within a size the order of `candidates` decides.
    const subsets: string[][] = [];
    for (let mask = 1; mask < 1 << candidates.length; mask++)
      subsets.push(candidates.filter((_, i) => mask & (1 << i)));
    subsets.sort((a, b) => b.length - a.length);
    accepted = subsets.find((s) => checkMatrixInputs(def, apply(s)) === null) ?? [];
  } else {
    // Greedy, until no field is added in a whole pass.
    for (let grew = true; grew;) {
      grew = false;
      for (const n of candidates) {
        if (accepted.includes(n)) continue;
        if (checkMatrixInputs(def, apply([...accepted, n])) === null) {
          accepted.push(n);
          grew = true;
        }
      }
    }
  }
  const tensors = apply(accepted);
  for (const n of candidates) {
    if (accepted.includes(n)) errors[n] = undefined;
    else errors[n] = checkMatrixInputs(def, { ...tensors, [n]: parsed[n] }) ?? undefined;
  }
  return { tensors, errors };
}
