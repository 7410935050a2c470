import {
  DEFAULT_TRAIN_TEXTS,
  FIELD_RULES,
  validateTrainField,
  type FieldContext,
  type TrainField,
  type TrainTexts,
} from './trainingFields';

/** Each training setting's name in the link, in the order the link writes them. */
export const TRAIN_LINK_NAMES: Record<TrainField, string> = {
  hiddenLayers: 'layers',
  activation: 'activation',
  weightInit: 'init',
  weightInitStd: 'std',
  batchNorm: 'batchnorm',
  optimizer: 'optimizer',
  learningRate: 'lr',
  momentum: 'momentum',
  decayRate: 'decay',
  beta1: 'beta1',
  beta2: 'beta2',
  weightDecay: 'weightdecay',
  dropout: 'dropout',
  trainImages: 'train',
  batchSize: 'batch',
  iterations: 'iters',
  seed: 'seed',
};

/** The older link name of one hidden layer's size (the `Hidden size` field before multi-layer nets). */
export const HIDDEN_ALIAS = 'hidden';

const FLAG_WORDS: Record<string, string> = { '1': '1', true: '1', on: '1', '0': '0', false: '0', off: '0' };

/**
 * A setting as the link gives it: the text the field takes, and why it is named in the link
 * notice when it is not valid. A text field keeps the text even then, flagged, so the learner
 * can fix it; a combobox or the checkbox cannot show a value it does not have, and keeps its
 * default. Names of choices are read in any case (`Adam`, `adam`).
 */
export function readTrainParam(
  field: TrainField,
  raw: string,
  ctx: FieldContext,
): { text: string | null; reason: 'setting' | 'choice' | null } {
  const kind = FIELD_RULES[field].kind;
  if (kind === 'choice' || kind === 'flag') {
    const word = raw.trim().toLowerCase();
    const text = kind === 'flag' ? (Object.hasOwn(FLAG_WORDS, word) ? FLAG_WORDS[word] : null) : word;
    return text !== null && validateTrainField(field, text, ctx).ok
      ? { text, reason: null }
      : { text: null, reason: 'choice' };
  }
  return { text: raw, reason: validateTrainField(field, raw, ctx).ok ? null : 'setting' };
}

/** A valid setting written plainly (`100,100`, `0.001`, `1`), or null. */
function plainOf(field: TrainField, text: string, ctx: FieldContext): string | null {
  const r = validateTrainField(field, text, ctx);
  if (!r.ok) return null;
  const v = r.value;
  return Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
}

/**
 * What the link carries for a setting: its value written plainly when it is valid and not the
 * default, the text as typed when it is not valid (so a reload keeps it), nothing for the
 * default. Training images' default is the whole training set in use.
 */
export function writeTrainParam(field: TrainField, texts: TrainTexts, ctx: FieldContext): string | undefined {
  const text = texts[field];
  const plain = plainOf(field, text, ctx);
  if (plain === null) return text === DEFAULT_TRAIN_TEXTS[field] ? undefined : text;
  const def = field === 'trainImages' ? String(ctx.trainCount) : plainOf(field, DEFAULT_TRAIN_TEXTS[field], ctx);
  return plain === def ? undefined : plain;
}
