import { ForwardedError } from '../errors';
import type { OneShotOut } from '../worker/oneShot';

/**
 * Hands `message` to a worker made for it (`make` names the script, so the bundler sees it) and
 * ends the worker once it answers. Rejects with the worker's coded error, or worker.loadFailed
 * when its script does not load.
 */
export function oneShotWorker<T>(make: () => Worker, message: unknown, transfer: ArrayBuffer[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = make();
    worker.onmessage = (e: MessageEvent<OneShotOut<T>>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.value);
      else reject(new ForwardedError(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new ForwardedError({ code: 'worker.loadFailed', params: {} }));
    };
    worker.postMessage(message, [...new Set(transfer)]);
  });
}
