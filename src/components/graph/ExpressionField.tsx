import { useState } from 'react';
import { exprErrorKey } from '../../engine';
import { useAppStore } from '../../store';
import { exampleDef } from '../../graphs/custom';
import { useT } from '../common/useT';

/**
 * The learner's own lines. The graph follows the text as soon as it parses; a text that does
 * not is flagged when the field is left (or on Ctrl+Enter), naming the line and column, and
 * the last valid graph stays.
 */
export function ExpressionField() {
  const t = useT();
  const text = useAppStore((s) => s.exprText);
  const error = useAppStore((s) => s.exprError);
  const edit = useAppStore((s) => s.editExpression);
  const [flag, setFlag] = useState(false);
  const invalid = flag && error !== null;
  const change = (v: string) => {
    edit(v);
    if (useAppStore.getState().exprError === null) setFlag(false);
  };
  return (
    <div className="expression">
      <label htmlFor="expression">{t('expr.label')}</label>
      <textarea
        id="expression"
        value={text}
        rows={Math.min(14, Math.max(4, text.split('\n').length + 1))}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={invalid}
        aria-describedby={invalid ? 'expression-error expression-hint' : 'expression-hint'}
        onChange={(e) => change(e.target.value)}
        onBlur={() => setFlag(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) setFlag(true);
        }}
      />
      {invalid && (
        <p id="expression-error" className="field-error" role="alert">
          {t(exprErrorKey(error), error.params)} {t('expr.error')}
        </p>
      )}
      <p id="expression-hint" className="field-note">
        {t('expr.hint')}{' '}
        <button
          type="button"
          className="link"
          onClick={() => change(exampleDef(useAppStore.getState().lang).lines ?? '')}
        >
          {t('expr.example')}
        </button>
      </p>
    </div>
  );
}
