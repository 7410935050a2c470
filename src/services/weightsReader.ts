import { ForwardedError } from '../errors';
import type { ParamSnapshot } from '../net/params';
import type { WeightsReaderOut } from '../worker/weightsReader.worker';

/**
 * Reads and checks an .npz of weights in a worker of its own, made for the one read and ended
 * after it, so the page's thread never unzips. Rejects with the worker's coded error.
 */
export function workerWeightsReader(name: string, bytes: Uint8Array): Promise<ParamSnapshot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../worker/weightsReader.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<WeightsReaderOut>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.params);
      else reject(new ForwardedError(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new ForwardedError({ code: 'worker.loadFailed', params: {} }));
    };
    worker.postMessage({ name, bytes }, [bytes.buffer as ArrayBuffer]);
  });
}
