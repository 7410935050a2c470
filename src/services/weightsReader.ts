import type { ParamSnapshot } from '../net/params';
import type { ImportSettings } from '../net/weightsFile';
import type { WeightsReaderIn } from '../worker/weightsReader.worker';
import { oneShotWorker } from './oneShotWorker';

/** Reads and checks an .npz of weights in a worker of its own, so the page's thread never unzips. */
export const workerWeightsReader = (
  name: string,
  bytes: Uint8Array,
  settings: ImportSettings,
): Promise<ParamSnapshot> =>
  oneShotWorker(
    () => new Worker(new URL('../worker/weightsReader.worker.ts', import.meta.url), { type: 'module' }),
    { name, bytes, settings } satisfies WeightsReaderIn,
    [bytes.buffer as ArrayBuffer],
  );
