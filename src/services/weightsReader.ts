import type { ParamSnapshot } from '../net/params';
import type { WeightsReaderIn } from '../worker/weightsReader.worker';
import { oneShotWorker } from './oneShotWorker';

/** Reads and checks an .npz of weights in a worker of its own, so the page's thread never unzips. */
export const workerWeightsReader = (name: string, bytes: Uint8Array): Promise<ParamSnapshot> =>
  oneShotWorker(
    () => new Worker(new URL('../worker/weightsReader.worker.ts', import.meta.url), { type: 'module' }),
    { name, bytes } satisfies WeightsReaderIn,
    [bytes.buffer as ArrayBuffer],
  );
