import type { FromWorker } from './protocol';
import type { SliceClock } from './slices';

/** What every part of the host shares: where messages go, the clock, and the slice and report periods. */
export interface HostContext extends SliceClock {
  post: (msg: FromWorker, transfer?: Transferable[]) => void;
  /** Least time between two progress / loss messages (≤ 20 a second). */
  reportMs: number;
}
