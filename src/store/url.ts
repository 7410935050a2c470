import {
  defaultTensors,
  defaultTexts,
  defaultValues,
  isAvailable,
  matrixDef,
  stepCount,
  validateEdit,
  validateMatrixEdit,
  type GraphId,
} from '../graphs';
import type { Lang } from '../i18n';
import type { AppState } from './index';
import { tourIndex } from '../practice/tour';
import { textsOf, valuesOf } from './graphSlice';

/** The part of the state a shared link carries: language, graph, its inputs, the step. */
export function toSearch(s: AppState): string {
  const p = new URLSearchParams();
  p.set('lang', s.lang);
  p.set('graph', s.graphId);
  if (matrixDef(s.graphId)) {
    const texts = textsOf(s);
    const defaults = defaultTexts(s.graphId);
    const errors = s.errors[s.graphId] ?? {};
    for (const [k, v] of Object.entries(texts)) if (v !== defaults[k] && !errors[k]) p.set(k, v);
    if (matrixDef(s.graphId)?.inputsFrom === 'net' && s.traceImage > 0) p.set('image', String(s.traceImage));
  } else {
    const values = valuesOf(s);
    const defaults = defaultValues(s.graphId);
    for (const [k, v] of Object.entries(values)) if (v !== defaults[k]) p.set(k, String(v));
  }
  if (s.step > 0) p.set('step', String(s.step));
  if (s.tour !== null) p.set('tour', String(s.tour + 1));
  return `?${p.toString()}`;
}

/** Reads a link back; anything invalid in it is ignored, not fatal. */
export function fromSearch(search: string, lang: Lang): Partial<AppState> {
  const p = new URLSearchParams(search);
  const g = p.get('graph');
  const graphId: GraphId = isAvailable(g) ? g : 'apple-orange';
  let values = defaultValues(graphId);
  let tensors = defaultTensors(graphId);
  const texts = { ...defaultTexts(graphId) };
  for (const name of Object.keys(texts)) {
    const raw = p.get(name);
    if (raw === null) continue;
    if (matrixDef(graphId)) {
      const r = validateMatrixEdit(graphId, name, raw, tensors);
      if (r.ok) {
        tensors = r.values;
        texts[name] = raw;
      }
      continue;
    }
    const r = validateEdit(graphId, name, raw, values);
    if (r.ok) {
      values = r.values;
      texts[name] = raw;
    }
  }
  const image = Number(p.get('image') ?? '0');
  const stepRaw = Number(p.get('step') ?? '0');
  const step = Number.isInteger(stepRaw) ? Math.max(0, Math.min(stepCount(graphId), stepRaw)) : 0;
  return {
    lang,
    graphId,
    step,
    texts: { [graphId]: texts },
    values: { [graphId]: values },
    tensors: { [graphId]: tensors },
    traceImage: Number.isInteger(image) && image >= 0 && image < 10000 ? image : 0,
    // The stop itself is opened by goToStop once the store has this state (main.tsx).
    tour: tourIndex(p.get('tour')),
  };
}
