import {
  checkInputs,
  MATRIX,
  parseScalar,
  run,
  SCALAR,
  shortQuote,
  ShapeError,
  toValue,
  variables,
  type ExprError,
  type ShapeErrorCode,
  type Values,
} from '../engine';
import type { Lang } from '../i18n';
import {
  MAX_LITERAL_NUMBERS,
  parseLiteral,
  rowsCols,
  shapeText,
  type LiteralError,
  type Tensor,
} from '../tensor/literal';
import { BOOK_CODE_KO } from './codeKo';
import { GRAPH_IDS, graphDef, isGraphId, type GraphId } from './registry';
import type { BookCode, GraphDef, MatrixGraphDef, ScalarGraphDef } from './types';

export * from './types';
export * from './registry';

/** The graphs the Graph combobox offers, in the book's order. */
export const AVAILABLE_GRAPHS: readonly GraphId[] = GRAPH_IDS;
export const isAvailable = isGraphId;

export function scalarDef(id: GraphId): ScalarGraphDef | null {
  const d = graphDef(id);
  return d.kind === 'scalar' ? d : null;
}
export function matrixDef(id: GraphId): MatrixGraphDef | null {
  const d = graphDef(id);
  return d.kind === 'matrix' ? d : null;
}

export const stepCount = (def: GraphDef): number => 2 * def.graph.nodes.length;

/** The book's code in the page's language: the Korean edition's comments for Korean readers. */
export const codeFor = (def: GraphDef, lang: Lang): BookCode =>
  lang === 'ko' ? (def.codeKo ?? BOOK_CODE_KO[def.id] ?? def.code) : def.code;

/** The names of the fields a definition offers: every input, or the matrix inputs that have a literal. */
export const fieldNames = (def: GraphDef): string[] =>
  def.kind === 'scalar'
    ? def.graph.inputs.map((i) => i.name)
    : def.graph.inputs.filter((i) => i.literal !== '').map((i) => i.name);

// Cached per definition so that store selectors get the same object each time (a new one each
// call would re-render forever).
const textCache = new WeakMap<GraphDef, Readonly<Record<string, string>>>();
const valueCache = new WeakMap<GraphDef, Readonly<Values>>();
const tensorCache = new WeakMap<GraphDef, Readonly<Record<string, Tensor>>>();

function cached<T>(cache: WeakMap<GraphDef, T>, def: GraphDef, make: () => T): T {
  let v = cache.get(def);
  if (v === undefined) cache.set(def, (v = Object.freeze(make())));
  return v;
}

export const defaultTexts = (def: GraphDef): Readonly<Record<string, string>> =>
  cached(textCache, def, () =>
    Object.fromEntries(
      def.kind === 'scalar'
        ? def.graph.inputs.map((i) => [i.name, String(i.default)])
        : def.graph.inputs.filter((i) => i.literal !== '').map((i) => [i.name, i.literal]),
    ),
  );

export const defaultValues = (def: GraphDef): Readonly<Values> =>
  cached(valueCache, def, () =>
    def.kind === 'scalar' ? Object.fromEntries(def.graph.inputs.map((i) => [i.name, i.default])) : {},
  );

export const defaultTensors = (def: GraphDef): Readonly<Record<string, Tensor>> =>
  cached(tensorCache, def, () => {
    const out: Record<string, Tensor> = {};
    if (def.kind !== 'matrix') return out;
    for (const [name, text] of Object.entries(defaultTexts(def))) {
      const r = parseLiteral(text);
      if (r.ok) out[name] = r.value;
    }
    return out;
  });

export type FieldError =
  | { key: 'error.empty' }
  | { key: 'error.nan'; text: string }
  | { key: 'error.range'; min: number; max: number }
  | { key: 'error.tooLong'; length: number; max: number }
  | { key: 'error.tooBig'; name: string; shape: string; max: number }
  | { key: 'error.nonfinite' }
  | { key: 'literal'; error: LiteralError }
  | { key: 'shape'; code: ShapeErrorCode; params: Record<string, string | number> }
  | { key: 'expr'; error: ExprError };

type EditResult<T> = { ok: true; values: T } | { ok: false; error: FieldError };

/**
 * Checks one edited scalar field against the graph: the text must parse and be in range, and
 * the whole graph must stay finite with it (exp can overflow).
 */
export function validateEdit(def: GraphDef, name: string, text: string, current: Values): EditResult<Values> {
  const d = def.kind === 'scalar' ? def : null;
  const spec = d?.graph.inputs.find((i) => i.name === name);
  if (!d || !spec) return { ok: false, error: { key: 'error.nan', text: shortQuote(text) } };
  const p = parseScalar(text, spec.min, spec.max);
  if (!p.ok) {
    if (p.error === 'tooLong') return { ok: false, error: { key: 'error.tooLong', length: text.length, max: p.max } };
    if (p.error === 'empty') return { ok: false, error: { key: 'error.empty' } };
    if (p.error === 'nan') return { ok: false, error: { key: 'error.nan', text: shortQuote(text) } };
    return { ok: false, error: { key: 'error.range', min: spec.min, max: spec.max } };
  }
  const values = { ...current, [name]: p.value };
  // The learner's own graph says which operation leaves its domain, and where.
  const domain = d.program ? checkInputs(d.program, values) : null;
  if (domain) return { ok: false, error: { key: 'expr', error: domain } };
  const r = run(SCALAR, d.graph, values);
  const finite = variables(d.graph).every((v) => Number.isFinite(r.values[v]) && Number.isFinite(r.grads[v]));
  if (!finite) return { ok: false, error: { key: 'error.nonfinite' } };
  return { ok: true, values };
}

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
