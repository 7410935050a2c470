import type { MessageKey } from '../../i18n';
import { archName, TWO_LAYER_ARCH } from '../../net/arch';
import type { DType } from '../../tensor/matrix';
import {
  ACTIVATIONS,
  applies,
  OPTIMIZERS,
  parseLayers,
  WEIGHT_INITS,
  type FieldContext,
  type TrainField,
  type TrainFieldError,
  type TrainTexts,
} from '../../store/trainingFields';
import { formatCount } from '../common/formatWhen';
import { useT } from '../common/useT';
import { useAppStore } from '../../store';

const LABEL: Record<TrainField, MessageKey> = {
  hiddenLayers: 'train.hiddenLayers',
  activation: 'train.activation',
  weightInit: 'train.weightInit',
  weightInitStd: 'train.weightInitStd',
  batchNorm: 'train.batchNorm',
  optimizer: 'train.optimizer',
  learningRate: 'train.learningRate',
  momentum: 'train.momentum',
  decayRate: 'train.decayRate',
  beta1: 'train.beta1',
  beta2: 'train.beta2',
  weightDecay: 'train.weightDecay',
  dropout: 'train.dropout',
  trainImages: 'train.trainImages',
  batchSize: 'train.batchSize',
  iterations: 'train.iterations',
  seed: 'train.seed',
};

const ACTIVATION_LABEL: Record<(typeof ACTIVATIONS)[number], MessageKey> = {
  relu: 'train.act.relu',
  sigmoid: 'train.act.sigmoid',
};
const INIT_LABEL: Record<(typeof WEIGHT_INITS)[number], MessageKey> = {
  he: 'train.init.he',
  xavier: 'train.init.xavier',
  std: 'train.init.std',
};

/** The settings in four groups, so that each reads as one question of chapter 6. */
const GROUPS: { legend: MessageKey; fields: TrainField[] }[] = [
  { legend: 'train.group.arch', fields: ['hiddenLayers', 'activation', 'weightInit', 'weightInitStd', 'batchNorm'] },
  { legend: 'train.group.updates', fields: ['optimizer', 'learningRate', 'momentum', 'decayRate', 'beta1', 'beta2'] },
  { legend: 'train.group.regularization', fields: ['weightDecay', 'dropout'] },
  { legend: 'train.group.loop', fields: ['trainImages', 'batchSize', 'iterations', 'seed'] },
];

interface FieldProps {
  field: TrainField;
  text: string;
  error: TrainFieldError | undefined;
  busy: boolean;
  onEdit: (field: TrainField, text: string) => void;
}

/** The options of a combobox: value and label. */
function useOptions(field: TrainField): [string, string][] {
  const t = useT();
  if (field === 'activation') return ACTIVATIONS.map((a) => [a, t(ACTIVATION_LABEL[a])]);
  if (field === 'weightInit') return WEIGHT_INITS.map((w) => [w, t(INIT_LABEL[w])]);
  // The book's names, which its Korean edition keeps too.
  return Object.entries(OPTIMIZERS);
}

function ChoiceField({ field, text, error, busy, onEdit }: FieldProps) {
  const t = useT();
  const id = `train-${field}`;
  const options = useOptions(field);
  return (
    <div className="field">
      <label htmlFor={id}>{t(LABEL[field])}</label>
      <select
        id={id}
        value={text}
        disabled={busy}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onEdit(field, e.target.value)}
      >
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t(error.key, error.params)}
        </span>
      )}
    </div>
  );
}

function FlagField({ field, text, error, busy, onEdit }: FieldProps) {
  const t = useT();
  const id = `train-${field}`;
  return (
    <div className="field flag">
      <label htmlFor={id}>{t(LABEL[field])}</label>
      <input
        id={id}
        type="checkbox"
        checked={text === '1'}
        disabled={busy}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onEdit(field, e.target.checked ? '1' : '0')}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t(error.key, error.params)}
        </span>
      )}
    </div>
  );
}

function TextField({
  field,
  text,
  error,
  busy,
  onEdit,
  off,
  hint,
  wide,
}: FieldProps & { off: boolean; hint: string | null; wide: boolean }) {
  const t = useT();
  const id = `train-${field}`;
  // A field that does not apply keeps its text, greyed, and says when it does.
  const shown = off ? undefined : error;
  const note = off ? t('train.weightInitStdOff') : hint;
  const describedBy = shown ? `${id}-error` : note ? `${id}-hint` : undefined;
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={id}>{t(LABEL[field])}</label>
      <input
        id={id}
        type="text"
        inputMode={field === 'hiddenLayers' ? 'text' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        value={text}
        disabled={busy || off}
        aria-invalid={shown ? 'true' : 'false'}
        aria-describedby={describedBy}
        onChange={(e) => onEdit(field, e.target.value)}
      />
      {shown ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {t(shown.key, shown.params)}
        </span>
      ) : (
        note && (
          <span id={`${id}-hint`} className="field-note">
            {note}
          </span>
        )
      )}
    </div>
  );
}

/** The run's settings as given, in their groups, each with its error; and the precision. */
export function TrainSettings({
  texts,
  errors,
  busy,
  dtype,
  ctx,
  onEdit,
  onDtype,
}: {
  texts: TrainTexts;
  errors: Partial<Record<TrainField, TrainFieldError>>;
  busy: boolean;
  dtype: DType;
  ctx: FieldContext;
  onEdit: (field: TrainField, text: string) => void;
  onDtype: (dtype: DType) => void;
}) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const layers = parseLayers(texts.hiddenLayers);
  const hints: Partial<Record<TrainField, string>> = {
    hiddenLayers: t('train.hiddenLayersHint'),
    weightDecay: t('train.weightDecayHint'),
    trainImages: t('train.trainImagesHint', { max: formatCount(lang, ctx.trainCount) }),
  };
  const render = (f: TrainField) => {
    const props: FieldProps = { field: f, text: texts[f], error: errors[f], busy, onEdit };
    if (f === 'activation' || f === 'weightInit' || f === 'optimizer') return <ChoiceField key={f} {...props} />;
    if (f === 'batchNorm') return <FlagField key={f} {...props} />;
    const on = applies(f, texts);
    // An optimizer's hyperparameters show only with it; the std stays in sight, greyed.
    if (!on && f !== 'weightInitStd') return null;
    return <TextField key={f} {...props} off={!on} hint={hints[f] ?? null} wide={f === 'hiddenLayers'} />;
  };
  return (
    <div className="train-settings">
      {GROUPS.map((g) => (
        <fieldset className="train-group" key={g.legend}>
          <legend>{t(g.legend)}</legend>
          {g.legend === 'train.group.arch' && (
            <p className="net-name">
              {layers.ok
                ? t('train.netName', { arch: archName({ ...TWO_LAYER_ARCH, hidden: layers.value }) })
                : '\u00a0'}
            </p>
          )}
          <div className="train-fields">
            {g.fields.map(render)}
            {g.legend === 'train.group.loop' && (
              <div className="field">
                <label htmlFor="train-dtype">{t('train.precision')}</label>
                <select
                  id="train-dtype"
                  value={dtype}
                  disabled={busy}
                  onChange={(e) => onDtype(e.target.value === 'float64' ? 'float64' : 'float32')}
                >
                  <option value="float32">{t('train.float32')}</option>
                  <option value="float64">{t('train.float64')}</option>
                </select>
              </div>
            )}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
