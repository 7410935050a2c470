import type { StateCreator } from 'zustand';
import type { DatasetInfo, TrainerClient } from '../services/types';
import type { ToPage, ToWorker } from '../worker/protocol';
import { snapshotDType } from '../net/params';
import { archOf, type TrainConfig } from '../net/config';
import { splitLayout } from '../net/splitStep';
import { MAX_NET_BYTES } from '../net/trainer';
import { confusionOf, fromSavedRun, MNIST_DATASET } from './savedRun';
import {
  configFrom,
  DEFAULT_TRAIN_TEXTS,
  TRAIN_FIELDS,
  validateTrainField,
  type TrainFieldError,
} from './trainingFields';
import type { AppState, GradCheckMessage, TrainingSlice, TrainPhase } from './types';

/** What a new run (trained or imported) starts from: no progress, curves, predictions or message yet. */
const freshRun = () => ({
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

/** The panel with no run: nothing trained, loaded or imported (at first, and after Clear). */
const noRun = (runDataset: DatasetInfo) => ({
  ...freshRun(),
  phase: 'idle' as const,
  params: null,
  sampleImages: null,
  sampleLabels: null,
  kernel: null,
  imported: null,
  runDataset,
});

/** The learner's own data for the worker, when the run uses it (MNIST it loads itself). */
const ownDataset = (s: AppState) => (s.ownData ? { dataset: { train: s.ownData.train, test: s.ownData.test } } : {});

/** A run is going: the worker has work for it (or is loading its data, or evaluating imported weights). */
export const isBusy = (phase: TrainPhase): boolean =>
  phase === 'loading' || phase === 'running' || phase === 'paused' || phase === 'evaluating';

/** The worker's messages about the gradient check, which the gradient-check slice applies. */
const isGradcheckMessage = (msg: ToPage): msg is GradCheckMessage => msg.type.startsWith('gc-');

/** The worker's messages about a run (not about the gradient check, nor the worker's loss). */
type RunMessage = Exclude<ToPage, GradCheckMessage>;

/** After these, what the panel shows is kept in the browser's storage. */
const KEPT_AFTER = new Set<RunMessage['type']>(['eval', 'evaluated', 'stopped', 'done', 'diverged']);

/** What a message about the current run, while it is going, changes on the panel (null: nothing). */
function runUpdate(s: AppState, msg: RunMessage): Partial<TrainingSlice> | null {
  // Imported weights under evaluation go through loading and loaded too, but stay 'evaluating'.
  const importing = s.phase === 'evaluating';
  switch (msg.type) {
    case 'loading':
      return importing ? null : { phase: 'loading' };
    case 'loaded':
      return {
        phase: importing ? 'evaluating' : 'running',
        sampleImages: msg.samplePixels,
        sampleLabels: msg.sampleLabels,
        testLabels: msg.testLabels,
        kernel: msg.kernel,
      };
    case 'progress':
      return {
        iter: msg.iter,
        itersPerSec: msg.itersPerSec,
        evaluating: msg.evaluating,
        ...(msg.kernel ? { kernel: msg.kernel } : {}),
      };
    case 'losses':
      return { losses: s.losses.concat(Array.from(msg.losses)) };
    case 'eval':
      return {
        evals: [...s.evals, msg.row],
        predictions: msg.predictions,
        confusion: confusionOf(s.testLabels, msg.predictions),
        params: msg.params,
        evaluating: false,
      };
    case 'evaluated':
      if (!importing || !s.imported) return null;
      return {
        phase: 'imported',
        imported: { ...s.imported, train: msg.train, test: msg.test },
        predictions: msg.predictions,
        confusion: confusionOf(s.testLabels, msg.predictions),
      };
    case 'paused':
      return { phase: 'paused', iter: msg.iter };
    case 'resumed':
      return { phase: 'running' };
    case 'stopped':
      return { phase: 'stopped', iter: msg.iter, params: msg.params, evaluating: false };
    case 'done':
      return { phase: 'finished', iter: s.iterationsAsked, params: msg.params, evaluating: false };
    case 'diverged':
      return {
        phase: 'diverged',
        trainMessage: { key: 'train.diverged', iter: msg.iter, loss: String(msg.loss) },
        evaluating: false,
      };
    case 'error':
      return { phase: 'error', trainMessage: { key: 'train.error', error: msg.error }, evaluating: false };
  }
}

/**
 * The memory a run's net needs (MB): the fast net's buffers for its batch (net/netLayout.ts), or
 * twice that in Float64, whose matrices the book's classes allocate per layer and step.
 */
export function netMegabytes(cfg: TrainConfig): number {
  const bytes = splitLayout(cfg, archOf(cfg)).bytes * (cfg.dtype === 'float64' ? 2 : 1);
  return Math.ceil(bytes / 2 ** 20);
}

/** The note beside Hidden layers for a net and batch that would not fit, or null. */
function tooLargeError(cfg: TrainConfig): TrainFieldError | null {
  const mb = netMegabytes(cfg);
  const max = MAX_NET_BYTES / 2 ** 20;
  return mb > max ? { key: 'err.train.tooLarge', params: { mb, max } } : null;
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
    trainGiven: {},
    trainDtype: 'float32',
    runId: 0,
    iterationsAsked: Number(DEFAULT_TRAIN_TEXTS.iterations),
    ...noRun(MNIST_DATASET),
    sendToTrainer: send,

    editTrainField: (field, text) => {
      const r = validateTrainField(field, text, get().dataset);
      // Any edit may make a net that did not fit fit: its note beside the layers goes until Train.
      const tooLarge = get().trainErrors.hiddenLayers?.key === 'err.train.tooLarge';
      set((s) => ({
        trainTexts: { ...s.trainTexts, [field]: text },
        trainErrors: {
          ...s.trainErrors,
          ...(tooLarge && field !== 'hiddenLayers' ? { hiddenLayers: undefined } : {}),
          [field]: r.ok ? undefined : r.error,
        },
        trainGiven: { ...s.trainGiven, [field]: true },
      }));
    },
    setTrainDtype: (trainDtype) => set({ trainDtype }),
    train: () => {
      const s = get();
      const parsed = configFrom(s.trainTexts, s.dataset);
      const config = parsed && { ...parsed, dtype: s.trainDtype };
      // While the learner's files are being read, a run would train on the old data and drop them.
      if (!config || isBusy(s.phase) || s.datasetReading) return;
      // A net and batch too large for the trainer's memory: said beside the layers, before the
      // run starts, so the run on screen stays.
      const tooLarge = tooLargeError(config);
      if (tooLarge) return set({ trainErrors: { ...s.trainErrors, hiddenLayers: tooLarge } });
      const runId = s.runId + 1;
      set({
        runId,
        phase: 'loading',
        ...freshRun(),
        iterationsAsked: config.iterations,
        runDataset: s.dataset,
        imported: null,
      });
      send({ type: 'start', runId, config, mnistBase: s.services.mnistBase, ...ownDataset(s) });
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
    receive: (msg) => {
      const s = get();
      if (msg.type === 'worker-lost') {
        // The worker is gone with whatever it was doing; what reached the page stays.
        client?.terminate();
        client = null;
        if (isBusy(s.phase))
          set({ phase: 'error', trainMessage: { key: 'train.error', error: msg.error }, evaluating: false });
        return s.receiveGradcheck(msg);
      }
      if (isGradcheckMessage(msg)) return s.receiveGradcheck(msg);
      // Only the current run, and only while it is going: after Stop (also during loading),
      // the end or an error, nothing more from the worker changes the panel.
      if (msg.runId !== s.runId || !isBusy(s.phase)) return;
      const update = runUpdate(s, msg);
      if (!update) return;
      set(update);
      if (KEPT_AFTER.has(msg.type)) s.persistRun();
    },

    showSavedRun: (run) => {
      const s = get();
      const restored = fromSavedRun(run, s.dataset);
      // What the link gave or the learner set since the page opened stays: nothing given is lost.
      const trainTexts = { ...restored.trainTexts! };
      const trainErrors = { ...restored.trainErrors };
      for (const f of TRAIN_FIELDS)
        if (s.trainGiven[f]) [trainTexts[f], trainErrors[f]] = [s.trainTexts[f], s.trainErrors[f]];
      set({ ...restored, trainTexts, trainErrors });
    },
    clearRun: () => set(noRun(get().dataset)),
    evaluateWeights: (file, params) => {
      const s = get();
      if (isBusy(s.phase)) return;
      const runId = s.runId + 1;
      const layers = params.arch.hidden.join(', ');
      const layersCheck = validateTrainField('hiddenLayers', layers);
      set({
        runId,
        phase: 'evaluating',
        params,
        imported: { file, train: NaN, test: NaN },
        // The net is the file's: its layers, batch norm and precision are the settings now.
        trainTexts: { ...s.trainTexts, hiddenLayers: layers, batchNorm: params.arch.batchNorm ? '1' : '0' },
        trainErrors: { ...s.trainErrors, hiddenLayers: layersCheck.ok ? undefined : layersCheck.error },
        trainDtype: snapshotDType(params),
        ...freshRun(),
        runDataset: s.dataset,
      });
      send({ type: 'evaluate', runId, params, mnistBase: s.services.mnistBase, ...ownDataset(s) });
    },
  };
};
