import { useMemo } from 'react';
import { formatNumber, fullNumber, numericalGradient, variables, type StepState, type Values } from '../../engine';
import type { ScalarGraphDef } from '../../graphs';
import { Num } from '../common/Num';
import { useT } from '../common/useT';

/** Every variable's value and gradient (∂output/∂variable), and the numerical check for inputs. */
export function ValuesTable({ def, state, inputs }: { def: ScalarGraphDef; state: StepState; inputs: Values }) {
  const t = useT();
  const numerical = useMemo(() => numericalGradient(def.graph, inputs), [def, inputs]);
  const inputNames = new Set(def.graph.inputs.map((i) => i.name));
  const kink = def.id === 'relu' && inputs.x === 0;
  return (
    <div className="values">
      <table aria-label={t('table.values')}>
        <ValuesHead
          last={
            <th scope="col" title={t('table.numericalHint')}>
              {t('table.numerical')}
            </th>
          }
        />
        <tbody>
          {variables(def.graph).map((v) => {
            const grad = state.grads[v];
            return (
              <tr key={v} className={inputNames.has(v) ? 'input-row' : v === def.graph.output ? 'output-row' : ''}>
                <th scope="row">
                  <code>{v}</code>
                </th>
                <td className="num value-cell" title={fullNumber(state.values[v]) || undefined}>
                  {formatNumber(state.values[v])}
                </td>
                <td className="num grad-cell" title={fullNumber(grad) || undefined}>
                  {formatNumber(grad)}
                </td>
                <td className="num numerical-cell">
                  {inputNames.has(v) && grad !== undefined && state.k === state.total ? (
                    <Num value={numerical[v]} />
                  ) : inputNames.has(v) ? (
                    '—'
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t('table.numericalHint')}</p>
      {kink && <p className="hint">{t('table.kink')}</p>}
    </div>
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
