import type { MessageKey } from '../i18n';
import { BOOK_CONFIG, type TrainConfig } from '../net/config';
import type { ImportSettings } from '../net/weightsFile';
import { MAX_SCALAR_CHARS, shortQuote } from '../engine/format';
import { isPlainNumber } from '../tensor/number';

export type TrainField = 'hiddenSize' | 'learningRate' | 'batchSize' | 'iterations' | 'weightInitStd' | 'seed';
export const TRAIN_FIELDS: TrainField[] = [
  'hiddenSize',
  'learningRate',
  'batchSize',
  'iterations',
  'weightInitStd',
  'seed',
];

interface FieldRule {
  integer: boolean;
  min: number;
  max: number;
  /** For reals: whether min itself is allowed. */
  minInclusive: boolean;
}

export const FIELD_RULES: Record<TrainField, FieldRule> = {
  hiddenSize: { integer: true, min: 1, max: 1000, minInclusive: true },
  learningRate: { integer: false, min: 0, max: 100, minInclusive: false },
  batchSize: { integer: true, min: 1, max: 10000, minInclusive: true },
  iterations: { integer: true, min: 1, max: 1000000, minInclusive: true },
  weightInitStd: { integer: false, min: 0, max: 10, minInclusive: false },
  seed: { integer: true, min: 0, max: 4294967295, minInclusive: true },
};

export const DEFAULT_TRAIN_TEXTS: Record<TrainField, string> = {
  hiddenSize: String(BOOK_CONFIG.hidden[0]),
  learningRate: String(BOOK_CONFIG.learningRate),
  batchSize: String(BOOK_CONFIG.batchSize),
  iterations: String(BOOK_CONFIG.iterations),
  weightInitStd: String(BOOK_CONFIG.weightInitStd),
  seed: String(BOOK_CONFIG.seed),
};

export interface TrainFieldError {
  key: MessageKey;
  params: Record<string, string | number>;
}

export function validateTrainField(
  field: TrainField,
  text: string,
): { ok: true; value: number } | { ok: false; error: TrainFieldError } {
  const rule = FIELD_RULES[field];
  if (text.length > MAX_SCALAR_CHARS)
    return { ok: false, error: { key: 'error.tooLong', params: { length: text.length, max: MAX_SCALAR_CHARS } } };
  const t = text.trim();
  const rangeError = (): TrainFieldError => ({
    key: rule.integer ? 'train.range.int' : rule.minInclusive ? 'train.range.realIncl' : 'train.range.real',
    params: { min: rule.min, max: rule.max },
  });
  if (t === '') return { ok: false, error: { key: 'error.empty', params: {} } };
  if (!isPlainNumber(t)) return { ok: false, error: { key: 'error.nan', params: { text: shortQuote(t) } } };
  const v = Number(t);
  if (!Number.isFinite(v)) return { ok: false, error: rangeError() };
  if (rule.integer && !Number.isInteger(v)) return { ok: false, error: rangeError() };
  const aboveMin = rule.minInclusive ? v >= rule.min : v > rule.min;
  if (!aboveMin || v > rule.max) return { ok: false, error: rangeError() };
  return { ok: true, value: v };
}

export function configFrom(texts: Record<TrainField, string>): TrainConfig | null {
  const cfg: TrainConfig = { ...BOOK_CONFIG, hidden: [...BOOK_CONFIG.hidden] };
  for (const f of TRAIN_FIELDS) {
    const r = validateTrainField(f, texts[f]);
    if (!r.ok) return null;
    if (f === 'hiddenSize') cfg.hidden = [r.value];
    else cfg[f] = r.value;
  }
  return cfg;
}

/**
 * What Import weights takes from the settings, since an .npz has no array for it: the
 * activation and the dropout ratio (the book's defaults while a field is unusable).
 */
export function importSettingsFrom(texts: Record<TrainField, string>): ImportSettings {
  const cfg = configFrom(texts) ?? BOOK_CONFIG;
  return { activation: cfg.activation, dropout: cfg.dropout };
}
