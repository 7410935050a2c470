import type { StateCreator } from 'zustand';
import {
  AVAILABLE_GRAPHS,
  DEFAULT_GRAPH,
  defaultTensors,
  defaultTexts,
  defaultValues,
  graphDef,
  stepCount,
  validateEdit,
  type GraphDef,
  type GraphId,
} from '../graphs';
import { custom, customDef } from '../graphs/custom';
import type { Tensor } from '../tensor/literal';
import { parseProgram, type Values } from '../engine';
import type { AppState, GraphSlice } from './types';
import { isTooLong, settleMatrixTexts } from './matrixInputs';
import { asksAt, isResolved, PRACTICE_RESET, quizKey } from './practiceSlice';

/** The definition a graph id shows now: the book's, or the one built from the learner's lines. */
export const defOf = (s: GraphSlice, id: GraphId = s.graphId): GraphDef => {
  const base = graphDef(id);
  return base.kind === 'scalar' && base.expression ? s.customDef : base;
};
export const textsOf = (s: GraphSlice, id: GraphId = s.graphId): Record<string, string> =>
  s.texts[id] ?? defaultTexts(defOf(s, id));
export const valuesOf = (s: GraphSlice, id: GraphId = s.graphId): Values => s.values[id] ?? defaultValues(defOf(s, id));
export const tensorsOf = (s: GraphSlice, id: GraphId = s.graphId): Readonly<Record<string, Tensor>> =>
  s.tensors[id] ?? defaultTensors(defOf(s, id));
export const stepsOf = (s: GraphSlice): number => stepCount(defOf(s));

/** The lines of the example graph, as the learner first sees them. */
export const EXAMPLE_TEXT = custom.source ?? '';

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
      const id = s.graphId;
      const texts = { ...textsOf(s), ...edits };
      const errors = { ...(s.errors[id] ?? {}) };
      // A text over the size limit is refused, not kept: the field keeps its text (an 8 MB value
      // takes the browser seconds to lay out) and the message says why.
      const refuseTooLong = () => {
        for (const name of Object.keys(edits)) if (isTooLong(errors[name])) texts[name] = textsOf(s)[name];
      };
      const def = defOf(s);
      if (def.kind === 'matrix') {
        const pending = Object.keys(errors).filter((n) => errors[n]);
        const r = settleMatrixTexts(def, texts, tensorsOf(s), Object.keys(edits), pending);
        Object.assign(errors, r.errors);
        refuseTooLong();
        return set({
          texts: { ...s.texts, [id]: texts },
          errors: { ...s.errors, [id]: errors },
          tensors: { ...s.tensors, [id]: r.tensors },
        });
      }
      let values = valuesOf(s);
      for (const [name, text] of Object.entries(edits)) {
        const r = validateEdit(def, name, text, values);
        errors[name] = r.ok ? undefined : r.error;
        if (r.ok) values = r.values;
      }
      refuseTooLong();
      set({
        texts: { ...s.texts, [id]: texts },
        errors: { ...s.errors, [id]: errors },
        values: { ...s.values, [id]: values },
      });
    },
    restoreDefaults: () => {
      const id = get().graphId;
      const def = defOf(get());
      set((s) => ({
        texts: { ...s.texts, [id]: defaultTexts(def) },
        values: { ...s.values, [id]: defaultValues(def) },
        tensors: { ...s.tensors, [id]: defaultTensors(def) },
        errors: { ...s.errors, [id]: {} },
      }));
    },
    editExpression: (text) => {
      const r = parseProgram(text);
      if (!r.ok) return set({ exprText: text, exprError: r.error });
      const def = customDef(r.program, text);
      const id = def.id as GraphId;
      // The lines are the source of the inputs' values: a changed line resets its field.
      set((s) => ({
        exprText: text,
        exprValid: text,
        exprError: null,
        customDef: def,
        texts: { ...s.texts, [id]: defaultTexts(def) },
        values: { ...s.values, [id]: defaultValues(def) },
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
