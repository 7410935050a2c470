import type { StateCreator } from 'zustand';
import type { GradCheckResult } from '../net/gradcheck';
import type { EvalRow } from '../net/trainer';
import type { DType } from '../tensor/matrix';
import { TrainerClient } from '../worker/client';
import type { FromWorker, ParamsSnapshot } from '../worker/protocol';
import type { AppState } from './index';
import {
  configFrom,
  DEFAULT_TRAIN_TEXTS,
  validateTrainField,
  type TrainField,
  type TrainFieldError,
} from './trainingFields';

export type TrainPhase = 'idle' | 'loading' | 'running' | 'paused' | 'finished' | 'stopped' | 'diverged' | 'error';

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
  /** The kernels the worker trains with: wasm-relaxed-simd, wasm-simd or ts; "×2" after it when on both cores. */
  kernel: string | null;
  sampleLabels: Uint8Array | null;
  predictions: Uint8Array | null;
  /** The latest weights the worker sent (after an evaluation, a stop or the end). */
  params: ParamsSnapshot | null;
  trainMessage: { key: 'train.diverged'; iter: number; loss: string } | { key: 'train.error'; message: string } | null;

  gcPhase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  gcRunId: number;
  gcDone: number;
  gcTotal: number;
  gcResult: GradCheckResult | null;
  gcError: string | null;

  editTrainField: (field: TrainField, text: string) => void;
  setTrainDtype: (dtype: DType) => void;
  train: () => void;
  pauseTraining: () => void;
  resumeTraining: () => void;
  stopTraining: () => void;
  runGradcheck: () => void;
  cancelGradcheck: () => void;
  /** Applies one worker message; the client calls it. */
  receive: (msg: FromWorker) => void;
}

const mnistBase = (): string => new URL('mnist/', document.baseURI).href;

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => {
  let client: TrainerClient | null = null;
  const send: TrainerClient['send'] = (msg) => {
    client ??= new TrainerClient((m) => get().receive(m));
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
      if (!config || s.phase === 'loading' || s.phase === 'running' || s.phase === 'paused') return;
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
      send({ type: 'start', runId, config, mnistBase: mnistBase() });
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
      else if (s.phase === 'loading') set({ phase: 'stopped', runId: s.runId + 1 });
    },
    runGradcheck: () => {
      const s = get();
      if (s.gcPhase === 'running') return;
      const gcRunId = s.gcRunId + 1;
      set({ gcPhase: 'running', gcRunId, gcDone: 0, gcTotal: 0, gcResult: null, gcError: null });
      send({ type: 'gradcheck', runId: gcRunId, seed: 1, mnistBase: mnistBase() });
    },
    cancelGradcheck: () => {
      const s = get();
      if (s.gcPhase === 'running') send({ type: 'cancelGradcheck', runId: s.gcRunId });
    },

    receive: (msg) => {
      const s = get();
      if (msg.type.startsWith('gc-')) {
        if (msg.runId !== s.gcRunId) return;
        switch (msg.type) {
          case 'gc-progress':
            return set({ gcDone: msg.done, gcTotal: msg.total });
          case 'gc-result':
            return set({ gcPhase: 'done', gcResult: msg.result, gcDone: s.gcTotal });
          case 'gc-cancelled':
            return set({ gcPhase: 'cancelled' });
          case 'gc-error':
            return set({ gcPhase: 'error', gcError: msg.message });
        }
        return;
      }
      if (msg.type === 'error' && msg.runId === -1) {
        // The worker itself failed: whatever was going on has ended.
        return set({
          phase: 'error',
          trainMessage: { key: 'train.error', message: msg.message },
          ...(s.gcPhase === 'running' ? { gcPhase: 'error', gcError: msg.message } : {}),
        });
      }
      if (msg.runId !== s.runId) return;
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
          return set({ iter: msg.iter, itersPerSec: msg.itersPerSec, evaluating: msg.evaluating });
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
          return set({ phase: 'error', trainMessage: { key: 'train.error', message: msg.message } });
      }
    },
  };
};
