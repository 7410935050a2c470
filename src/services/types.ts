import type { MnistSplit } from '../data/idx';
import type { NamedBytes, OwnData } from '../data/idxFiles';
import type { EvalRow } from '../net/trainer';
import type { ParamSnapshot } from '../net/params';
import type { ImportSettings } from '../net/weightsFile';
import type { DType } from '../tensor/matrix';
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

/** Which images a run trained and was evaluated on. */
export interface DatasetInfo {
  /** 'mnist', or a fingerprint of the learner's own files (the same files give the same one). */
  id: string;
  /** The learner's four files by role; null for MNIST. */
  files: OwnData['files'] | null;
  trainCount: number;
  testCount: number;
}

/**
 * The last run as the browser keeps it: everything the training panel showed, so a reload
 * shows it again as it was. Typed arrays are stored as they are (IndexedDB clones them).
 */
export interface SavedRun {
  version: 1;
  /** When it was saved (ms since 1970). */
  savedAt: number;
  /** The training fields as the learner typed them, and the precision. */
  texts: Record<string, string>;
  dtype: DType;
  /** How the run ended; a run saved while it went on is restored as stopped. */
  phase: 'finished' | 'stopped' | 'diverged' | 'imported';
  iter: number;
  iterationsAsked: number;
  losses: Float32Array;
  evals: EvalRow[];
  params: ParamSnapshot;
  /** The predicted class of every test image, and their labels (the confusion matrix). */
  predictions: Uint8Array | null;
  testLabels: Uint8Array | null;
  /** The first test images and labels (the digit grid). */
  sampleImages: Uint8Array | null;
  sampleLabels: Uint8Array | null;
  kernel: string | null;
  diverged: { iter: number; loss: string } | null;
  /** Set when the weights came from a file rather than from training. */
  imported: { file: string; train: number; test: number } | null;
  dataset: DatasetInfo;
  /**
   * Which page load wrote it (a random id made once per page load) and its save counter there,
   * so a tab can tell its own record from another tab's. Absent in records saved before these.
   */
  writer?: string;
  seq?: number;
}

/** What another tab did to the saved run (told through a BroadcastChannel). */
export type RunChange = { kind: 'saved'; writer: string; seq: number } | { kind: 'cleared' };

/** Where the last run is kept (IndexedDB in the browser). Every method may reject. */
export interface RunStorage {
  /** The record as stored, unchecked (the store checks it), or null when there is none. */
  load(): Promise<unknown>;
  save(run: SavedRun): Promise<void>;
  clear(): Promise<void>;
  /** Sets the one handler for another tab's saves and clears (never called where BroadcastChannel is missing). */
  onOtherTab(handler: (change: RunChange) => void): void;
}

/** Files in and out of the page. */
export interface FileService {
  /** Offers bytes to the learner as a download named `name`. */
  download(name: string, bytes: Uint8Array, type: string): void;
  /** The bytes of a file the learner picked. */
  read(file: Blob): Promise<Uint8Array>;
}

/** The side effects the store uses, injected: the app passes the real ones, tests pass fakes. */
export interface AppServices {
  /** Makes a trainer client with a new worker; called on first use and after a worker is lost. */
  createTrainerClient: () => TrainerClient;
  loadTestSet: TestSetLoader;
  /** Absolute URL of the folder that holds mnist/*.gz, for the worker to fetch from. */
  mnistBase: string;
  storage: RunStorage;
  files: FileService;
  /** Unzips and checks the learner's four IDX files (off the page's thread in the browser). Rejects with a coded error. */
  readIdxFiles: (files: NamedBytes[]) => Promise<OwnData>;
  /**
   * Reads and checks an .npz of weights (off the page's thread in the browser); `settings` give
   * what the file cannot say (the activation, the dropout ratio). Rejects with a coded error.
   */
  readWeights: (name: string, bytes: Uint8Array, settings: ImportSettings) => Promise<ParamSnapshot>;
  /** A random id made once per page load: each saved record carries it as its writer. */
  tabId: string;
  /** The clock for "saved at" (Date.now in the browser). */
  now: () => number;
}
