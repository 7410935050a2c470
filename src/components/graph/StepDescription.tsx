import { useMemo } from 'react';
import { msg, type Msg } from '../../i18n';
import { MathText } from '../common/MathText';
import { ScrollRegion } from '../common/ScrollRegion';
import { Tex } from '../common/Tex';
import { useT, useTm } from '../common/useT';
import type { GraphModel } from './useGraphModel';

/** What the last step did, in words and numbers, with the local derivative typeset. */
export function StepDescription({ model }: { model: GraphModel }) {
  const t = useT();
  const tm = useTm();
  const { vk, state, def } = model;
  const last = state.last;
  const text = useMemo((): Msg => {
    if (!last) return msg('step.none');
    const op = vk.ops[last.node.op];
    if (last.kind === 'forward')
      return msg('step.forward', {
        i: last.index,
        n: last.of,
        expr: describeForward(op.describeForward(last.trace), last.node.label),
      });
    return msg('step.backward', {
      i: last.index,
      n: last.of,
      parts: joined(op.describeBackward(last.trace)),
    });
  }, [last, vk]);
  const sums = last?.sums.map((s) =>
    msg('step.sum', {
      out: def.graph.output,
      name: s.name,
      parts: s.parts.map((p) => tm(cellMsg(vk.fmt.cell(p)))).join(' + '),
      total: tm(cellMsg(vk.fmt.cell(s.total))),
    }),
  );
  const op = last ? vk.ops[last.node.op] : null;
  const tex = op && last ? op.tex(last.node) : null;
  return (
    <StepBox kind={last?.kind ?? null} text={tm(text)}>
      {tex && last && (
        <div className="step-formula">
          {last.kind === 'forward' ? (
            <Tex tex={tex.forward} display />
          ) : (
            <>
              {tex.backward.map((s, i) => (
                <Tex key={i} tex={s} display />
              ))}
              <span className="explain">{t(op!.explain)}</span>
            </>
          )}
        </div>
      )}
      {sums?.map((s, i) => (
        <p key={i} className="explain sum">
          <MathText text={tm(s)} />
        </p>
      ))}
      {last?.kind === 'backward' && last.node.note && <p className="explain">{t(last.node.note)}</p>}
    </StepBox>
  );
}

const cellMsg = (c: string | Msg): Msg => (typeof c === 'string' ? msg('step.math', { text: c }) : c);

/** A node's book label ("Affine1") leads its forward step. */
const describeForward = (m: Msg, label?: string): Msg =>
  label && !/^\(\d+\)$/.test(label) ? msg('step.labelled', { label, text: m }) : m;

/** Several messages, one per input edge, as one: "a; b; c". */
function joined(parts: Msg[]): Msg {
  return parts.reduce((acc, p) => msg('step.join', { a: acc, b: p }));
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
      {/* A matrix row or a formula wider than the box scrolls; a row is never broken. */}
      <ScrollRegion className="step-scroll" label={t('scroll.step')}>
        <p role="status" aria-label={t('step.description')} className="step-text">
          <MathText text={text} />
        </p>
        {children}
      </ScrollRegion>
    </div>
  );
}
