import { CLASSES, PIXELS } from '../constants';

/**
 * The family of nets the trainer runs: the book's MultiLayerNetExtend (6.4,
 * common/multi_layer_net_extend.py). Per hidden layer Affine → BatchNorm (optional) →
 * Activation → Dropout (optional), then Affine → SoftmaxWithLoss. The book's TwoLayerNet
 * (784-50-10, ReLU) is the one-hidden-layer member without batch norm or dropout.
 */
export type Activation = 'relu' | 'sigmoid';

export interface NetArch {
  /** Hidden layer sizes, 1 to MAX_LAYERS of 1 to MAX_UNITS each. */
  hidden: number[];
  activation: Activation;
  batchNorm: boolean;
  /** The book's dropout_ration; 0 means no Dropout layers. */
  dropout: number;
}

export const MAX_LAYERS = 10;
export const MAX_UNITS = 1000;

export const TWO_LAYER_ARCH: NetArch = { hidden: [50], activation: 'relu', batchNorm: false, dropout: 0 };

/** Input, hidden and output sizes: [784, ...hidden, 10]. */
export const layerSizes = (a: NetArch): number[] => [PIXELS, ...a.hidden, CLASSES];

/** Affine layers: hidden layers + 1. */
export const affineCount = (a: NetArch): number => a.hidden.length + 1;

/** The book's TwoLayerNet: one hidden ReLU layer, no batch norm, no dropout (its graph can be traced as chapter 5 draws it). */
export const isTwoLayer = (a: NetArch): boolean =>
  a.hidden.length === 1 && a.activation === 'relu' && !a.batchNorm && a.dropout === 0;

/**
 * Every array of a net, by the names the book's params dict uses (W1…Wn, b1…bn, gamma1…,
 * beta1…) and, for batch norm, the layers' running averages as `running_mean1…`,
 * `running_var1…` (in the book they live on BatchNormalization, not in params), with
 * NumPy's shapes. In this order: the order of export and of the flat layouts.
 */
export function paramShapes(a: NetArch): [string, number[]][] {
  const sizes = layerSizes(a);
  const out: [string, number[]][] = [];
  for (let i = 1; i < sizes.length; i++) {
    out.push([`W${i}`, [sizes[i - 1], sizes[i]]]);
    out.push([`b${i}`, [sizes[i]]]);
  }
  if (a.batchNorm) {
    for (let i = 1; i <= a.hidden.length; i++) out.push([`gamma${i}`, [a.hidden[i - 1]]]);
    for (let i = 1; i <= a.hidden.length; i++) out.push([`beta${i}`, [a.hidden[i - 1]]]);
  }
  return out;
}

/** The running averages of batch norm (state, not trained): names and shapes. */
export function stateShapes(a: NetArch): [string, number[]][] {
  if (!a.batchNorm) return [];
  const out: [string, number[]][] = [];
  for (let i = 1; i <= a.hidden.length; i++) out.push([`running_mean${i}`, [a.hidden[i - 1]]]);
  for (let i = 1; i <= a.hidden.length; i++) out.push([`running_var${i}`, [a.hidden[i - 1]]]);
  return out;
}

/** Trained params then state: every array a snapshot holds. */
export const tensorShapes = (a: NetArch): [string, number[]][] => [...paramShapes(a), ...stateShapes(a)];

export const sizeOf = (shape: number[]): number => shape.reduce((x, y) => x * y, 1);

/** "784-100-100-10": the book's way of naming a net. */
export const archName = (a: NetArch): string => layerSizes(a).join('-');
