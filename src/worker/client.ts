import type { FromWorker, ToWorker } from './protocol';

/** Owns the trainer worker: created on first use, one message handler. */
export class TrainerClient {
  private worker: Worker | null = null;

  constructor(private readonly onMessage: (msg: FromWorker) => void) {}

  send(msg: ToWorker): void {
    if (!this.worker) {
      this.worker = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
      this.worker.onerror = (e) => {
        e.preventDefault();
        this.onMessage({ type: 'error', runId: -1, message: e.message || 'the worker failed' });
      };
    }
    this.worker.postMessage(msg);
  }
}
