import { OPS, type StepState } from '../../engine';
import type { ScalarGraphDef } from '../../graphs';
import { useAppStore } from '../../store';
import { Num } from '../common/Num';
import { Tex } from '../common/Tex';
import { useT } from '../common/useT';

/** The inspected node (or the current step's): its formulas and its numbers now. */
export function Inspector({ def, state }: { def: ScalarGraphDef; state: StepState }) {
  const t = useT();
  const inspected = useAppStore((s) => s.inspected);
  const node = def.graph.nodes.find((n) => n.id === inspected) ?? state.last?.node ?? null;
  if (!node) return <InspectorHint />;
  const op = OPS[node.op];
  return (
    <section className="inspector" aria-label={t('inspector.title')}>
      <h3>
        {t('inspector.title')}: {node.label ? `${node.label} ` : ''}
        <span className="sym">{op.symbol(node.c)}</span>
      </h3>
      <dl>
        <dt>{t('inspector.forward')}</dt>
        <dd>
          <Tex tex={op.forwardTex(node.c)} />
        </dd>
        <dt>{t('inspector.local')}</dt>
        <dd>
          {op.localTex(node.c).map((tex, i) => (
            <div key={i}>
              <Tex tex={tex} />
            </div>
          ))}
          <div className="explain">{t(op.explainKey)}</div>
        </dd>
        <dt>{t('inspector.now')}</dt>
        <dd className="now">
          {node.inputs.map((v, i) => (
            <div key={`${v}${i}`}>
              <code>{v}</code> = <Num value={state.values[v]} />, ∂/∂<code>{v}</code> ={' '}
              <Num value={state.edgeGrads[`${v}->${node.id}#${i}`]} />
            </div>
          ))}
          <div>
            <code>{node.output}</code> = <Num value={state.values[node.output]} />, ∂/∂<code>{node.output}</code> ={' '}
            <Num value={state.grads[node.output]} />
          </div>
        </dd>
      </dl>
    </section>
  );
}

/** What the inspector says before any node is chosen or computed. */
export function InspectorHint() {
  const t = useT();
  return (
    <section className="inspector" aria-label={t('inspector.title')}>
      <h3>{t('inspector.title')}</h3>
      <p className="hint">{t('inspector.hint')}</p>
    </section>
  );
}
