import type { StateCreator } from 'zustand';
import type { TrainerClient } from '../services/types';
import type { ToPage, ToWorker } from '../worker/protocol';
import { confusionOf, MNIST_DATASET } from './savedRun';
import { configFrom, DEFAULT_TRAIN_TEXTS, validateTrainField } from './trainingFields';
import type { AppState, GradCheckMessage, TrainingSlice, TrainPhase } from './types';

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

/** A run is going: the worker has work for it (or is loading its data, or evaluating imported weights). */
export const isBusy = (phase: TrainPhase): boolean =>
  phase === 'loading' || phase === 'running' || phase === 'paused' || phase === 'evaluating';

/** The worker's messages about the gradient check, which the gradient-check slice applies. */
const isGradcheckMessage = (msg: ToPage): msg is GradCheckMessage => msg.type.startsWith('gc-');

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
