import type { FieldError } from '../../graphs';
import type { InputSpec } from '../../engine';
import { useAppStore, textsOf } from '../../store';
import { useT } from '../common/useT';

export function fieldErrorText(t: ReturnType<typeof useT>, e: FieldError): string {
  switch (e.key) {
    case 'error.empty':
      return t('error.empty');
    case 'error.nan':
      return t('error.nan', { text: e.text });
    case 'error.range':
      return t('error.range', { min: e.min, max: e.max });
    case 'error.nonfinite':
      return t('error.nonfinite');
  }
}

/** One text field per input variable, named as the book's code names it. */
export function InputFields({ inputs }: { inputs: InputSpec[] }) {
  const t = useT();
  const graphId = useAppStore((s) => s.graphId);
  const texts = useAppStore((s) => textsOf(s));
  const errors = useAppStore((s) => s.errors[graphId]);
  const edit = useAppStore((s) => s.editInput);
  const restore = useAppStore((s) => s.restoreDefaults);
  return (
    <fieldset className="inputs">
      <legend>{t('inputs.title')}</legend>
      {inputs.map((i) => {
        const id = `input-${graphId}-${i.name}`;
        const err = errors?.[i.name];
        return (
          <div className="field" key={i.name}>
            <label htmlFor={id}>
              <code>{i.name}</code>
            </label>
            <input
              id={id}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={texts[i.name] ?? ''}
              aria-invalid={err ? 'true' : 'false'}
              aria-describedby={err ? `${id}-error` : undefined}
              onChange={(e) => edit(i.name, e.target.value)}
            />
            {err && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {fieldErrorText(t, err)}
              </span>
            )}
          </div>
        );
      })}
      <button type="button" className="link" onClick={restore}>
        {t('inputs.reset')}
      </button>
    </fieldset>
  );
}
