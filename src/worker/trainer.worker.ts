import { loadMnist } from '../data/mnist';
import { createHost } from './host';
import { canShare, shareMnist, startHelper } from './offload';
import { startSplit } from './split';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as {
  postMessage: (msg: FromWorker, transfer: Transferable[]) => void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

// A MessageChannel task runs after pending messages without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

const handle = createHost({
  post: (msg, transfer = []) => scope.postMessage(msg, transfer),
  // Where the page is cross-origin isolated the images go to shared memory and a second
  // worker evaluates half of them; elsewhere everything runs in this worker.
  loadData: async (base) => {
    const m = await loadMnist(base);
    return canShare() ? shareMnist(m) : m;
  },
  makeOffload: (m) => (canShare() && m.train.labels.buffer instanceof SharedArrayBuffer ? startHelper(m) : null),
  makeSplit: startSplit,
  defer: (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  },
  now: () => performance.now(),
});

scope.onmessage = (e) => handle(e.data);
