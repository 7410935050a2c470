import { edgeId } from '../../engine';
import { useAppStore } from '../../store';
import { MathText } from '../common/MathText';
import { ScrollRegion } from '../common/ScrollRegion';
import { Tex } from '../common/Tex';
import { useT, useTm } from '../common/useT';
import type { GraphModel } from './useGraphModel';

/** The inspected node (or the current step's): its formulas, and its numbers and shapes now. */
export function Inspector({ model }: { model: GraphModel }) {
  const t = useT();
  const tm = useTm();
  const { def, vk, state } = model;
  const inspected = useAppStore((s) => s.inspected);
  const node = def.graph.nodes.find((n) => n.id === inspected) ?? state.last?.node ?? null;
  if (!node) return <InspectorHint />;
  const op = vk.ops[node.op];
  const tex = op.tex(node);
  const show = (v: unknown) => {
    if (v === undefined) return '—';
    const c = vk.fmt.cell(v);
    return <MathText text={typeof c === 'string' ? c : tm(c)} />;
  };
  const shape = (name: string) => {
    const v = state.run.values[name];
    const s = v === undefined ? null : vk.fmt.shape(v);
    return s ? ` ${s}` : '';
  };
  return (
    <section className="inspector" aria-label={t('inspector.title')}>
      <h3>
        {t('inspector.title')}: {node.label ? `${node.label} ` : ''}
        <span className="sym">{op.symbol(node.c)}</span>
      </h3>
      <ScrollRegion className="inspector-scroll" label={t('scroll.inspector')}>
        <dl>
          <dt>{t('inspector.forward')}</dt>
          <dd>
            <Tex tex={tex.forward} display />
          </dd>
          <dt>{t('inspector.local')}</dt>
          <dd>
            {tex.backward.map((s, i) => (
              <div key={i}>
                <Tex tex={s} display />
              </div>
            ))}
            <div className="explain">{t(op.explain)}</div>
          </dd>
          <dt>{t('inspector.now')}</dt>
          <dd className="now">
            {node.inputs.map((v, i) => (
              <div key={`${v}${i}`}>
                <code>{v}</code>
                <MathText text={shape(v)} /> = <span className="num">{show(state.values[v])}</span>, ∂/∂<code>{v}</code>{' '}
                = <span className="num grad">{show(state.edgeGrads[edgeId(v, node.id, i)])}</span>
              </div>
            ))}
            <div>
              <code>{node.output}</code>
              <MathText text={shape(node.output)} /> = <span className="num">{show(state.values[node.output])}</span>,
              ∂/∂
              <code>{node.output}</code> = <span className="num grad">{show(state.grads[node.output])}</span>
            </div>
          </dd>
        </dl>
      </ScrollRegion>
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
