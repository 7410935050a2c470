import { checkMatrixInputs, defaultTensors, graphDef } from '../graphs';
import type { GraphId } from '../graphs/registry';
import type { MessageKey } from '../i18n/msg';
import { parseLiteral, type Tensor } from '../tensor/literal';

/**
 * The guided tour of chapter 5, as data: each stop opens a graph with given inputs at a given
 * step, names what to highlight, and points to its text (two or three sentences per language).
 * A stop with `predict` turns practice mode on and waits, before Next, until the learner has
 * predicted step `step + 1`.
 */

/** Parts of the screen a stop can point at, besides the drawing's nodes and edges. */
export type TourPart = 'values' | 'step' | 'inputs' | 'code' | 'inspector' | 'practice' | 'trace' | 'training';

/** A stop's id, taken from the dictionary's tour.<id>.title keys: a stop without its words fails typecheck. */
export type TourId = MessageKey extends infer K ? (K extends `tour.${infer Id}.title` ? Id : never) : never;

export interface TourStop {
  /** Names its two i18n keys: tour.<id>.title and tour.<id>.text. */
  id: TourId;
  /** The book's section, e.g. "5.6.1". */
  section: string;
  graph: GraphId;
  /** Fields to type (as in the URL); the others keep the book's values. */
  inputs?: Readonly<Record<string, string>>;
  step: number;
  predict?: boolean;
  /** data-id of nodes and edges in the drawing, and parts of the screen. */
  highlight: { ids?: readonly string[]; parts?: readonly TourPart[] };
}

// The book's y = (0.3, 0.2, 0.5) as scores (a = log y), twice: a batch of two with different labels.
const LOG_Y = '[-1.2039728043259361, -1.6094379124341003, -0.6931471805599453]';

export const TOUR: readonly TourStop[] = [
  {
    id: 'local',
    section: '5.1.1',
    graph: 'apple',
    step: 2,
    highlight: { ids: ['mul_apple', 'mul_tax', 'apple_price->mul_tax#0', 'price->out'] },
  },
  {
    id: 'why',
    section: '5.1.3',
    graph: 'apple',
    step: 4,
    highlight: { ids: ['apple->mul_apple#0'], parts: ['values'] },
  },
  {
    id: 'chain',
    section: '5.2',
    graph: 'chain-rule',
    step: 3,
    highlight: { ids: ['square', 't->square#0'], parts: ['step'] },
  },
  {
    id: 'add',
    section: '5.3.1',
    graph: 'chain-rule',
    step: 3,
    predict: true,
    highlight: { ids: ['add'], parts: ['practice'] },
  },
  {
    id: 'mul',
    section: '5.3.2',
    graph: 'apple',
    step: 2,
    predict: true,
    highlight: { ids: ['mul_tax'], parts: ['practice'] },
  },
  {
    id: 'fruit',
    section: '5.3.3',
    graph: 'apple-orange',
    step: 5,
    predict: true,
    highlight: { ids: ['add_apple_orange', 'all_price->mul_tax#0'], parts: ['practice'] },
  },
  {
    id: 'layers',
    section: '5.4',
    graph: 'apple-orange',
    step: 7,
    highlight: { ids: ['mul_orange'], parts: ['code'] },
  },
  {
    id: 'relu',
    section: '5.5.1',
    graph: 'relu',
    inputs: { x: '-1' },
    step: 1,
    predict: true,
    highlight: { ids: ['relu'], parts: ['code', 'practice'] },
  },
  {
    id: 'sigmoid',
    section: '5.5.2',
    graph: 'sigmoid',
    step: 5,
    predict: true,
    highlight: { ids: ['recip', 'plus1', 'c->recip#0'], parts: ['practice'] },
  },
  {
    id: 'sigmoidOne',
    section: '5.5.2',
    graph: 'sigmoid-simple',
    step: 2,
    highlight: { ids: ['sigmoid'], parts: ['values'] },
  },
  {
    id: 'dW',
    section: '5.6.1',
    graph: 'affine',
    step: 3,
    predict: true,
    highlight: { ids: ['dot', 'X->dot#0', 'W->dot#1', 'X_dot_W->add#0'], parts: ['values', 'practice'] },
  },
  {
    id: 'dB',
    section: '5.6.2',
    graph: 'affine',
    step: 2,
    predict: true,
    highlight: { ids: ['add', 'B->add#1'], parts: ['inputs', 'practice'] },
  },
  {
    id: 'softmax',
    section: '5.6.3',
    graph: 'softmax-loss',
    step: 3,
    predict: true,
    highlight: { ids: ['softmax', 'y->cee#0'], parts: ['values', 'practice'] },
  },
  {
    id: 'oneHot',
    section: '5.6.3',
    graph: 'softmax-loss',
    step: 2,
    highlight: { ids: ['in:t', 't->cee#1', 'cee'], parts: ['inputs'] },
  },
  {
    id: 'batch',
    section: '5.6.3',
    graph: 'softmax-loss',
    inputs: { a: `[${LOG_Y}, ${LOG_Y}]`, t: '[[0, 1, 0], [0, 0, 1]]' },
    step: 4,
    highlight: { ids: ['a->softmax#0'], parts: ['values', 'step'] },
  },
  {
    id: 'net',
    section: '5.7.2',
    graph: 'two-layer-net',
    step: 4,
    predict: true,
    highlight: { ids: ['loss', 'a2->loss#0'], parts: ['practice'] },
  },
  {
    id: 'dW1',
    section: '5.7.2',
    graph: 'two-layer-net',
    step: 7,
    predict: true,
    highlight: { ids: ['affine1', 'W1->affine1#1'], parts: ['practice', 'trace'] },
  },
  {
    id: 'kink',
    section: '5.7.3',
    graph: 'relu',
    inputs: { x: '0' },
    step: 2,
    highlight: { ids: ['relu'], parts: ['values'] },
  },
  {
    id: 'train',
    section: '5.7.4',
    graph: 'two-layer-net',
    step: 8,
    highlight: { parts: ['training'] },
  },
];

export const tourTitle = (s: TourStop): MessageKey => `tour.${s.id}.title`;
export const tourText = (s: TourStop): MessageKey => `tour.${s.id}.text`;

/** A stop from the URL's `tour=N` (1-based, as a teacher says "stop 7"); null when it is not one. */
export function tourIndex(raw: string | null): number | null {
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const i = Number(raw) - 1;
  return i >= 0 && i < TOUR.length ? i : null;
}

/**
 * A matrix stop's inputs, checked together: a batch changes the shapes of a and t at once,
 * which no single field edit can (each would clash with the other's old shape). Null when the
 * stop is not a matrix stop with inputs, or they do not fit.
 */
export function stopTensors(stop: TourStop): Record<string, Tensor> | null {
  const entries = Object.entries(stop.inputs ?? {});
  const def = graphDef(stop.graph);
  if (def.kind !== 'matrix' || entries.length === 0) return null;
  const tensors: Record<string, Tensor> = { ...defaultTensors(def) };
  for (const [name, text] of entries) {
    const p = parseLiteral(text);
    if (!p.ok) return null;
    tensors[name] = p.value;
  }
  return checkMatrixInputs(def, tensors) === null ? tensors : null;
}
