import type { MessageKey } from '../i18n';
import { BOOK_CONFIG, type TrainConfig, type WeightInitKind } from '../net/config';
import type { Activation } from '../net/arch';
import { MAX_LAYERS, MAX_UNITS } from '../net/arch';
import type { OptimizerName } from '../net/optimizers';
import { MAX_SCALAR_CHARS, shortQuote } from '../engine/format';
import type { ImportSettings } from '../net/weightsFile';
import { isPlainNumber } from '../tensor/number';
import { TRAIN_IMAGES } from '../constants';

/**
 * Every setting of a run as the learner gave it: the text fields as typed, the comboboxes and
 * the checkbox as their link values (`relu`, `adam`, `1`). One record of strings, so that the
 * link, the saved run and the fields all carry the same thing and nothing typed is lost.
 */
export type TrainField =
  | 'hiddenLayers'
  | 'activation'
  | 'weightInit'
  | 'weightInitStd'
  | 'batchNorm'
  | 'optimizer'
  | 'learningRate'
  | 'momentum'
  | 'decayRate'
  | 'beta1'
  | 'beta2'
  | 'weightDecay'
  | 'dropout'
  | 'trainImages'
  | 'batchSize'
  | 'iterations'
  | 'seed';

export type TrainTexts = Record<TrainField, string>;

/** The optimizers by their link names (lowercase), in the book's order. */
export const OPTIMIZERS: Record<string, OptimizerName> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  adagrad: 'AdaGrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
};
export const ACTIVATIONS: readonly Activation[] = ['relu', 'sigmoid'];
export const WEIGHT_INITS: readonly WeightInitKind[] = ['he', 'xavier', 'std'];

type FieldRule =
  | { kind: 'int'; min: number; max: number }
  /** Reals from min (included or not) to max (included or not). */
  | { kind: 'real'; min: number; max: number; minInclusive: boolean; maxInclusive: boolean; rangeKey?: MessageKey }
  | { kind: 'layers' }
  | { kind: 'choice'; options: readonly string[] }
  | { kind: 'flag' };

const real = (min: number, max: number, minInclusive: boolean, maxInclusive = true, rangeKey?: MessageKey) =>
  ({ kind: 'real', min, max, minInclusive, maxInclusive, rangeKey }) as const;
/** A rate or decay from 0 up to, not including, 1. */
const unitRate = real(0, 1, true, false);

export const FIELD_RULES: Record<TrainField, FieldRule> = {
  hiddenLayers: { kind: 'layers' },
  activation: { kind: 'choice', options: ACTIVATIONS },
  weightInit: { kind: 'choice', options: WEIGHT_INITS },
  weightInitStd: real(0, 10, false),
  batchNorm: { kind: 'flag' },
  optimizer: { kind: 'choice', options: Object.keys(OPTIMIZERS) },
  learningRate: real(0, 100, false),
  momentum: unitRate,
  decayRate: unitRate,
  beta1: unitRate,
  beta2: unitRate,
  weightDecay: real(0, 10, true),
  dropout: real(0, 1, true, false, 'train.dropout.range'),
  // The maximum is the training set's size: see maxOf.
  trainImages: { kind: 'int', min: 1, max: TRAIN_IMAGES },
  batchSize: { kind: 'int', min: 1, max: 10000 },
  iterations: { kind: 'int', min: 1, max: 1000000 },
  seed: { kind: 'int', min: 0, max: 4294967295 },
};

/** The fields in the order the panel shows them and the link writes them. */
export const TRAIN_FIELDS = Object.keys(FIELD_RULES) as TrainField[];

const optimizerKey = (name: OptimizerName): string =>
  Object.keys(OPTIMIZERS).find((k) => OPTIMIZERS[k] === name) ?? 'sgd';

/** A flag's text: `1` on, `0` off. */
export const flagText = (on: boolean): string => (on ? '1' : '0');

/** The texts of a config: what the fields show for it. */
export function textsOf(c: TrainConfig): TrainTexts {
  return {
    hiddenLayers: c.hidden.join(', '),
    activation: c.activation,
    weightInit: c.weightInit,
    weightInitStd: String(c.weightInitStd),
    batchNorm: flagText(c.batchNorm),
    optimizer: optimizerKey(c.optimizer),
    learningRate: String(c.learningRate),
    momentum: String(c.momentum),
    decayRate: String(c.decayRate),
    beta1: String(c.beta1),
    beta2: String(c.beta2),
    weightDecay: String(c.weightDecay),
    dropout: String(c.dropout),
    trainImages: String(c.trainImages),
    batchSize: String(c.batchSize),
    iterations: String(c.iterations),
    seed: String(c.seed),
  };
}

/** The book's settings (train_neuralnet.py; chapter 6's optimizer defaults). */
export const DEFAULT_TRAIN_TEXTS: TrainTexts = textsOf(BOOK_CONFIG);

export interface TrainFieldError {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** What a field is checked against besides its own text: the size of the training set in use. */
export interface FieldContext {
  trainCount: number;
}
const MNIST_CONTEXT: FieldContext = { trainCount: TRAIN_IMAGES };

type Checked<T> = { ok: true; value: T } | { ok: false; error: TrainFieldError };
const fail = (
  key: MessageKey,
  params: Record<string, string | number> = {},
): { ok: false; error: TrainFieldError } => ({
  ok: false,
  error: { key, params },
});

/**
 * `100, 100, 100` as hidden layer sizes: whole numbers from 1 to MAX_UNITS, separated by
 * commas, 1 to MAX_LAYERS of them. The error names the first size that is wrong by its position.
 */
export function parseLayers(text: string): Checked<number[]> {
  if (text.length > MAX_SCALAR_CHARS) return fail('error.tooLong', { length: text.length, max: MAX_SCALAR_CHARS });
  if (text.trim() === '') return fail('train.layers.none');
  const parts = text.split(',').map((p) => p.trim());
  const sizes: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const position = i + 1;
    if (p === '') return fail('train.layers.emptyEntry', { position });
    if (/^\d+(\s+\d+)+$/.test(p)) return fail('train.layers.comma', { text: shortQuote(p) });
    if (!/^\d+$/.test(p)) return fail('train.layers.nan', { position, text: shortQuote(p) });
    const v = Number(p);
    if (v < 1 || v > MAX_UNITS) return fail('train.layers.range', { position, value: p, min: 1, max: MAX_UNITS });
    sizes.push(v);
  }
  if (sizes.length > MAX_LAYERS) return fail('train.layers.tooMany', { count: sizes.length, max: MAX_LAYERS });
  return { ok: true, value: sizes };
}

/** The largest value a field takes here (Training images: the training set's size). */
const maxOf = (field: TrainField, rule: { max: number }, ctx: FieldContext): number =>
  field === 'trainImages' ? ctx.trainCount : rule.max;

function checkNumber(field: TrainField, text: string, ctx: FieldContext): Checked<number> {
  const rule = FIELD_RULES[field];
  if (rule.kind !== 'int' && rule.kind !== 'real') throw new Error(`${field} is not a number field`);
  if (text.length > MAX_SCALAR_CHARS) return fail('error.tooLong', { length: text.length, max: MAX_SCALAR_CHARS });
  const t = text.trim();
  const max = maxOf(field, rule, ctx);
  const rangeError = () => {
    if (rule.kind === 'int')
      return field === 'trainImages' && max < TRAIN_IMAGES
        ? fail('train.range.images', { min: rule.min, max })
        : fail('train.range.int', { min: rule.min, max });
    if (rule.rangeKey) return fail(rule.rangeKey, { min: rule.min, max });
    if (!rule.maxInclusive) return fail('train.range.realBelow', { min: rule.min, max });
    return fail(rule.minInclusive ? 'train.range.realIncl' : 'train.range.real', { min: rule.min, max });
  };
  if (t === '') return fail('error.empty');
  if (!isPlainNumber(t)) return fail('error.nan', { text: shortQuote(t) });
  const v = Number(t);
  if (!Number.isFinite(v)) return rangeError();
  if (rule.kind === 'int' && !Number.isInteger(v)) return rangeError();
  const aboveMin = rule.kind === 'int' || rule.minInclusive ? v >= rule.min : v > rule.min;
  const belowMax = rule.kind === 'int' || rule.maxInclusive ? v <= max : v < max;
  return aboveMin && belowMax ? { ok: true, value: v } : rangeError();
}

/** Checks one field's text; `value` is what it means (a number, the sizes, the choice, the flag). */
export function validateTrainField(
  field: TrainField,
  text: string,
  ctx: FieldContext = MNIST_CONTEXT,
): Checked<number | number[] | string | boolean> {
  const rule = FIELD_RULES[field];
  switch (rule.kind) {
    case 'layers':
      return parseLayers(text);
    case 'choice':
      return rule.options.includes(text)
        ? { ok: true, value: text }
        : fail('train.choice', { text: shortQuote(text), options: rule.options.join(', ') });
    case 'flag':
      return text === '1' || text === '0'
        ? { ok: true, value: text === '1' }
        : fail('train.flag', { text: shortQuote(text) });
    default:
      return checkNumber(field, text, ctx);
  }
}

/**
 * Whether a field means anything with the other settings: `Weight init std` only for the
 * standard-deviation init, each optimizer's hyperparameters only for it. A field that does
 * not apply keeps its text, and its error does not hold Train back.
 */
export function applies(field: TrainField, texts: TrainTexts): boolean {
  switch (field) {
    case 'weightInitStd':
      return texts.weightInit === 'std';
    case 'momentum':
      return texts.optimizer === 'momentum' || texts.optimizer === 'nesterov';
    case 'decayRate':
      return texts.optimizer === 'rmsprop';
    case 'beta1':
    case 'beta2':
      return texts.optimizer === 'adam';
    default:
      return true;
  }
}

/** Every field's error, checked with the training set in use. */
export function errorsOf(
  texts: TrainTexts,
  ctx: FieldContext = MNIST_CONTEXT,
): Partial<Record<TrainField, TrainFieldError>> {
  const errors: Partial<Record<TrainField, TrainFieldError>> = {};
  for (const f of TRAIN_FIELDS) {
    const r = validateTrainField(f, texts[f], ctx);
    if (!r.ok) errors[f] = r.error;
  }
  return errors;
}

/**
 * The run the settings ask for, or null while a field that applies is invalid. A field that
 * does not apply gives its value when it is valid (harmless: it is not used) and the book's
 * default otherwise.
 */
export function configFrom(texts: TrainTexts, ctx: FieldContext = MNIST_CONTEXT): TrainConfig | null {
  const v: Partial<Record<TrainField, number | number[] | string | boolean>> = {};
  for (const f of TRAIN_FIELDS) {
    const r = validateTrainField(f, texts[f], ctx);
    if (r.ok) v[f] = r.value;
    else if (applies(f, texts)) return null;
  }
  const num = (f: TrainField, fallback: number): number => (typeof v[f] === 'number' ? v[f] : fallback);
  const b = BOOK_CONFIG;
  return {
    hidden: Array.isArray(v.hiddenLayers) ? v.hiddenLayers : [...b.hidden],
    activation: ACTIVATIONS.find((a) => a === v.activation) ?? b.activation,
    weightInit: WEIGHT_INITS.find((w) => w === v.weightInit) ?? b.weightInit,
    weightInitStd: num('weightInitStd', b.weightInitStd),
    optimizer: OPTIMIZERS[String(v.optimizer)] ?? b.optimizer,
    learningRate: num('learningRate', b.learningRate),
    momentum: num('momentum', b.momentum),
    decayRate: num('decayRate', b.decayRate),
    beta1: num('beta1', b.beta1),
    beta2: num('beta2', b.beta2),
    weightDecay: num('weightDecay', b.weightDecay),
    batchNorm: v.batchNorm === true,
    dropout: num('dropout', b.dropout),
    trainImages: num('trainImages', b.trainImages),
    batchSize: num('batchSize', b.batchSize),
    iterations: num('iterations', b.iterations),
    seed: num('seed', b.seed),
    dtype: b.dtype,
  };
}

/**
 * The settings for another training set: `Training images` at the old set's size (all of it)
 * becomes the new set's size; any other count stays, checked against the new size.
 */
export function retargetTrainImages(
  texts: TrainTexts,
  errors: Partial<Record<TrainField, TrainFieldError>>,
  oldCount: number,
  newCount: number,
): { trainTexts: TrainTexts; trainErrors: Partial<Record<TrainField, TrainFieldError>> } {
  const text = texts.trainImages.trim() === String(oldCount) ? String(newCount) : texts.trainImages;
  const r = validateTrainField('trainImages', text, { trainCount: newCount });
  return {
    trainTexts: { ...texts, trainImages: text },
    trainErrors: { ...errors, trainImages: r.ok ? undefined : r.error },
  };
}

/**
 * What Import weights takes from the settings, since an .npz has no array for it: the
 * activation and the dropout ratio (the book's defaults while a field is unusable).
 */
export function importSettingsFrom(texts: Record<TrainField, string>): ImportSettings {
  const cfg = configFrom(texts) ?? BOOK_CONFIG;
  return { activation: cfg.activation, dropout: cfg.dropout };
}
