import {
  AVAILABLE_GRAPHS,
  DEFAULT_GRAPH,
  graphDef,
  isAvailable,
  sourceOf,
  type FieldError,
  type GraphId,
  type ScalarGraphDef,
} from '../graphs';
import { parseProgram, stepCount } from '../engine';
import { shortQuote } from '../engine/format';
import { customDef, exampleDef } from '../graphs/custom';
import type { Lang } from '../i18n';
import { isPlainNumber } from '../tensor/number';
import type { AppState, IgnoredParam, IgnoreReason } from './types';
import { tourIndex } from '../practice/tour';
import { isView } from './uiSlice';
import { defOf, textsOf, tensorsOf, valuesOf } from './graphSlice';
import { TEST_IMAGES, TRAIN_IMAGES } from '../constants';
import { DEFAULT_TRAIN_TEXTS, errorsOf, TRAIN_FIELDS, type TrainField } from './trainingFields';
import { HIDDEN_ALIAS, readTrainParam, TRAIN_LINK_NAMES, writeTrainParam } from './trainLink';

/**
 * A value longer than this stays out of the link: every field of a matrix graph at its limit
 * would make a URL of tens of kilobytes, which servers refuse (HTTP 431). Four fields at 500
 * characters, percent-encoded, stay under the 8 KB most servers take.
 */
export const LINK_VALUE_MAX = 500;

/** How many characters of an ignored value the notice quotes. */
const QUOTE_MAX = 24;

/** A link being read: its parameters, and the state read so far (later rows see what earlier ones set). */
interface Reading {
  readonly p: URLSearchParams;
  readonly state: Partial<AppState> & { graphId: GraphId; customDef: ScalarGraphDef };
  ignore(name: string, value: string, reason: IgnoreReason): void;
}

/** One parameter of the link: how it is read and checked (and what it sets), and how it is written. */
interface LinkParam {
  /** Its name in the link; `<field>` stands for each field of the graph's input source. */
  name: string;
  read(r: Reading): void;
  /** The parameters to write, in order; none (or undefined) when the state has its default. */
  write(s: AppState): Record<string, string | undefined>;
}

/** The fields of the graph now shown, as the store has them. */
const inputsNow = (s: AppState) => ({
  texts: textsOf(s),
  values: valuesOf(s),
  tensors: tensorsOf(s),
  errors: s.errors[s.graphId] ?? {},
});

/** The fields' values the link carries: those that differ from the defaults, are valid and are short enough. */
const fieldValues = (s: AppState): [string, string][] => Object.entries(sourceOf(defOf(s)).linkValues(inputsNow(s)));

/** Whether the graph shown carries a parameter besides its fields (its source says). */
const carries = (s: AppState, name: 'expr' | 'image') => sourceOf(defOf(s)).linkParams.includes(name);

/** Every name some graph takes as an input field. */
const allFields = (): Set<string> => new Set(AVAILABLE_GRAPHS.flatMap((id) => sourceOf(graphDef(id)).fields));

/** A whole number from 0 to max, written as digits, or null. */
function wholeNumber(raw: string, max: number): number | null {
  const t = raw.trim();
  if (!isPlainNumber(t)) return null;
  const v = Number(t);
  return Number.isInteger(v) && v >= 0 && v <= max ? v : null;
}

function reasonOf(e: FieldError): IgnoreReason {
  switch (e.key) {
    case 'error.empty':
    case 'error.nan':
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

/** A link opens with MNIST: its settings are checked against MNIST's training set. */
const LINK_DATASET = { trainCount: TRAIN_IMAGES };

/**
 * A training setting in the link. A value that is not valid is named in the notice, and a
 * text field shows it, flagged, for the learner to fix. `hidden=` (one layer's size, the link
 * of the app before multi-layer nets) stands for `layers=` when that is not given.
 */
const trainParam = (field: TrainField): LinkParam => ({
  name: TRAIN_LINK_NAMES[field],
  read: ({ p, state, ignore }) => {
    let name = TRAIN_LINK_NAMES[field];
    let raw = p.get(name);
    const alias = field === 'hiddenLayers' ? p.get(HIDDEN_ALIAS) : null;
    if (alias !== null && raw !== null) ignore(HIDDEN_ALIAS, alias, 'alias');
    else if (alias !== null) [name, raw] = [HIDDEN_ALIAS, alias];
    if (raw === null) return;
    const r = readTrainParam(field, raw, LINK_DATASET);
    if (r.reason) ignore(name, raw, r.reason);
    if (r.text === null) return;
    const trainTexts = { ...(state.trainTexts ?? DEFAULT_TRAIN_TEXTS), [field]: r.text };
    Object.assign(state, {
      trainTexts,
      trainErrors: errorsOf(trainTexts, LINK_DATASET),
      trainGiven: { ...state.trainGiven, [field]: true },
    });
  },
  write: (s) => {
    const v = writeTrainParam(field, s.trainTexts, s.dataset);
    return { [TRAIN_LINK_NAMES[field]]: v !== undefined && v.length <= LINK_VALUE_MAX ? v : undefined };
  },
});

/**
 * The link's parameters, read and written in this order. To add one, add a row: its name, how
 * it is read and checked (an unusable value is ignored with a reason, never fatal), and how it
 * is written.
 */
const PARAMS: readonly LinkParam[] = [
  {
    // The language itself is read before the store is made (main.tsx passes it in).
    name: 'lang',
    read: ({ p, ignore }) => {
      const raw = p.get('lang');
      if (raw !== null && raw !== 'en' && raw !== 'ko') ignore('lang', raw, 'lang');
    },
    write: (s) => ({ lang: s.lang }),
  },
  {
    name: 'graph',
    read: ({ p, state, ignore }) => {
      const raw = p.get('graph');
      if (raw !== null && !isAvailable(raw)) ignore('graph', raw, 'graph');
      state.graphId = isAvailable(raw) ? raw : DEFAULT_GRAPH;
    },
    write: (s) => ({ graph: s.graphId }),
  },
  {
    // The learner's own graph comes with its lines: they define the inputs the link may set.
    // Without lines of its own it opens on the example, its comment in the page's language.
    name: 'expr',
    read: ({ p, state, ignore }) => {
      const raw = p.get('expr');
      if (raw === null) return;
      const r = parseProgram(raw);
      if (r.ok) state.customDef = customDef(r.program, raw);
      else ignore('expr', raw, 'expr');
    },
    write: (s) => (carries(s, 'expr') ? { expr: s.exprValid } : {}),
  },
  {
    // Checked as the graph's input source checks an edit, from the defaults.
    name: '<field>',
    read: ({ p, state, ignore }) => {
      const source = sourceOf(defOf(state));
      const given = Object.fromEntries(source.fields.flatMap((n) => (p.has(n) ? [[n, p.get(n)!]] : [])));
      const r = source.readLink(given);
      for (const { name, error } of r.refused) ignore(name, given[name], reasonOf(error));
      Object.assign(state, {
        texts: { [state.graphId]: r.texts },
        values: { [state.graphId]: r.values },
        tensors: { [state.graphId]: r.tensors },
      });
      const others = allFields();
      for (const [name, value] of p) if (others.has(name) && !(name in r.texts)) ignore(name, value, 'input');
    },
    write: (s) => Object.fromEntries(fieldValues(s).filter(([, v]) => v.length <= LINK_VALUE_MAX)),
  },
  {
    name: 'image',
    read: ({ p, state, ignore }) => {
      const raw = p.get('image');
      const image = raw === null ? 0 : wholeNumber(raw, TEST_IMAGES - 1);
      // A test image on a graph that shows none is named too, and not kept for a later graph.
      const used = sourceOf(defOf(state)).linkParams.includes('image');
      if (image === null) ignore('image', raw!, 'image');
      else if (raw !== null && !used) ignore('image', raw, 'noImage');
      state.traceImage = used ? (image ?? 0) : 0;
    },
    write: (s) => (carries(s, 'image') && s.traceImage > 0 ? { image: String(s.traceImage) } : {}),
  },
  {
    name: 'step',
    read: ({ p, state, ignore }) => {
      const raw = p.get('step');
      const step = raw === null ? 0 : wholeNumber(raw, stepCount(defOf(state)));
      if (step === null) ignore('step', raw!, 'step');
      state.step = step ?? 0;
    },
    write: (s) => (s.step > 0 ? { step: String(s.step) } : {}),
  },
  {
    // The stop itself is opened by goToStop once the store has this state (main.tsx).
    name: 'tour',
    read: ({ p, state, ignore }) => {
      const raw = p.get('tour');
      state.tour = tourIndex(raw);
      if (raw !== null && state.tour === null) ignore('tour', raw, 'tour');
    },
    write: (s) => (s.tour !== null ? { tour: String(s.tour + 1) } : {}),
  },
  {
    name: 'view',
    read: ({ p, state, ignore }) => {
      const raw = p.get('view');
      if (raw !== null && !isView(raw)) ignore('view', raw, 'view');
      state.view = isView(raw) ? raw : 'graph';
    },
    write: (s) => (s.view !== 'graph' ? { view: s.view } : {}),
  },
  ...TRAIN_FIELDS.map(trainParam),
];

/** Valid fields of the current graph whose text is too long for the link. */
export function omittedFromLink(s: AppState): string[] {
  return fieldValues(s)
    .filter(([, v]) => v.length > LINK_VALUE_MAX)
    .map(([k]) => k);
}

/** The part of the state a shared link carries: each row of PARAMS writes its own. */
export function toSearch(s: AppState): string {
  const p = new URLSearchParams();
  for (const param of PARAMS) for (const [k, v] of Object.entries(param.write(s))) if (v !== undefined) p.set(k, v);
  return `?${p.toString()}`;
}

/**
 * Reads a link back. Nothing in it is fatal: what cannot be used is left out and listed in
 * `urlIgnored`, so the page can say once what it ignored.
 */
export function fromSearch(search: string, lang: Lang): Partial<AppState> {
  try {
    return readSearch(search, lang);
  } catch {
    // Every cause we know of is handled in the rows' readers; this keeps an unknown one from blanking the page.
    return { lang, urlIgnored: [{ name: '', value: '', reason: 'unreadable' }] };
  }
}

function readSearch(search: string, lang: Lang): Partial<AppState> {
  const urlIgnored: IgnoredParam[] = [];
  const r: Reading = {
    p: new URLSearchParams(search),
    state: { lang, graphId: DEFAULT_GRAPH, customDef: exampleDef(lang) },
    ignore: (name, value, reason) => urlIgnored.push({ name, value: shortQuote(value, QUOTE_MAX), reason }),
  };
  for (const param of PARAMS) param.read(r);
  const lines = r.state.customDef.lines;
  return { ...r.state, exprText: lines, exprValid: lines, urlIgnored };
}
