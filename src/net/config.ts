import type { DType } from '../tensor/matrix';
import type { Activation, NetArch } from './arch';
import type { OptimizerName } from './optimizers';
import { TRAIN_IMAGES } from '../constants';

/** The book's weight_init_std: 'he' (its 'relu'), 'xavier' (its 'sigmoid'), or `weightInitStd` itself. */
export type WeightInitKind = 'he' | 'xavier' | 'std';

/** Everything a training run is made of: the net, its optimizer, its data and its loop. */
export interface TrainConfig {
  /** Hidden layer sizes (the book's hidden_size_list). */
  hidden: number[];
  activation: Activation;
  weightInit: WeightInitKind;
  /** The standard deviation when weightInit is 'std'. */
  weightInitStd: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** Momentum and Nesterov's α. */
  momentum: number;
  /** RMSprop's decay_rate. */
  decayRate: number;
  /** Adam's β1 and β2. */
  beta1: number;
  beta2: number;
  /** λ of the weight decay (0: none). */
  weightDecay: number;
  batchNorm: boolean;
  /** Dropout ratio (0: no Dropout layers). */
  dropout: number;
  /** The first N training images are the training set (the overfitting experiments use 300). */
  trainImages: number;
  batchSize: number;
  iterations: number;
  seed: number;
  dtype: DType;
}

/** train_neuralnet.py: TwoLayerNet 784-50-10, SGD 0.1, batch 100, 10,000 iterations, std 0.01; the book's optimizer defaults. */
export const BOOK_CONFIG: TrainConfig = {
  hidden: [50],
  activation: 'relu',
  weightInit: 'std',
  weightInitStd: 0.01,
  optimizer: 'SGD',
  learningRate: 0.1,
  momentum: 0.9,
  decayRate: 0.99,
  beta1: 0.9,
  beta2: 0.999,
  weightDecay: 0,
  batchNorm: false,
  dropout: 0,
  trainImages: TRAIN_IMAGES,
  batchSize: 100,
  iterations: 10000,
  seed: 1,
  dtype: 'float32',
};

export const archOf = (c: TrainConfig): NetArch => ({
  hidden: [...c.hidden],
  activation: c.activation,
  batchNorm: c.batchNorm,
  dropout: c.dropout,
});

/** The scale of a layer's initial weights from its fan-in (the book's __init_weight). */
export function initScale(c: Pick<TrainConfig, 'weightInit' | 'weightInitStd'>, fanIn: number): number {
  if (c.weightInit === 'std') return c.weightInitStd;
  return c.weightInit === 'he' ? Math.sqrt(2.0 / fanIn) : Math.sqrt(1.0 / fanIn);
}
