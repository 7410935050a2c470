import type { MnistSplit } from '../data/idx';
import type { ToPage, ToWorker } from '../worker/protocol';

/**
 * The page's end of the trainer worker. One client is one worker: once it reports
 * 'worker-lost' (or is terminated) it is done, and the store asks for a fresh one.
 */
export interface TrainerClient {
  send(msg: ToWorker): void;
  /** Ends the worker now; nothing more is reported. */
  terminate(): void;
  /** Sets the one handler for the worker's messages and for the client's 'worker-lost'. */
  onMessage(handler: (msg: ToPage) => void): void;
}

/** Loads the 10,000 MNIST test images (for the two-layer-net graph). Rejects with a DataError. */
export type TestSetLoader = () => Promise<MnistSplit>;

/** The side effects the store uses, injected: the app passes the real ones, tests pass fakes. */
export interface AppServices {
  /** Makes a trainer client with a new worker; called on first use and after a worker is lost. */
  createTrainerClient: () => TrainerClient;
  loadTestSet: TestSetLoader;
  /** Absolute URL of the folder that holds mnist/*.gz, for the worker to fetch from. */
  mnistBase: string;
}
