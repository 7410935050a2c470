import type { StateCreator } from 'zustand';
import type { CodedError } from '../errors';
import type { KernelLabel } from '../kernels/types';
import type { GradCheckResult } from '../net/gradcheck';
import type { ParamSnapshot } from '../net/params';
import type { EvalRow } from '../net/trainer';
import type { TrainerClient } from '../services/types';
import type { DType } from '../tensor/matrix';
import type { ToPage, ToWorker } from '../worker/protocol';
import type { AppState } from './index';
import {
  configFrom,
  DEFAULT_TRAIN_TEXTS,
  validateTrainField,
  type TrainField,
  type TrainFieldError,
} from './trainingFields';

export type TrainPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished' | 'stopped' | 'diverged' | 'error';

/** A run is going: the worker has work for it (or is loading its data). */
export const isBusy = (phase: TrainPhase): boolean => phase === 'loading' || phase === 'running' || phase === 'paused';

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
  predictions: Uint8Array | null;
  /** The latest weights the worker sent (after an evaluation, a stop or the end). */
  params: ParamSnapshot | null;
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
    params: null,
    trainMessage: null,
    gcPhase: 'idle',
    gcRunId: 0,
    gcDone: 0,
    gcTotal: 0,
    gcResult: null,
    gcSharedWithTraining: false,
    gcError: null,

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
        iter: 0,
        itersPerSec: 0,
        iterationsAsked: config.iterations,
        losses: [],
        evals: [],
        predictions: null,
        trainMessage: null,
        evaluating: false,
      });
      send({ type: 'start', runId, config, mnistBase: s.services.mnistBase });
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
      switch (msg.type) {
        case 'loading':
          return set({ phase: 'loading' });
        case 'loaded':
          return set({
            phase: 'running',
            sampleImages: msg.samplePixels,
            sampleLabels: msg.sampleLabels,
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
          return set({
            evals: [...s.evals, msg.row],
            predictions: msg.predictions,
            params: msg.params,
            evaluating: false,
          });
        case 'paused':
          return set({ phase: 'paused', iter: msg.iter });
        case 'resumed':
          return set({ phase: 'running' });
        case 'stopped':
          return set({ phase: 'stopped', iter: msg.iter, params: msg.params, evaluating: false });
        case 'done':
          return set({ phase: 'finished', iter: s.iterationsAsked, params: msg.params, evaluating: false });
        case 'diverged':
          return set({
            phase: 'diverged',
            trainMessage: { key: 'train.diverged', iter: msg.iter, loss: String(msg.loss) },
            evaluating: false,
          });
        case 'error':
          return set({ phase: 'error', trainMessage: { key: 'train.error', error: msg.error }, evaluating: false });
      }
    },
  };
};
