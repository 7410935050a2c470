import type { EvalRow, TrainConfig } from '../net/trainer';
import type { GradCheckResult } from '../net/gradcheck';

/** Page → worker. Every message carries the run id it is about. */
export type ToWorker =
  | { type: 'start'; runId: number; config: TrainConfig; mnistBase: string }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'gradcheck'; runId: number; seed: number; mnistBase: string }
  | { type: 'cancelGradcheck'; runId: number };

/** Weights sent with evaluations, copied (never live buffers). */
export interface ParamsSnapshot {
  hiddenSize: number;
  W1: Float32Array;
  b1: Float32Array;
  W2: Float32Array;
  b2: Float32Array;
}

/** Worker → page. */
export type FromWorker =
  | { type: 'loading'; runId: number }
  | { type: 'loaded'; runId: number; samplePixels: Uint8Array; sampleLabels: Uint8Array; kernel: string }
  | { type: 'progress'; runId: number; iter: number; itersPerSec: number; evaluating: boolean }
  | { type: 'losses'; runId: number; start: number; losses: Float32Array }
  | { type: 'eval'; runId: number; row: EvalRow; predictions: Uint8Array; params: ParamsSnapshot }
  | { type: 'paused'; runId: number; iter: number }
  | { type: 'resumed'; runId: number }
  | { type: 'stopped'; runId: number; iter: number; params: ParamsSnapshot }
  | { type: 'done'; runId: number; params: ParamsSnapshot }
  | { type: 'diverged'; runId: number; iter: number; loss: number }
  | { type: 'error'; runId: number; message: string }
  | { type: 'gc-progress'; runId: number; done: number; total: number }
  | { type: 'gc-result'; runId: number; result: GradCheckResult }
  | { type: 'gc-cancelled'; runId: number }
  | { type: 'gc-error'; runId: number; message: string };
