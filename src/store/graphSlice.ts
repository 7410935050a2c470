import type { StateCreator } from 'zustand';
import {
  AVAILABLE_GRAPHS,
  DEFAULT_GRAPH,
  defaultTensors,
  defaultTexts,
  defaultValues,
  graphDef,
  sourceOf,
  type FieldError,
  type GraphDef,
  type GraphId,
  type InputsEdit,
  type ScalarGraphDef,
} from '../graphs';
import { custom, customDef } from '../graphs/custom';
import type { Tensor } from '../tensor/literal';
import { toCodedError } from '../errors';
import { translateError } from '../i18n';
import type { MnistSplit } from '../data/idx';
import { parseProgram, stepCount, type ExprError, type Values } from '../engine';
import type { AppState } from './index';
import { PRACTICE_RESET, practiceLimit } from './practiceSlice';
import { TEST_IMAGES } from '../constants';

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
  /** The learner's own graph: the lines as typed, the last lines that parsed, and what is wrong now. */
  exprText: string;
  exprValid: string;
  exprError: ExprError | null;
  /** The definition built from `exprValid`: what "Your own graph" shows. */
  customDef: ScalarGraphDef;

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
  /** The learner's lines: the graph follows them as soon as they parse; the error waits for `commitExpression`. */
  editExpression: (text: string) => void;
}

/** The definition a graph id shows now: the book's, or the one built from the learner's lines. */
export const defOf = (s: Pick<GraphSlice, 'graphId' | 'customDef'>, id: GraphId = s.graphId): GraphDef => {
  const base = graphDef(id);
  return base.source === 'expression' ? s.customDef : base;
};
export const textsOf = (s: GraphSlice, id: GraphId = s.graphId): Record<string, string> =>
  s.texts[id] ?? defaultTexts(defOf(s, id));
export const valuesOf = (s: GraphSlice, id: GraphId = s.graphId): Values => s.values[id] ?? defaultValues(defOf(s, id));
export const tensorsOf = (s: GraphSlice, id: GraphId = s.graphId): Readonly<Record<string, Tensor>> =>
  s.tensors[id] ?? defaultTensors(defOf(s, id));
export const stepsOf = (s: GraphSlice): number => stepCount(defOf(s));

/** The lines of the example graph, as the learner first sees them. */
export const EXAMPLE_TEXT = custom.lines ?? '';

/** The store's fields after an edit of graph `id`'s inputs: each graph keeps its own. */
const storeEdit = (s: GraphSlice, id: GraphId, r: InputsEdit): Partial<GraphSlice> => ({
  texts: { ...s.texts, [id]: r.texts },
  errors: { ...s.errors, [id]: r.errors },
  ...(r.values && { values: { ...s.values, [id]: r.values } }),
  ...(r.tensors && { tensors: { ...s.tensors, [id]: r.tensors } }),
});

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  // Practice mode holds the learner before a step whose prediction is not answered yet.
  const clamp = (k: number) => Math.max(0, Math.min(stepsOf(get()), practiceLimit(get()), k));
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
    exprText: EXAMPLE_TEXT,
    exprValid: EXAMPLE_TEXT,
    exprError: null,
    customDef: custom,

    setGraph: (id) => {
      if (!AVAILABLE_GRAPHS.includes(id) || id === get().graphId) return;
      set({ graphId: id, step: 0, playing: false, inspected: null });
    },
    setStep: (k) => set({ step: clamp(k), playing: false }),
    stepForward: () => set((s) => ({ step: clamp(s.step + 1), playing: false })),
    stepBack: () => set((s) => ({ step: clamp(s.step - 1), playing: false })),
    reset: () => set({ step: 0, playing: false, ...PRACTICE_RESET }),
    runToEnd: () => set((s) => ({ step: clamp(stepsOf(s)), playing: false })),
    togglePlay: () => {
      const s = get();
      if (s.playing) return set({ playing: false });
      const total = stepsOf(s);
      // Play at the end starts over, like a media player.
      set({ playing: true, step: s.step >= total ? 0 : s.step });
    },
    tick: () => {
      const s = get();
      if (!s.playing) return;
      const total = stepsOf(s);
      const next = clamp(s.step + 1);
      set({ step: next, playing: next < total && next > s.step });
    },
    setSpeed: (ms) => set({ speedMs: Math.max(100, Math.min(3000, ms)) }),
    editInput: (name, text) => get().applyTexts({ [name]: text }),
    applyTexts: (edits) => {
      const s = get();
      const now = { texts: textsOf(s), values: valuesOf(s), tensors: tensorsOf(s), errors: s.errors[s.graphId] ?? {} };
      set(storeEdit(s, s.graphId, sourceOf(defOf(s)).edit(now, edits)));
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
      // The test set in use: MNIST's 10,000 images, or the learner's own.
      const last = (get().testSet?.labels.length ?? TEST_IMAGES) - 1;
      set({ traceImage: Math.max(0, Math.min(last, Math.round(i))), traceDrawing: null });
    },
    restoreDefaults: () => {
      const id = get().graphId;
      const { texts, values, tensors } = sourceOf(defOf(get())).defaults;
      set((s) => ({
        texts: { ...s.texts, [id]: texts },
        values: { ...s.values, [id]: values },
        tensors: { ...s.tensors, [id]: tensors },
        errors: { ...s.errors, [id]: {} },
      }));
    },
    editExpression: (text) => {
      const r = parseProgram(text);
      if (!r.ok) return set({ exprText: text, exprError: r.error });
      const def = customDef(r.program, text);
      const id = def.id as GraphId;
      const { texts, values } = sourceOf(def).defaults;
      // The lines are the source of the inputs' values: a changed line resets its field.
      set((s) => ({
        exprText: text,
        exprValid: text,
        exprError: null,
        customDef: def,
        texts: { ...s.texts, [id]: texts },
        values: { ...s.values, [id]: values },
        errors: { ...s.errors, [id]: {} },
        step: Math.min(s.step, stepCount(def)),
        inspected: null,
        // Answers given for the old lines are about another graph.
        ...PRACTICE_RESET,
      }));
    },
    inspect: (nodeId) => set({ inspected: nodeId }),
  };
};
