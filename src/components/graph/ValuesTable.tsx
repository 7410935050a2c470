import { useMemo } from 'react';
import {
  leaves,
  numericalGradient,
  numericalOff,
  SCALAR,
  variables,
  variablesInFlow,
  type GraphSpec,
  type Values,
  type ValueKind,
} from '../../engine';
import { MathText } from '../common/MathText';
import { Num } from '../common/Num';
import { OverflowBox, ScrollRegion } from '../common/ScrollRegion';
import { useT, useTm } from '../common/useT';
import type { GraphModel } from './useGraphModel';

/** A value rounded for reading: a number, a NumPy literal, or a summary of a big matrix. */
export function ValueText({ vk, value }: { vk: ValueKind<unknown>; value: unknown }) {
  const tm = useTm();
  if (value === undefined) return <>—</>;
  const c = vk.fmt.cell(value);
  return <MathText text={typeof c === 'string' ? c : tm(c)} />;
}

/** A cell's value; a matrix's in a box that scrolls when one of its rows is wider than the cell. */
function CellText({ vk, value, label }: { vk: ValueKind<unknown>; value: unknown; label: string | null }) {
  if (label === null) return <ValueText vk={vk} value={value} />;
  return (
    <OverflowBox className="cell-scroll" label={label}>
      <ValueText vk={vk} value={value} />
    </OverflowBox>
  );
}

/** Every digit, for a tooltip. */
const fullText = (vk: ValueKind<unknown>, v: unknown): string | undefined =>
  v === undefined ? undefined : vk.fmt.full(v);

/**
 * Every variable's value and gradient (∂output/∂variable). Scalar graphs add the central
 * difference for each input, matrix graphs each variable's shape.
 */
export function ValuesTable({ model }: { model: GraphModel }) {
  const t = useT();
  const { def, vk, state } = model;
  const g: GraphSpec = def.graph;
  const scalar = def.kind === 'scalar' ? { graph: def.graph, inputs: model.inputs as Values } : null;
  const scalarGraph = scalar?.graph;
  const scalarInputs = scalar?.inputs;
  const numerical = useMemo(
    () => (scalarGraph && scalarInputs ? numericalGradient(scalarGraph, scalarInputs) : null),
    [scalarGraph, scalarInputs],
  );
  const inputNames = new Set(leaves(g).map((i) => i.name));
  const complete = state.k === state.total;
  const kinks = complete
    ? [...new Set(Object.values(state.run.traces).map((tr) => vk.ops[tr.node.op].kink?.(tr.x) ?? null))].filter(
        (k) => k !== null,
      )
    : [];
  // Where h crosses an edge the ops' own notes do not name (sqrt or log near 0, 1/x near 0, a tie).
  const off = complete && numerical && kinks.length === 0 ? numericalOff(numerical, state.grads as Values) : [];
  return (
    // A matrix row is never broken: when one is wider than the panel, the table scrolls sideways.
    <ScrollRegion className="values" label={t('scroll.values')}>
      <table aria-label={t('table.values')}>
        <ValuesHead
          last={
            numerical ? (
              <th scope="col" title={t('table.numericalHint')}>
                {t('table.numerical')}
              </th>
            ) : (
              <th scope="col">{t('table.shape')}</th>
            )
          }
        />
        <tbody>
          {(def.kind === 'scalar' ? variables(g) : variablesInFlow(g)).map((v) => {
            const value = state.values[v];
            const grad = state.grads[v];
            return (
              <tr key={v} className={inputNames.has(v) ? 'input-row' : v === g.output ? 'output-row' : ''}>
                <th scope="row">
                  <code>{v}</code>
                </th>
                <td className={`num value-cell${vk === SCALAR ? '' : ' matrix-cell'}`} title={fullText(vk, value)}>
                  <CellText
                    vk={vk}
                    value={value}
                    label={vk === SCALAR ? null : t('scroll.cell', { name: v, what: t('table.value') })}
                  />
                </td>
                <td className={`num grad-cell${vk === SCALAR ? '' : ' matrix-cell'}`} title={fullText(vk, grad)}>
                  <CellText
                    vk={vk}
                    value={grad}
                    label={vk === SCALAR ? null : t('scroll.cell', { name: v, what: t('table.gradient') })}
                  />
                </td>
                {numerical ? (
                  <td className="num numerical-cell">
                    {inputNames.has(v) && grad !== undefined && complete ? (
                      <Num value={numerical[v]} />
                    ) : inputNames.has(v) ? (
                      '—'
                    ) : (
                      ''
                    )}
                  </td>
                ) : (
                  <td className="num">{vk.fmt.shape(state.run.values[v]) ?? ''}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {numerical && <p className="hint">{t('table.numericalHint')}</p>}
      {off.length > 0 && <p className="hint">{t('table.numericalOff', { names: off.join(', ') })}</p>}
      {kinks.map((k) => (
        <p key={k} className="hint">
          {t(k)}
        </p>
      ))}
    </ScrollRegion>
  );
}

/** The Values table's header: Variable, Value, Gradient, then the graph's own fourth column. */
export function ValuesHead({ last }: { last: React.ReactNode }) {
  const t = useT();
  return (
    <thead>
      <tr>
        <th scope="col">{t('table.variable')}</th>
        <th scope="col">{t('table.value')}</th>
        <th scope="col">{t('table.gradient')}</th>
        {last}
      </tr>
    </thead>
  );
}
