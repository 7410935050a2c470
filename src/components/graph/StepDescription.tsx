import { backwardParts, forwardExpr, OPS, type StepState } from '../../engine';
import { Tex } from '../common/Tex';
import { useT } from '../common/useT';

/** What the last step did, in words and numbers, with the local derivative typeset. */
export function StepDescription({ state }: { state: StepState }) {
  const t = useT();
  const last = state.last;
  let text = t('step.none');
  if (last?.kind === 'forward') text = t('step.forward', { i: last.index, n: last.of, expr: forwardExpr(last) });
  if (last?.kind === 'backward') {
    const parts = backwardParts(last).map((p) => t('step.edge', p));
    text = t('step.backward', { i: last.index, n: last.of, parts: parts.join('; ') });
  }
  const op = last ? OPS[last.node.op] : null;
  return (
    <StepBox kind={last?.kind ?? null} text={text}>
      {op && last && (
        <div className="step-formula">
          {last.kind === 'forward' ? (
            <Tex tex={op.forwardTex(last.node.c)} />
          ) : (
            <>
              {op.localTex(last.node.c).map((tex, i) => (
                <Tex key={i} tex={tex} />
              ))}
              <span className="explain">{t(op.explainKey)}</span>
            </>
          )}
        </div>
      )}
    </StepBox>
  );
}

/** The frame of a step's description: its phase, the status line screen readers hear, and the formulas. */
export function StepBox({
  kind,
  text,
  children,
}: {
  kind: 'forward' | 'backward' | null;
  text: string;
  children?: React.ReactNode;
}) {
  const t = useT();
  return (
    <div className={`step-box ${kind ?? 'none'}`}>
      <div className="step-phase" aria-hidden="true">
        {kind ? t(kind === 'forward' ? 'step.phase.forward' : 'step.phase.backward') : ''}
      </div>
      <p role="status" aria-label={t('step.description')} className="step-text">
        {text}
      </p>
      {children}
    </div>
  );
}
