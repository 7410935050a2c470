import type { MatrixGraphDef } from '../types';
import { matrixFields } from './matrixFields';
import type { InputSource } from './types';

/**
 * The two-layer net: its weights come from the training panel and its x and t from one MNIST
 * image (or the learner's drawing), so it has no fields; the matrices are too big to write on
 * the edges, and the link carries the traced image.
 */
export const trainedNet = (def: MatrixGraphDef): InputSource => ({
  ...matrixFields(def),
  drawsInline: false,
  linkParams: ['image'],
  runInputs: (_now, net) => net,
});
