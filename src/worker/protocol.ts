import type { Mnist } from '../data/mnist';
import type { CodedError } from '../errors';
import type { KernelLabel } from '../kernels/types';
import type { GradCheckNet, GradCheckResult } from '../net/gradcheck';
import { snapshotBuffers, type ParamSnapshot } from '../net/params';
import type { EvalRow, TrainConfig } from '../net/trainer';

export type { ParamSnapshot } from '../net/params';

/** Page → worker. Every message carries the run id it is about. */
export type ToWorker =
  /** `dataset`: the learner's own IDX files, parsed on the page; MNIST from `mnistBase` when absent. */
  | { type: 'start'; runId: number; config: TrainConfig; mnistBase: string; dataset?: Mnist }
  /** Evaluates given weights (imported from a file) on all images, as a run's evaluation does. */
  | { type: 'evaluate'; runId: number; params: ParamSnapshot; mnistBase: string; dataset?: Mnist }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** Ends the run at once, also while its data is still loading (then nothing more is sent for it). */
  | { type: 'stop'; runId: number }
  /** `net`: the training settings' net (gradient_check.py's 784-50-10 when absent). */
  | { type: 'gradcheck'; runId: number; seed: number; mnistBase: string; net?: GradCheckNet }
  | { type: 'cancelGradcheck'; runId: number };

/** Worker → page. Errors are codes with parameters: the page words them in its language. */
export type FromWorker =
  | { type: 'loading'; runId: number }
  /** `testLabels`: the label of every test image (with the predictions, the confusion matrix). */
  | {
      type: 'loaded';
      runId: number;
      samplePixels: Uint8Array;
      sampleLabels: Uint8Array;
      testLabels: Uint8Array;
      kernel: KernelLabel;
    }
  /** `kernel` only when it changed since 'loaded' (a step helper that failed: the "×2" goes). */
  | { type: 'progress'; runId: number; iter: number; itersPerSec: number; evaluating: boolean; kernel?: KernelLabel }
  | { type: 'losses'; runId: number; start: number; losses: Float32Array }
  /** `predictions`: the predicted digit of every test image. */
  | { type: 'eval'; runId: number; row: EvalRow; predictions: Uint8Array; params: ParamSnapshot }
  /** The answer to 'evaluate'. */
  | { type: 'evaluated'; runId: number; train: number; test: number; predictions: Uint8Array }
  | { type: 'paused'; runId: number; iter: number }
  | { type: 'resumed'; runId: number }
  | { type: 'stopped'; runId: number; iter: number; params: ParamSnapshot }
  | { type: 'done'; runId: number; params: ParamSnapshot }
  | { type: 'diverged'; runId: number; iter: number; loss: number }
  | { type: 'error'; runId: number; error: CodedError }
  | { type: 'gc-progress'; runId: number; done: number; total: number }
  /** `sharedWithTraining`: a training run went on in the same worker while the check ran. */
  | { type: 'gc-result'; runId: number; result: GradCheckResult; sharedWithTraining: boolean }
  | { type: 'gc-cancelled'; runId: number }
  | { type: 'gc-error'; runId: number; error: CodedError };

/**
 * What the page's trainer client hands the store: the worker's messages, and one of its own
 * when the worker is gone (failed to load, crashed, or was terminated). After it, the client
 * is dead; the store makes a fresh one for the next run.
 */
export type ToPage = FromWorker | { type: 'worker-lost'; error: CodedError };

/**
 * The client's liveness handshake, answered by the worker's entry (not the host). The worker
 * holds a Web Lock named by the page for as long as it lives, so the page learns at once when
 * it ends (`worker.terminate()`, a crash); where Web Locks are missing it answers pings.
 */
export type LivenessIn = { type: 'hello'; lock: string | null } | { type: 'ping'; n: number };
export type LivenessOut = { type: 'alive'; lock: boolean } | { type: 'pong'; n: number };

/** The buffers to transfer with a posted snapshot (the sender lets go of its copy). */
export const snapshotTransfers = (s: ParamSnapshot): Transferable[] => snapshotBuffers(s);
