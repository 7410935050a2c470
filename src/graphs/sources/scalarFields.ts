import { checkInputs, parseScalar, run, SCALAR, shortQuote, variables, type Values } from '../../engine';
import type { GraphDef, ScalarGraphDef } from '../types';
import { keepUnlessTooLong, type FieldError, type GraphInputs, type InputSource } from './types';

type EditResult = { ok: true; values: Values } | { ok: false; error: FieldError };

/**
 * Checks one edited scalar field against the graph: the text must parse and be in range, and
 * the whole graph must stay finite with it (exp can overflow).
 */
export function validateEdit(def: GraphDef, name: string, text: string, current: Values): EditResult {
  const d = def.kind === 'scalar' ? def : null;
  const spec = d?.graph.inputs.find((i) => i.name === name);
  if (!d || !spec) return { ok: false, error: { key: 'error.nan', text: shortQuote(text) } };
  const p = parseScalar(text, spec.min, spec.max);
  if (!p.ok) {
    if (p.error === 'tooLong') return { ok: false, error: { key: 'error.tooLong', length: text.length, max: p.max } };
    if (p.error === 'empty') return { ok: false, error: { key: 'error.empty' } };
    if (p.error === 'nan') return { ok: false, error: { key: 'error.nan', text: shortQuote(text) } };
    return { ok: false, error: { key: 'error.range', min: spec.min, max: spec.max } };
  }
  const values = { ...current, [name]: p.value };
  // The learner's own graph says which operation leaves its domain, and where.
  const domain = d.program ? checkInputs(d.program, values) : null;
  if (domain) return { ok: false, error: { key: 'expr', error: domain } };
  const r = run(SCALAR, d.graph, values);
  const finite = variables(d.graph).every((v) => Number.isFinite(r.values[v]) && Number.isFinite(r.grads[v]));
  if (!finite) return { ok: false, error: { key: 'error.nonfinite' } };
  return { ok: true, values };
}

/** The book's scalar graphs: one number field per input, its default the book's number. */
export function scalarFields(def: ScalarGraphDef): InputSource {
  const inputs = def.graph.inputs;
  const defaults: GraphInputs = Object.freeze({
    texts: Object.freeze(Object.fromEntries(inputs.map((i) => [i.name, String(i.default)]))),
    values: Object.freeze(Object.fromEntries(inputs.map((i) => [i.name, i.default]))),
    tensors: Object.freeze({}),
  });
  return {
    name: def.source,
    fields: inputs.map((i) => i.name),
    literalFields: false,
    drawsInline: true,
    linkParams: [],
    defaults,
    edit: (now, edits) => {
      const errors = { ...now.errors };
      let values: Values = now.values;
      for (const [name, text] of Object.entries(edits)) {
        const r = validateEdit(def, name, text, values);
        errors[name] = r.ok ? undefined : r.error;
        if (r.ok) values = r.values;
      }
      return { texts: keepUnlessTooLong(now.texts, edits, errors), errors, values };
    },
    readLink: (given) => {
      let values = defaults.values;
      const texts = { ...defaults.texts };
      const refused: { name: string; error: FieldError }[] = [];
      for (const [name, text] of Object.entries(given)) {
        const r = validateEdit(def, name, text, values);
        if (r.ok) {
          values = r.values;
          texts[name] = text;
        } else refused.push({ name, error: r.error });
      }
      return { texts, values, tensors: defaults.tensors, refused };
    },
    linkValues: (now) =>
      Object.fromEntries(
        Object.entries(now.values)
          .filter(([k, v]) => v !== defaults.values[k])
          .map(([k, v]) => [k, String(v)]),
      ),
    runInputs: (now) => now.values,
  };
}
