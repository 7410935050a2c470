import type { MessageKey } from '../i18n';
import type { TrainConfig } from '../net/trainer';
import { BOOK_CONFIG } from '../net/trainer';
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
  hiddenSize: String(BOOK_CONFIG.hiddenSize),
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
  const cfg = { ...BOOK_CONFIG };
  for (const f of TRAIN_FIELDS) {
    const r = validateTrainField(f, texts[f]);
    if (!r.ok) return null;
    cfg[f] = r.value;
  }
  return cfg;
}
