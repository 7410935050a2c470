import { loadMnist } from '../data/mnist';
import { createHost } from './host';
import { canShare, shareMnist } from './share';
import { startSplit } from './split';
import type { FromWorker, LivenessIn, LivenessOut, ToWorker } from './protocol';

const scope = self as unknown as {
  postMessage: (msg: FromWorker | LivenessOut, transfer?: Transferable[]) => void;
  onmessage: ((e: MessageEvent<ToWorker | LivenessIn>) => void) | null;
  navigator: { locks?: LockManager };
};

// A MessageChannel task runs after pending messages without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

const handle = createHost({
  post: (msg, transfer = []) => scope.postMessage(msg, transfer),
  // Where the page is cross-origin isolated the images go to shared memory and a second
  // worker takes half of every step and evaluation; elsewhere everything runs in this worker.
  loadData: async (base) => {
    const m = await loadMnist(base);
    return canShare() ? shareMnist(m) : m;
  },
  // Both cores for every step and evaluation (worker/split.ts), where memory can be shared.
  makeSplit: startSplit,
  defer: (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  },
  now: () => performance.now(),
});

/** Holds the page's lock until this worker ends, which is how the page hears that it ended. */
function hello(lock: string | null): void {
  const locks = scope.navigator.locks;
  if (!lock || !locks) {
    scope.postMessage({ type: 'alive', lock: false });
    return;
  }
  locks
    .request(lock, () => {
      scope.postMessage({ type: 'alive', lock: true });
      return new Promise<never>(() => undefined);
    })
    .catch(() => scope.postMessage({ type: 'alive', lock: false }));
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'hello') hello(msg.lock);
  else if (msg.type === 'ping') scope.postMessage({ type: 'pong', n: msg.n });
  else handle(msg);
};
