import { parseScalar, run, stateAt, totalSteps, variables, type Values } from '../engine';
import { SCALAR_GRAPHS } from './scalar';
import type { GraphId, ScalarGraphDef } from './types';

export * from './types';
export { SCALAR_GRAPHS } from './scalar';

/** The graphs the Graph combobox offers, in the book's order. */
export const AVAILABLE_GRAPHS: GraphId[] = ['apple', 'apple-orange', 'chain-rule', 'sigmoid', 'sigmoid-simple', 'relu'];

export const isAvailable = (id: string | null): id is GraphId => id !== null && (AVAILABLE_GRAPHS as string[]).includes(id);

export function scalarDef(id: GraphId): ScalarGraphDef | null {
  return id in SCALAR_GRAPHS ? SCALAR_GRAPHS[id as keyof typeof SCALAR_GRAPHS] : null;
}

export function stepCount(id: GraphId): number {
  const d = scalarDef(id);
  return d ? totalSteps(d.graph) : 0;
}

// Cached so that store selectors get the same object each time (a new one each call would
// re-render forever).
const textCache = new Map<GraphId, Readonly<Record<string, string>>>();
const valueCache = new Map<GraphId, Readonly<Values>>();

export function defaultTexts(id: GraphId): Readonly<Record<string, string>> {
  if (!textCache.has(id)) {
    const d = scalarDef(id);
    textCache.set(id, Object.freeze(d ? Object.fromEntries(d.graph.inputs.map((i) => [i.name, String(i.default)])) : {}));
  }
  return textCache.get(id)!;
}

export function defaultValues(id: GraphId): Readonly<Values> {
  if (!valueCache.has(id)) {
    const d = scalarDef(id);
    valueCache.set(id, Object.freeze(d ? Object.fromEntries(d.graph.inputs.map((i) => [i.name, i.default])) : {}));
  }
  return valueCache.get(id)!;
}

export type FieldError =
  | { key: 'error.empty' }
  | { key: 'error.nan'; text: string }
  | { key: 'error.range'; min: number; max: number }
  | { key: 'error.nonfinite' };

/**
 * Checks one edited field against the graph: the text must parse and be in range, and the
 * whole graph must stay finite with it (exp can overflow).
 */
export function validateEdit(id: GraphId, name: string, text: string, current: Values): { ok: true; values: Values } | { ok: false; error: FieldError } {
  const d = scalarDef(id);
  const spec = d?.graph.inputs.find((i) => i.name === name);
  if (!d || !spec) return { ok: false, error: { key: 'error.nan', text } };
  const p = parseScalar(text, spec.min, spec.max);
  if (!p.ok) {
    if (p.error === 'empty') return { ok: false, error: { key: 'error.empty' } };
    if (p.error === 'nan') return { ok: false, error: { key: 'error.nan', text } };
    return { ok: false, error: { key: 'error.range', min: spec.min, max: spec.max } };
  }
  const values = { ...current, [name]: p.value };
  const r = run(d.graph, values);
  const finite = variables(d.graph).every((v) => Number.isFinite(r.values[v]) && Number.isFinite(r.grads[v]));
  if (!finite) return { ok: false, error: { key: 'error.nonfinite' } };
  return { ok: true, values };
}

export { stateAt };
