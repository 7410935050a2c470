import type { StateCreator } from 'zustand';
import { archOf, BOOK_CONFIG } from '../net/config';
import type { GradCheckNet } from '../net/gradcheck';
import { configFrom } from './trainingFields';
import type { AppState, GradCheckSlice } from './types';

/**
 * The gradient check: run in the trainer's worker (sent with `sendToTrainer`, its messages passed
 * on by `receive`), beside a training run or alone.
 */
export const createGradCheckSlice: StateCreator<AppState, [], [], GradCheckSlice> = (set, get) => ({
  gcPhase: 'idle',
  gcRunId: 0,
  gcDone: 0,
  gcTotal: 0,
  gcResult: null,
  gcSharedWithTraining: false,
  gcError: null,

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
    // The net of the training settings (the book's 784-50-10 while a field is unusable).
    const cfg = configFrom(s.trainTexts) ?? BOOK_CONFIG;
    const net: GradCheckNet = {
      arch: archOf(cfg),
      weightInit: cfg.weightInit,
      weightInitStd: cfg.weightInitStd,
      weightDecay: cfg.weightDecay,
    };
    s.sendToTrainer({ type: 'gradcheck', runId: gcRunId, seed: 1, mnistBase: s.services.mnistBase, net });
  },
  cancelGradcheck: () => {
    const s = get();
    if (s.gcPhase === 'running') s.sendToTrainer({ type: 'cancelGradcheck', runId: s.gcRunId });
  },

  receiveGradcheck: (msg) => {
    const s = get();
    if (s.gcPhase !== 'running') return;
    // The worker is gone with the check: it ends with the error instead of sticking.
    if (msg.type === 'worker-lost') return set({ gcPhase: 'error', gcError: msg.error });
    if (msg.runId !== s.gcRunId) return;
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
  },
});
