import { loadMnist } from '../data/mnist';
import { createHost } from './host';
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
  loadData: (base) => loadMnist(base),
  defer: (fn) => {
    queue.push(fn);
    channel.port2.postMessage(null);
  },
  now: () => performance.now(),
});

scope.onmessage = (e) => handle(e.data);
