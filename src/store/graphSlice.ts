import type { StateCreator } from 'zustand';
import { AVAILABLE_GRAPHS, defaultTexts, defaultValues, stepCount, validateEdit, type FieldError, type GraphId } from '../graphs';
import type { Values } from '../engine';
import type { AppState } from './index';

type PerGraph<T> = Partial<Record<GraphId, T>>;

export interface GraphSlice {
  graphId: GraphId;
  step: number;
  playing: boolean;
  /** Milliseconds between steps while playing. */
  speedMs: number;
  /** What the learner typed, per graph and field. */
  texts: PerGraph<Record<string, string>>;
  /** The last valid inputs, per graph: the graph is always computed from these. */
  values: PerGraph<Values>;
  errors: PerGraph<Record<string, FieldError | undefined>>;
  inspected: string | null;

  setGraph: (id: GraphId) => void;
  setStep: (k: number) => void;
  stepForward: () => void;
  stepBack: () => void;
  reset: () => void;
  runToEnd: () => void;
  togglePlay: () => void;
  /** Advances one step while playing; stops at the end. */
  tick: () => void;
  setSpeed: (ms: number) => void;
  editInput: (name: string, text: string) => void;
  restoreDefaults: () => void;
  inspect: (nodeId: string | null) => void;
}

export const textsOf = (s: GraphSlice, id: GraphId = s.graphId): Record<string, string> => s.texts[id] ?? defaultTexts(id);
export const valuesOf = (s: GraphSlice, id: GraphId = s.graphId): Values => s.values[id] ?? defaultValues(id);

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  const clamp = (k: number) => Math.max(0, Math.min(stepCount(get().graphId), k));
  return {
    graphId: 'apple-orange',
    step: 0,
    playing: false,
    speedMs: 900,
    texts: {},
    values: {},
    errors: {},
    inspected: null,

    setGraph: (id) => {
      if (!AVAILABLE_GRAPHS.includes(id) || id === get().graphId) return;
      set({ graphId: id, step: 0, playing: false, inspected: null });
    },
    setStep: (k) => set({ step: clamp(k), playing: false }),
    stepForward: () => set((s) => ({ step: clamp(s.step + 1), playing: false })),
    stepBack: () => set((s) => ({ step: clamp(s.step - 1), playing: false })),
    reset: () => set({ step: 0, playing: false }),
    runToEnd: () => set((s) => ({ step: stepCount(s.graphId), playing: false })),
    togglePlay: () => {
      const s = get();
      if (s.playing) return set({ playing: false });
      const total = stepCount(s.graphId);
      // Play at the end starts over, like a media player.
      set({ playing: true, step: s.step >= total ? 0 : s.step });
    },
    tick: () => {
      const s = get();
      if (!s.playing) return;
      const total = stepCount(s.graphId);
      const next = Math.min(total, s.step + 1);
      set({ step: next, playing: next < total });
    },
    setSpeed: (ms) => set({ speedMs: Math.max(100, Math.min(3000, ms)) }),
    editInput: (name, text) => {
      const s = get();
      const id = s.graphId;
      const texts = { ...textsOf(s), [name]: text };
      const r = validateEdit(id, name, text, valuesOf(s));
      const errors = { ...(s.errors[id] ?? {}), [name]: r.ok ? undefined : r.error };
      set({
        texts: { ...s.texts, [id]: texts },
        errors: { ...s.errors, [id]: errors },
        ...(r.ok ? { values: { ...s.values, [id]: r.values } } : {}),
      });
    },
    restoreDefaults: () => {
      const id = get().graphId;
      set((s) => ({
        texts: { ...s.texts, [id]: defaultTexts(id) },
        values: { ...s.values, [id]: defaultValues(id) },
        errors: { ...s.errors, [id]: {} },
      }));
    },
    inspect: (nodeId) => set({ inspected: nodeId }),
  };
};
