import { custom } from './custom';
import { affine, softmaxLoss, twoLayerNet } from './matrixGraphs';
import { apple, appleOrange, chainRule, relu, sigmoid, sigmoidSimple } from './scalarGraphs';
import type { GraphDef } from './types';

/** Every graph the Graph combobox offers, in the book's order. GraphId derives from it. */
const REGISTRY = {
  apple,
  'apple-orange': appleOrange,
  'chain-rule': chainRule,
  sigmoid,
  'sigmoid-simple': sigmoidSimple,
  relu,
  affine,
  'softmax-loss': softmaxLoss,
  'two-layer-net': twoLayerNet,
  custom,
} satisfies Record<string, GraphDef>;

export type GraphId = keyof typeof REGISTRY;
export const GRAPHS: Readonly<Record<GraphId, GraphDef>> = REGISTRY;
export const GRAPH_IDS = Object.keys(REGISTRY) as GraphId[];

export const isGraphId = (id: string | null): id is GraphId => id !== null && Object.hasOwn(REGISTRY, id);
export const graphDef = (id: GraphId): GraphDef => GRAPHS[id];

/** The graph a first visit opens: the book's first full example, buying apples and oranges. */
export const DEFAULT_GRAPH: GraphId = 'apple-orange';
