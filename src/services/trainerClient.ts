import type { CodedError } from '../errors';
import type { FromWorker, LivenessIn, LivenessOut, ToPage, ToWorker } from '../worker/protocol';
import type { TrainerClient } from './types';

/** The part of a Worker the client uses (a fake in tests). */
export interface TrainerWorker {
  postMessage(msg: ToWorker | LivenessIn): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromWorker | LivenessOut>) => void) | null;
  onerror: ((e: Event) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export interface TrainerClientEnv {
  createWorker: () => TrainerWorker;
  /** Web Locks, where the page has them (a secure context): they tell at once when a worker ends. */
  locks: Pick<LockManager, 'request'> | null;
  now: () => number;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  /** Without Web Locks: how often to ping, and how long a silent worker counts as alive. */
  pingMs?: number;
  deadMs?: number;
}

let clients = 0;

/**
 * One trainer worker and the watch on it. The worker can be lost three ways, each reported
 * once as 'worker-lost' with its own code, after which this client is closed:
 * - its script never loads (a redeploy removed the hashed file): an `error` event before the
 *   worker ever answered: worker.loadFailed;
 * - it throws: an `error` event with a message: worker.crashed;
 * - it ends silently (`worker.terminate()`, the browser killing it): the Web Lock it held is
 *   released, or, where there are no Web Locks, it stops answering pings: worker.died.
 */
export class WorkerTrainerClient implements TrainerClient {
  private readonly worker: TrainerWorker | null = null;
  private handler: ((msg: ToPage) => void) | null = null;
  private readonly early: ToPage[] = [];
  private closed = false;
  private answered = false;
  private lastHeard: number;
  private readonly lockName = `backprop-lab-trainer-${++clients}-${Math.random().toString(36).slice(2)}`;
  private readonly abort = new AbortController();
  private timer: unknown = null;
  private pings = 0;

  constructor(private readonly env: TrainerClientEnv) {
    this.lastHeard = env.now();
    try {
      this.worker = env.createWorker();
    } catch {
      // e.g. a Content-Security-Policy that forbids the script: report it like a failed load.
      queueMicrotask(() => this.lost({ code: 'worker.loadFailed', params: {} }));
      return;
    }
    const w = this.worker;
    w.onmessage = (e) => {
      this.lastHeard = env.now();
      this.answered = true;
      const msg = e.data;
      if (msg.type === 'alive') this.watch(msg.lock);
      else if (msg.type !== 'pong') this.emit(msg);
    };
    w.onerror = (e) => {
      e.preventDefault(); // reported here, in the page's language, not as an uncaught error
      const message = (e as Partial<ErrorEvent>).message;
      this.lost(
        message
          ? { code: 'worker.crashed', params: { message } }
          : { code: this.answered ? 'worker.died' : 'worker.loadFailed', params: {} },
      );
    };
    w.onmessageerror = () => this.lost({ code: 'worker.crashed', params: { message: 'messageerror' } });
    w.postMessage({ type: 'hello', lock: env.locks ? this.lockName : null });
  }

  send(msg: ToWorker): void {
    if (!this.closed) this.worker?.postMessage(msg);
  }

  terminate(): void {
    this.close();
  }

  onMessage(handler: (msg: ToPage) => void): void {
    this.handler = handler;
    for (const m of this.early.splice(0)) handler(m);
  }

  private emit(msg: ToPage): void {
    if (this.handler) this.handler(msg);
    else this.early.push(msg);
  }

  /** The worker answered hello: watch its lock, or ping it. */
  private watch(holdsLock: boolean): void {
    if (this.closed) return;
    const { locks } = this.env;
    if (holdsLock && locks) {
      // Granted only once the worker has let go of the lock, i.e. once it has ended.
      locks
        .request(this.lockName, { signal: this.abort.signal }, () => {
          this.lost({ code: 'worker.died', params: {} });
        })
        .catch(() => undefined); // aborted by terminate()
      return;
    }
    const pingMs = this.env.pingMs ?? 1000;
    const deadMs = this.env.deadMs ?? 10_000;
    this.timer = this.env.setInterval(() => {
      if (this.env.now() - this.lastHeard > deadMs) this.lost({ code: 'worker.died', params: {} });
      else this.worker?.postMessage({ type: 'ping', n: ++this.pings });
    }, pingMs);
  }

  private lost(error: CodedError): void {
    if (this.closed) return;
    this.close();
    this.emit({ type: 'worker-lost', error });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    if (this.timer !== null) this.env.clearInterval(this.timer);
    const w = this.worker;
    if (w) {
      w.onmessage = w.onerror = w.onmessageerror = null;
      w.terminate();
    }
  }
}

/** The real client: a module worker built from src/worker/trainer.worker.ts. */
export function browserTrainerClient(): TrainerClient {
  return new WorkerTrainerClient({
    createWorker: () =>
      new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module' }) as TrainerWorker,
    locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
    now: () => performance.now(),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
  });
}
