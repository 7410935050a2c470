import type { StateCreator } from 'zustand';
import {
  AVAILABLE_GRAPHS,
  DEFAULT_GRAPH,
  defaultTensors,
  defaultTexts,
  defaultValues,
  matrixDef,
  stepCount,
  validateEdit,
  validateMatrixEdit,
  type FieldError,
  type GraphId,
} from '../graphs';
import type { Tensor } from '../tensor/literal';
import { toCodedError } from '../errors';
import { translateError } from '../i18n';
import type { MnistSplit } from '../data/idx';
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
  /** The last valid matrix inputs, per matrix graph. */
  tensors: PerGraph<Record<string, Tensor>>;
  /** The test image traced through the two-layer net (index into the 10,000). */
  traceImage: number;
  /** A digit drawn on the pad (784 values in [0, 1]); traced instead of the test image while set. */
  traceDrawing: Float64Array | null;
  /** The label the drawn digit is meant to be, for the loss. */
  traceLabel: number;
  /** The MNIST test set, loaded on first use by the two-layer-net graph. */
  testSet: MnistSplit | null;
  testSetState: 'idle' | 'loading' | 'ready' | 'error';
  testSetError: string | null;
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
  /** Sets several literal fields at once (the Softmax-with-Loss presets). */
  applyTexts: (texts: Record<string, string>) => void;
  setTraceImage: (i: number) => void;
  setTraceDrawing: (d: Float64Array | null) => void;
  setTraceLabel: (label: number) => void;
  loadTestSet: () => void;
  inspect: (nodeId: string | null) => void;
}

export const textsOf = (s: GraphSlice, id: GraphId = s.graphId): Record<string, string> =>
  s.texts[id] ?? defaultTexts(id);
export const valuesOf = (s: GraphSlice, id: GraphId = s.graphId): Values => s.values[id] ?? defaultValues(id);
export const tensorsOf = (s: GraphSlice, id: GraphId = s.graphId): Readonly<Record<string, Tensor>> =>
  s.tensors[id] ?? defaultTensors(id);

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  const clamp = (k: number) => Math.max(0, Math.min(stepCount(get().graphId), k));
  return {
    graphId: DEFAULT_GRAPH,
    step: 0,
    playing: false,
    speedMs: 900,
    texts: {},
    values: {},
    tensors: {},
    traceImage: 0,
    traceDrawing: null,
    traceLabel: 0,
    testSet: null,
    testSetState: 'idle',
    testSetError: null,
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
    editInput: (name, text) => get().applyTexts({ [name]: text }),
    applyTexts: (edits) => {
      const s = get();
      const id = s.graphId;
      const texts = { ...textsOf(s), ...edits };
      const errors = { ...(s.errors[id] ?? {}) };
      if (matrixDef(id)) {
        // Shapes depend on each other: check the fields in turn against what is valid so far.
        let tensors = { ...tensorsOf(s) };
        for (const [name, text] of Object.entries(edits)) {
          const r = validateMatrixEdit(id, name, text, tensors);
          errors[name] = r.ok ? undefined : r.error;
          if (r.ok) tensors = r.values;
        }
        // A field flagged for a clash may fit now that another one changed.
        for (const [name, err] of Object.entries(errors)) {
          if (!err || name in edits) continue;
          const r = validateMatrixEdit(id, name, texts[name], tensors);
          if (r.ok) {
            tensors = r.values;
            errors[name] = undefined;
          }
        }
        return set({
          texts: { ...s.texts, [id]: texts },
          errors: { ...s.errors, [id]: errors },
          tensors: { ...s.tensors, [id]: tensors },
        });
      }
      let values = valuesOf(s);
      for (const [name, text] of Object.entries(edits)) {
        const r = validateEdit(id, name, text, values);
        errors[name] = r.ok ? undefined : r.error;
        if (r.ok) values = r.values;
      }
      set({
        texts: { ...s.texts, [id]: texts },
        errors: { ...s.errors, [id]: errors },
        values: { ...s.values, [id]: values },
      });
    },
    loadTestSet: () => {
      if (get().testSetState === 'loading' || get().testSetState === 'ready') return;
      set({ testSetState: 'loading', testSetError: null });
      get()
        .services.loadTestSet()
        .then(
          // Unless the learner's own test images took its place meanwhile.
          (testSet) => get().testSetState === 'loading' && set({ testSet, testSetState: 'ready' }),
          // Worded in the page's language as it is when the load fails.
          (e: unknown) => set({ testSetState: 'error', testSetError: translateError(get().lang, toCodedError(e)) }),
        );
    },
    setTraceDrawing: (traceDrawing) => set({ traceDrawing }),
    setTraceLabel: (traceLabel) => set({ traceLabel: Math.max(0, Math.min(9, Math.round(traceLabel))) }),
    setTraceImage: (i) => {
      const last = (get().testSet?.labels.length ?? 10_000) - 1;
      set({ traceImage: Math.max(0, Math.min(last, Math.round(i))), traceDrawing: null });
    },
    restoreDefaults: () => {
      const id = get().graphId;
      set((s) => ({
        texts: { ...s.texts, [id]: defaultTexts(id) },
        values: { ...s.values, [id]: defaultValues(id) },
        tensors: { ...s.tensors, [id]: defaultTensors(id) },
        errors: { ...s.errors, [id]: {} },
      }));
    },
    inspect: (nodeId) => set({ inspected: nodeId }),
  };
};
