import type { MnistSplit } from '../data/idx';
import type { AppServices, TrainerClient } from '../services/types';
import type { ToPage, ToWorker } from '../worker/protocol';
import { syntheticMnist } from './syntheticMnist';

/** A trainer client without a worker: it records what the store sends and replays what a test says. */
export class FakeTrainerClient implements TrainerClient {
  readonly sent: ToWorker[] = [];
  terminated = false;
  private handler: ((msg: ToPage) => void) | null = null;

  send(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  onMessage(handler: (msg: ToPage) => void): void {
    this.handler = handler;
  }
  /** As if the worker (or the client's watch on it) had said this. */
  emit(msg: ToPage): void {
    this.handler?.(msg);
  }
  types(): string[] {
    return this.sent.map((m) => m.type);
  }
}

/** Services for a store under test: fake workers (every one made is kept) and a test-set loader the test settles. */
export function fakeServices(): AppServices & {
  clients: FakeTrainerClient[];
  testSetLoads: { resolve: (s: MnistSplit) => void; reject: (e: unknown) => void }[];
  testSplit: () => MnistSplit;
} {
  const clients: FakeTrainerClient[] = [];
  const testSetLoads: { resolve: (s: MnistSplit) => void; reject: (e: unknown) => void }[] = [];
  return {
    clients,
    testSetLoads,
    testSplit: () => syntheticMnist(1, 10).test,
    createTrainerClient: () => {
      const c = new FakeTrainerClient();
      clients.push(c);
      return c;
    },
    loadTestSet: () => new Promise<MnistSplit>((resolve, reject) => testSetLoads.push({ resolve, reject })),
    mnistBase: 'http://app.test/mnist/',
  };
}
