import type { StateCreator } from 'zustand';
import {
  AVAILABLE_GRAPHS,
  DEFAULT_GRAPH,
  defaultTensors,
  defaultTexts,
  defaultValues,
  graphDef,
  sourceOf,
  type GraphDef,
  type GraphId,
  type InputsEdit,
} from '../graphs';
import { custom, customDef } from '../graphs/custom';
import { netGraphDef } from '../graphs/deepNet';
import type { ParamSnapshot } from '../net/params';
import type { Tensor } from '../tensor/literal';
import { parseProgram, stepCount, type Program, type Values } from '../engine';
import type { AppState, GraphSlice } from './types';
import { asksAt, isResolved, quizKey } from './practiceSlice';

/**
 * The definition a graph id shows now: the book's, the one built from the learner's lines, or,
 * for the trained net, the graph of the net the training panel holds (any depth, netGraphDef).
 */
export const defOf = (
  s: Pick<GraphSlice, 'graphId' | 'customDef'> & { params?: ParamSnapshot | null },
  id: GraphId = s.graphId,
): GraphDef => {
  const base = graphDef(id);
  if (base.source === 'expression') return s.customDef;
  if (base.source === 'trainedNet' && s.params) return netGraphDef(s.params.arch);
  return base;
};
/**
 * The traced net's graph follows the net in the training panel: when a run of another net, an
 * import or a restore changes its layers, the step stays within the new graph, the inspector
 * lets go of a node that may be gone, and answers given for the old graph's steps are dropped.
 */
export function followTracedNet(store: {
  getState: () => AppState;
  setState: (p: Partial<AppState>) => void;
  subscribe: (l: (s: AppState, prev: AppState) => void) => () => void;
}): () => void {
  return store.subscribe((s, prev) => {
    if (s.params === prev.params) return;
    for (const id of AVAILABLE_GRAPHS) {
      const def = defOf(s, id);
      if (def === defOf(prev, id)) continue;
      const quizzes = Object.fromEntries(Object.entries(s.quizzes).filter(([k]) => !k.startsWith(`${id}:`)));
      const here = id === s.graphId ? { step: Math.min(s.step, stepCount(def)), inspected: null } : {};
      store.setState({ quizzes, ...here });
    }
  });
}

export const textsOf = (s: GraphSlice, id: GraphId = s.graphId): Record<string, string> =>
  s.texts[id] ?? defaultTexts(defOf(s, id));
export const valuesOf = (s: GraphSlice, id: GraphId = s.graphId): Values => s.values[id] ?? defaultValues(defOf(s, id));
export const tensorsOf = (s: GraphSlice, id: GraphId = s.graphId): Readonly<Record<string, Tensor>> =>
  s.tensors[id] ?? defaultTensors(defOf(s, id));
export const stepsOf = (s: GraphSlice): number => stepCount(defOf(s));

/**
 * Whether two parses of the learner's lines make the same graph at the same places: every node,
 * input and default, and each step's line in the listing (a comment edit changes none of them).
 */
export function sameGraph(a: Program | undefined, b: Program): boolean {
  if (!a) return false;
  const key = (p: Program) => JSON.stringify([p.graph, p.nodeLine, p.code.forwardLine, p.code.backwardLine]);
  return key(a) === key(b);
}

/** The lines of the example graph, as the learner first sees them. */
export const EXAMPLE_TEXT = custom.lines ?? '';

/** The store's fields after an edit of graph `id`'s inputs: each graph keeps its own. */
const storeEdit = (s: GraphSlice, id: GraphId, r: InputsEdit): Partial<GraphSlice> => ({
  texts: { ...s.texts, [id]: r.texts },
  errors: { ...s.errors, [id]: r.errors },
  ...(r.values && { values: { ...s.values, [id]: r.values } }),
  ...(r.tensors && { tensors: { ...s.tensors, [id]: r.tensors } }),
});

/**
 * How far the learner may step from here: up to the step before the first question of practice
 * mode not yet answered (checked right or shown). Without practice, to the end.
 */
export function practiceLimit(s: AppState): number {
  const total = stepsOf(s);
  if (!s.practice) return total;
  for (let k = s.step + 1; k <= total; k++)
    if (asksAt(s, k, total) && !isResolved(s.quizzes[quizKey(s.graphId, k)])) return k - 1;
  return total;
}

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
    reset: () => {
      set({ step: 0, playing: false });
      get().resetPractice();
    },
    pause: () => set({ playing: false }),
    openAt: (k) => set({ step: Math.max(0, Math.min(stepsOf(get()), k)), playing: false, inspected: null }),
    setInputs: (id, texts, tensors) =>
      set((s) => ({ texts: { ...s.texts, [id]: texts }, tensors: { ...s.tensors, [id]: tensors } })),
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
      const before = get().customDef;
      if (sameGraph(before.program, r.program)) {
        // Only a comment (or spacing that moved nothing) changed: the listing shows the new text,
        // and the graph, its fields, the step and the answers stay as they are, not rebuilt.
        const def = { ...customDef(r.program, text), graph: before.graph };
        return set({ exprText: text, exprValid: text, exprError: null, customDef: def });
      }
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
      }));
      // Answers given for the old lines are about another graph.
      get().resetPractice();
    },
    inspect: (nodeId) => set({ inspected: nodeId }),
  };
};
