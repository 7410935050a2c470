import type { NamedBytes, OwnData } from '../data/idxFiles';
import { oneShotWorker } from './oneShotWorker';

/** Reads the learner's IDX files in a worker of their own, so the page's thread never unzips. */
export const workerIdxReader = (files: NamedBytes[]): Promise<OwnData> =>
  oneShotWorker(
    () => new Worker(new URL('../worker/idxReader.worker.ts', import.meta.url), { type: 'module' }),
    files,
    files.map((f) => f.bytes.buffer as ArrayBuffer),
  );
