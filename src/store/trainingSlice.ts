import type { StateCreator } from 'zustand';
import type { CodedError } from '../errors';
import type { KernelLabel } from '../kernels/types';
import type { GradCheckResult } from '../net/gradcheck';
import type { ParamSnapshot } from '../net/params';
import type { EvalRow } from '../net/trainer';
import type { DatasetInfo, TrainerClient } from '../services/types';
import type { DType } from '../tensor/matrix';
import type { ToPage, ToWorker } from '../worker/protocol';
import type { AppState } from './index';
import { confusionOf, MNIST_DATASET } from './savedRun';
import {
  configFrom,
  DEFAULT_TRAIN_TEXTS,
  validateTrainField,
  type TrainField,
  type TrainFieldError,
} from './trainingFields';

export type TrainPhase =
  | 'idle'
  | 'loading'
  | 'running'
  | 'paused'
  | 'finished'
  | 'stopped'
  | 'diverged'
  | 'error'
  /** Imported weights are being evaluated, then: their evaluation is shown. */
  | 'evaluating'
  | 'imported';

/** A run is going: the worker has work for it (or is loading its data, or evaluating imported weights). */
/** What a new run (trained or imported) starts from: no progress, curves, predictions or message yet. */
export const freshRun = () => ({
  iter: 0,
  itersPerSec: 0,
  losses: [],
  evals: [],
  predictions: null,
  testLabels: null,
  confusion: null,
  trainMessage: null,
  evaluating: false,
  restoredAt: null,
});

export const isBusy = (phase: TrainPhase): boolean =>
  phase === 'loading' || phase === 'running' || phase === 'paused' || phase === 'evaluating';

export interface TrainingSlice {
  trainTexts: Record<TrainField, string>;
  trainErrors: Partial<Record<TrainField, TrainFieldError>>;
  /** Float32 trains fast; Float64 gives the book's NumPy precision. */
  trainDtype: DType;
  phase: TrainPhase;
  runId: number;
  iterationsAsked: number;
  iter: number;
  itersPerSec: number;
  evaluating: boolean;
  /** Batch loss after each iteration's update, as the book's train_loss_list. */
  losses: number[];
  evals: EvalRow[];
  sampleImages: Uint8Array | null;
  /** The kernels the worker trains with, "×2" after their name when every step runs on both cores. */
  kernel: KernelLabel | null;
  sampleLabels: Uint8Array | null;
  /** The predicted class of every test image at the latest evaluation, and their labels. */
  predictions: Uint8Array | null;
  testLabels: Uint8Array | null;
  /** True label by row, prediction by column, over every test image (row-major 10 × 10). */
  confusion: Uint32Array | null;
  /** The latest weights the worker sent (after an evaluation, a stop or the end), or imported ones. */
  params: ParamSnapshot | null;
  /** The images the shown run trained and was evaluated on. */
  runDataset: DatasetInfo;
  /** Weights from a file, and their evaluation (null until it is done, for a trained net). */
  imported: { file: string; train: number; test: number } | null;
  /** When the shown run was saved, if it was restored from the browser's storage on load. */
  restoredAt: number | null;
  trainMessage:
    { key: 'train.diverged'; iter: number; loss: string } | { key: 'train.error'; error: CodedError } | null;

  gcPhase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  gcRunId: number;
  gcDone: number;
  gcTotal: number;
  gcResult: GradCheckResult | null;
  /** A training run took turns with the check in the worker (its times exclude that). */
  gcSharedWithTraining: boolean;
  gcError: CodedError | null;

  editTrainField: (field: TrainField, text: string) => void;
  setTrainDtype: (dtype: DType) => void;
  train: () => void;
  pauseTraining: () => void;
  resumeTraining: () => void;
  stopTraining: () => void;
  runGradcheck: () => void;
  cancelGradcheck: () => void;
  /** Applies one message from the trainer client (the worker's, or its 'worker-lost'). */
  receive: (msg: ToPage) => void;
  /** Sends to the trainer worker, made on first use (the keep slice evaluates imported weights with it). */
  sendToTrainer: (msg: ToWorker) => void;
}

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => {
  // One client (one worker) at a time. A lost one is dropped, and the next message that needs
  // a worker makes a fresh one; messages from a client that is no longer current are ignored.
  let client: TrainerClient | null = null;
  const send = (msg: ToWorker) => {
    if (!client) {
      const c = get().services.createTrainerClient();
      client = c;
      c.onMessage((m) => {
        if (client === c) get().receive(m);
      });
    }
    client.send(msg);
  };

  return {
    trainTexts: { ...DEFAULT_TRAIN_TEXTS },
    trainErrors: {},
    trainDtype: 'float32',
    phase: 'idle',
    runId: 0,
    iterationsAsked: Number(DEFAULT_TRAIN_TEXTS.iterations),
    iter: 0,
    itersPerSec: 0,
    evaluating: false,
    losses: [],
    evals: [],
    sampleImages: null,
    kernel: null,
    sampleLabels: null,
    predictions: null,
    testLabels: null,
    confusion: null,
    params: null,
    runDataset: MNIST_DATASET,
    imported: null,
    restoredAt: null,
    trainMessage: null,
    gcPhase: 'idle',
    gcRunId: 0,
    gcDone: 0,
    gcTotal: 0,
    gcResult: null,
    gcSharedWithTraining: false,
    gcError: null,
    sendToTrainer: send,

    editTrainField: (field, text) => {
      const r = validateTrainField(field, text);
      set((s) => ({
        trainTexts: { ...s.trainTexts, [field]: text },
        trainErrors: { ...s.trainErrors, [field]: r.ok ? undefined : r.error },
      }));
    },
    setTrainDtype: (trainDtype) => set({ trainDtype }),
    train: () => {
      const s = get();
      const parsed = configFrom(s.trainTexts);
      const config = parsed && { ...parsed, dtype: s.trainDtype };
      if (!config || isBusy(s.phase)) return;
      const runId = s.runId + 1;
      set({
        runId,
        phase: 'loading',
        ...freshRun(),
        iterationsAsked: config.iterations,
        runDataset: s.dataset,
        imported: null,
      });
      const own = s.ownData ? { dataset: { train: s.ownData.train, test: s.ownData.test } } : {};
      send({ type: 'start', runId, config, mnistBase: s.services.mnistBase, ...own });
    },
    pauseTraining: () => {
      const s = get();
      if (s.phase === 'running') send({ type: 'pause', runId: s.runId });
    },
    resumeTraining: () => {
      const s = get();
      if (s.phase === 'paused') send({ type: 'resume', runId: s.runId });
    },
    stopTraining: () => {
      const s = get();
      if (s.phase === 'running' || s.phase === 'paused') send({ type: 'stop', runId: s.runId });
      else if (s.phase === 'loading') {
        // Nothing has been computed yet: stopped now. The worker abandons the run when its
        // data arrives and sends nothing more about it.
        send({ type: 'stop', runId: s.runId });
        set({ phase: 'stopped', evaluating: false });
      }
    },
    runGradcheck: () => {
      const s = get();
      if (s.gcPhase === 'running') return;
      const gcRunId = s.gcRunId + 1;
      set({
        gcPhase: 'running',
        gcRunId,
        gcDone: 0,
        gcTotal: 0,
        gcResult: null,
        gcError: null,
        gcSharedWithTraining: false,
      });
      send({ type: 'gradcheck', runId: gcRunId, seed: 1, mnistBase: s.services.mnistBase });
    },
    cancelGradcheck: () => {
      const s = get();
      if (s.gcPhase === 'running') send({ type: 'cancelGradcheck', runId: s.gcRunId });
    },

    receive: (msg) => {
      const s = get();
      if (msg.type === 'worker-lost') {
        // The worker is gone with whatever it was doing; what reached the page stays.
        client?.terminate();
        client = null;
        return set({
          ...(isBusy(s.phase)
            ? {
                phase: 'error' as const,
                trainMessage: { key: 'train.error' as const, error: msg.error },
                evaluating: false,
              }
            : {}),
          ...(s.gcPhase === 'running' ? { gcPhase: 'error' as const, gcError: msg.error } : {}),
        });
      }
      if (msg.type.startsWith('gc-')) {
        if (msg.runId !== s.gcRunId || s.gcPhase !== 'running') return;
        switch (msg.type) {
          case 'gc-progress':
            return set({ gcDone: msg.done, gcTotal: msg.total });
          case 'gc-result':
            return set({
              gcPhase: 'done',
              gcResult: msg.result,
              gcDone: s.gcTotal,
              gcSharedWithTraining: msg.sharedWithTraining,
            });
          case 'gc-cancelled':
            return set({ gcPhase: 'cancelled' });
          case 'gc-error':
            return set({ gcPhase: 'error', gcError: msg.error });
        }
        return;
      }
      // Only the current run, and only while it is going: after Stop (also during loading),
      // the end or an error, nothing more from the worker changes the panel.
      if (msg.runId !== s.runId || !isBusy(s.phase)) return;
      // Imported weights under evaluation go through loading and loaded too, but stay 'evaluating'.
      const importing = s.phase === 'evaluating';
      switch (msg.type) {
        case 'loading':
          return importing ? undefined : set({ phase: 'loading' });
        case 'loaded':
          return set({
            phase: importing ? 'evaluating' : 'running',
            sampleImages: msg.samplePixels,
            sampleLabels: msg.sampleLabels,
            testLabels: msg.testLabels,
            kernel: msg.kernel,
          });
        case 'progress':
          return set({
            iter: msg.iter,
            itersPerSec: msg.itersPerSec,
            evaluating: msg.evaluating,
            ...(msg.kernel ? { kernel: msg.kernel } : {}),
          });
        case 'losses':
          return set({ losses: s.losses.concat(Array.from(msg.losses)) });
        case 'eval':
          set({
            evals: [...s.evals, msg.row],
            predictions: msg.predictions,
            confusion: confusionOf(s.testLabels, msg.predictions),
            params: msg.params,
            evaluating: false,
          });
          return s.persistRun();
        case 'evaluated':
          if (!importing || !s.imported) return;
          set({
            phase: 'imported',
            imported: { ...s.imported, train: msg.train, test: msg.test },
            predictions: msg.predictions,
            confusion: confusionOf(s.testLabels, msg.predictions),
          });
          return s.persistRun();
        case 'paused':
          return set({ phase: 'paused', iter: msg.iter });
        case 'resumed':
          return set({ phase: 'running' });
        case 'stopped':
          set({ phase: 'stopped', iter: msg.iter, params: msg.params, evaluating: false });
          return s.persistRun();
        case 'done':
          set({ phase: 'finished', iter: s.iterationsAsked, params: msg.params, evaluating: false });
          return s.persistRun();
        case 'diverged':
          set({
            phase: 'diverged',
            trainMessage: { key: 'train.diverged', iter: msg.iter, loss: String(msg.loss) },
            evaluating: false,
          });
          return s.persistRun();
        case 'error':
          return set({ phase: 'error', trainMessage: { key: 'train.error', error: msg.error }, evaluating: false });
      }
    },
  };
};
