import { MATRIX, run, ShapeError, toValue } from '../../engine';
import { MAX_LITERAL_NUMBERS, parseLiteral, rowsCols, shapeText, type Tensor } from '../../tensor/literal';
import type { GraphDef, MatrixGraphDef } from '../types';
import { keepUnlessTooLong, type FieldError, type GraphInputs, type InputSource, type LinkInputs } from './types';

/** Runs a matrix graph on a whole set of inputs: null when every shape fits and every result is finite. */
export function checkMatrixInputs(def: GraphDef, values: Readonly<Record<string, Tensor>>): FieldError | null {
  const d = def.kind === 'matrix' ? def : null;
  if (!d) return { key: 'error.nonfinite' };
  // Two inputs within the size limit can still make a product of 10^8 entries, (10000, 1) · (1, 10000):
  // refuse it before it is computed.
  for (const n of d.graph.nodes) {
    const [a, b] = n.inputs.map((v) => values[v]);
    if (n.op !== 'dot' || !a || !b) continue;
    const shape = [rowsCols(a.shape)[0], rowsCols(b.shape)[1]];
    if (shape[0] * shape[1] > MAX_LITERAL_NUMBERS)
      return { key: 'error.tooBig', name: n.output, shape: shapeText(shape), max: MAX_LITERAL_NUMBERS };
  }
  try {
    const r = run(MATRIX, d.graph, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toValue(v)])));
    const finite =
      Object.values(r.values).every((v) => v.m.data.every(Number.isFinite)) &&
      Object.values(r.grads).every((v) => v.m.data.every(Number.isFinite));
    if (!finite) return { key: 'error.nonfinite' };
  } catch (e) {
    if (e instanceof ShapeError) return { key: 'shape', code: e.code, params: e.params };
    throw e;
  }
  return null;
}

export interface Settled {
  /** The inputs the graph is computed from: the last valid ones with every accepted text applied. */
  tensors: Record<string, Tensor>;
  /** One entry per field that was looked at: its error, or undefined when it is valid now. */
  errors: Record<string, FieldError | undefined>;
}

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

/** The defaults of a matrix graph: every input that has a literal is a field. */
function matrixDefaults(def: MatrixGraphDef): GraphInputs {
  const texts = Object.fromEntries(def.graph.inputs.filter((i) => i.literal !== '').map((i) => [i.name, i.literal]));
  const tensors: Record<string, Tensor> = {};
  for (const [name, text] of Object.entries(texts)) {
    const r = parseLiteral(text);
    if (r.ok) tensors[name] = r.value;
  }
  return Object.freeze({ texts: Object.freeze(texts), values: Object.freeze({}), tensors: Object.freeze(tensors) });
}

/** Affine and Softmax-with-Loss: one NumPy-literal field per input, checked together (settleMatrixTexts). */
export function matrixFields(def: MatrixGraphDef): InputSource {
  const defaults = matrixDefaults(def);
  return {
    name: def.source,
    fields: Object.keys(defaults.texts),
    literalFields: true,
    drawsInline: true,
    linkParams: [],
    defaults,
    edit: (now, edits) => {
      const errors = { ...now.errors };
      const pending = Object.keys(errors).filter((n) => errors[n]);
      const r = settleMatrixTexts(def, { ...now.texts, ...edits }, now.tensors, Object.keys(edits), pending);
      Object.assign(errors, r.errors);
      return { texts: keepUnlessTooLong(now.texts, edits, errors), errors, tensors: r.tensors };
    },
    readLink: (given): LinkInputs => {
      const r = settleMatrixTexts(def, { ...defaults.texts, ...given }, defaults.tensors, Object.keys(given), []);
      const texts = { ...defaults.texts };
      const refused: LinkInputs['refused'] = [];
      for (const [name, text] of Object.entries(given)) {
        const error = r.errors[name];
        if (error) refused.push({ name, error });
        else texts[name] = text;
      }
      return { texts, values: defaults.values, tensors: r.tensors, refused };
    },
    linkValues: (now) =>
      Object.fromEntries(Object.entries(now.texts).filter(([k, v]) => v !== defaults.texts[k] && !now.errors[k])),
    runInputs: (now) => Object.fromEntries(Object.entries(now.tensors).map(([k, v]) => [k, toValue(v)])),
  };
}
