import { bestKernels } from '../kernels';
import { countRange, fastNetFrom } from '../net/fastNet';
import { EVAL_CHUNK } from '../net/trainer';
import { adoptLists, type HelperIn, type HelperOut } from './offload';

/**
 * The second core's worker: it shares the images with the trainer's worker (SharedArrayBuffer)
 * and evaluates the ranges it is sent with the weights it is sent.
 */
const scope = self as unknown as {
  postMessage: (m: HelperOut) => void;
  onmessage: ((e: MessageEvent<HelperIn>) => void) | null;
};
let data: Extract<HelperIn, { type: 'data' }> | null = null;

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'data') {
    data = msg;
    adoptLists(msg.trainPixels, msg.testPixels, msg.lists);
    return;
  }
  if (!data) return;
  const net = fastNetFrom(bestKernels(msg.params.arch.hidden[0], EVAL_CHUNK), msg.params);
  const train = countRange(net, data.trainPixels, data.trainLabels, ...msg.ranges.train, EVAL_CHUNK);
  const test = countRange(net, data.testPixels, data.testLabels, ...msg.ranges.test, EVAL_CHUNK);
  scope.postMessage({ type: 'result', id: msg.id, train, test });
};
