import {
  AVAILABLE_GRAPHS,
  DEFAULT_GRAPH,
  defaultTensors,
  defaultTexts,
  defaultValues,
  graphDef,
  isAvailable,
  stepCount,
  validateEdit,
  type FieldError,
  type GraphId,
} from '../graphs';
import { parseProgram } from '../engine';
import { shortQuote } from '../engine/format';
import { customDef, exampleDef } from '../graphs/custom';
import type { Lang } from '../i18n';
import { isPlainNumber } from '../tensor/number';
import type { AppState, IgnoredParam, IgnoreReason } from './types';
import { tourIndex } from '../practice/tour';
import { isView } from './uiSlice';
import { defOf, textsOf, valuesOf } from './graphSlice';
import { settleMatrixTexts } from './matrixInputs';
import { TEST_IMAGES } from '../constants';

/**
 * A value longer than this stays out of the link: every field of a matrix graph at its limit
 * would make a URL of tens of kilobytes, which servers refuse (HTTP 431). Four fields at 500
 * characters, percent-encoded, stay under the 8 KB most servers take.
 */
export const LINK_VALUE_MAX = 500;

/** How many characters of an ignored value the notice quotes. */
const QUOTE_MAX = 24;

/** Valid fields of the current graph whose text is too long for the link. */
export function omittedFromLink(s: AppState): string[] {
  if (defOf(s).kind !== 'matrix') return [];
  const errors = s.errors[s.graphId] ?? {};
  return Object.entries(textsOf(s))
    .filter(([k, v]) => v.length > LINK_VALUE_MAX && !errors[k])
    .map(([k]) => k);
}

/** The part of the state a shared link carries: language, graph, its inputs, the step. */
export function toSearch(s: AppState): string {
  const p = new URLSearchParams();
  p.set('lang', s.lang);
  p.set('graph', s.graphId);
  const def = defOf(s);
  if (def.kind === 'scalar' && def.expression) p.set('expr', s.exprValid);
  if (def.kind === 'matrix') {
    const texts = textsOf(s);
    const defaults = defaultTexts(def);
    const errors = s.errors[s.graphId] ?? {};
    for (const [k, v] of Object.entries(texts))
      if (v !== defaults[k] && !errors[k] && v.length <= LINK_VALUE_MAX) p.set(k, v);
    if (def.inputsFrom === 'net' && s.traceImage > 0) p.set('image', String(s.traceImage));
  } else {
    const values = valuesOf(s);
    const defaults = defaultValues(def);
    for (const [k, v] of Object.entries(values)) if (v !== defaults[k]) p.set(k, String(v));
  }
  if (s.step > 0) p.set('step', String(s.step));
  if (s.tour !== null) p.set('tour', String(s.tour + 1));
  if (s.view !== 'graph') p.set('view', s.view);
  return `?${p.toString()}`;
}

function reasonOf(e: FieldError | undefined): IgnoreReason {
  switch (e?.key) {
    case 'error.empty':
    case 'error.nan':
    case undefined:
      return 'number';
    case 'error.range':
      return 'range';
    case 'error.tooLong':
    case 'error.tooBig':
      return 'tooLong';
    case 'error.nonfinite':
      return 'nonfinite';
    case 'literal':
      return e.error.kind === 'tooLong' || e.error.kind === 'tooMany' ? 'tooLong' : 'literal';
    case 'shape':
      return 'shape';
    case 'expr':
      return 'nonfinite';
  }
}

/** Every name some graph takes as an input field. */
const inputNames = (): Set<string> =>
  new Set(AVAILABLE_GRAPHS.flatMap((id) => Object.keys(defaultTexts(graphDef(id)))));

/** A whole number from 0 to max, written as digits, or null. */
function wholeNumber(raw: string, max: number): number | null {
  const t = raw.trim();
  if (!isPlainNumber(t)) return null;
  const v = Number(t);
  return Number.isInteger(v) && v >= 0 && v <= max ? v : null;
}

/**
 * Reads a link back. Nothing in it is fatal: what cannot be used is left out and listed in
 * `urlIgnored`, so the page can say once what it ignored.
 */
export function fromSearch(search: string, lang: Lang): Partial<AppState> {
  try {
    return readSearch(search, lang);
  } catch {
    // Every cause we know of is handled in readSearch; this keeps an unknown one from blanking the page.
    return { lang, urlIgnored: [{ name: '', value: '', reason: 'unreadable' }] };
  }
}

function readSearch(search: string, lang: Lang): Partial<AppState> {
  const p = new URLSearchParams(search);
  const ignored: IgnoredParam[] = [];
  const ignore = (name: string, value: string, reason: IgnoreReason) =>
    ignored.push({ name, value: shortQuote(value, QUOTE_MAX), reason });
  const langRaw = p.get('lang');
  if (langRaw !== null && langRaw !== 'en' && langRaw !== 'ko') ignore('lang', langRaw, 'lang');
  const g = p.get('graph');
  if (g !== null && !isAvailable(g)) ignore('graph', g, 'graph');
  const graphId: GraphId = isAvailable(g) ? g : DEFAULT_GRAPH;

  // The learner's own graph comes with its lines: they define the inputs the link may set.
  // Without lines of its own it opens on the example, its comment in the page's language.
  let custom = exampleDef(lang);
  const exprRaw = p.get('expr');
  if (exprRaw !== null) {
    const r = parseProgram(exprRaw);
    if (r.ok) custom = customDef(r.program, exprRaw);
    else ignore('expr', exprRaw, 'expr');
  }
  const expr: Partial<AppState> = { exprText: custom.source, exprValid: custom.source, customDef: custom };
  let def = graphDef(graphId);
  if (def.kind === 'scalar' && def.expression) def = custom;
  let values = defaultValues(def);
  let tensors = defaultTensors(def);
  const texts = { ...defaultTexts(def) };
  const given = Object.keys(texts).filter((name) => p.get(name) !== null);
  if (def.kind === 'matrix') {
    const r = settleMatrixTexts(
      def,
      { ...texts, ...Object.fromEntries(given.map((n) => [n, p.get(n)!])) },
      tensors,
      given,
      [],
    );
    tensors = r.tensors;
    for (const name of given) {
      if (r.errors[name]) ignore(name, p.get(name)!, reasonOf(r.errors[name]));
      else texts[name] = p.get(name)!;
    }
  } else {
    for (const name of given) {
      const raw = p.get(name)!;
      const r = validateEdit(def, name, raw, values);
      if (r.ok) {
        values = r.values;
        texts[name] = raw;
      } else ignore(name, raw, reasonOf(r.error));
    }
  }
  const others = inputNames();
  for (const [name, value] of p) if (others.has(name) && !(name in texts)) ignore(name, value, 'input');

  const imageRaw = p.get('image');
  const image = imageRaw === null ? 0 : wholeNumber(imageRaw, TEST_IMAGES - 1);
  if (image === null) ignore('image', imageRaw!, 'image');
  const viewRaw = p.get('view');
  if (viewRaw !== null && !isView(viewRaw)) ignore('view', viewRaw, 'view');
  const stepRaw = p.get('step');
  const step = stepRaw === null ? 0 : wholeNumber(stepRaw, stepCount(def));
  if (step === null) ignore('step', stepRaw!, 'step');
  return {
    ...expr,
    lang,
    view: isView(viewRaw) ? viewRaw : 'graph',
    graphId,
    step: step ?? 0,
    texts: { [graphId]: texts },
    values: { [graphId]: values },
    tensors: { [graphId]: tensors },
    traceImage: image ?? 0,
    urlIgnored: ignored,
    // The stop itself is opened by goToStop once the store has this state (main.tsx).
    tour: tourIndex(p.get('tour')),
  };
}
