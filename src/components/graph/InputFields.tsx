import { exprErrorKey } from '../../engine';
import type { FieldError } from '../../graphs';
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
    case 'error.tooLong':
      return t('error.tooLong', { length: e.length, max: e.max });
    case 'error.tooBig':
      return t('error.tooBig', { name: e.name, shape: e.shape, max: e.max });
    case 'error.nonfinite':
      return t('error.nonfinite');
    case 'literal': {
      const le = e.error;
      const params: Record<string, string | number> = le.kind === 'syntax' ? { at: le.at + 1 } : { ...le };
      return t(`literal.${le.kind}`, params);
    }
    case 'shape':
      return t(`shape.${e.code}`, e.params);
    case 'expr':
      return t(exprErrorKey(e.error), e.error.params);
  }
}

/** One text field per input variable, named as the book's code names it. */
export function InputFields({
  names,
  matrix = false,
  notes,
}: {
  names: readonly string[];
  matrix?: boolean;
  notes?: Record<string, string>;
}) {
  const t = useT();
  const graphId = useAppStore((s) => s.graphId);
  const texts = useAppStore((s) => textsOf(s));
  const errors = useAppStore((s) => s.errors[graphId]);
  const edit = useAppStore((s) => s.editInput);
  const restore = useAppStore((s) => s.restoreDefaults);
  return (
    <fieldset className={`inputs${matrix ? ' matrix' : ''}`}>
      <legend>{t('inputs.title')}</legend>
      {names.map((name) => {
        const id = `input-${graphId}-${name}`;
        const err = errors?.[name];
        return (
          <div className="field" key={name}>
            <label htmlFor={id}>
              <code>{name}</code>
            </label>
            <input
              id={id}
              type="text"
              inputMode={matrix ? 'text' : 'decimal'}
              autoComplete="off"
              spellCheck={false}
              value={texts[name] ?? ''}
              aria-invalid={err ? 'true' : 'false'}
              aria-describedby={err ? `${id}-error` : notes?.[name] ? `${id}-note` : undefined}
              onChange={(e) => edit(name, e.target.value)}
            />
            {err && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {fieldErrorText(t, err)}
              </span>
            )}
            {!err && notes?.[name] && (
              <span id={`${id}-note`} className="field-note">
                {notes[name]}
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
