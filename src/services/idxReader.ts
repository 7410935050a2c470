import type { NamedBytes, OwnData } from '../data/idxFiles';
import { ForwardedError } from '../errors';
import type { IdxReaderOut } from '../worker/idxReader.worker';

/**
 * Reads the learner's IDX files in a worker of their own, made for the one read and ended after
 * it, so the page's thread never unzips. Rejects with the worker's coded error.
 */
export function workerIdxReader(files: NamedBytes[]): Promise<OwnData> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../worker/idxReader.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<IdxReaderOut>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.own);
      else reject(new ForwardedError(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      reject(new ForwardedError({ code: 'worker.loadFailed', params: {} }));
    };
    const buffers = [...new Set(files.map((f) => f.bytes.buffer as ArrayBuffer))];
    worker.postMessage(files, buffers);
  });
}
