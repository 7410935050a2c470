import { afterAll, describe, expect, it } from 'vitest';
import { createOptimizer, OPTIMIZER_NAMES, SGD, type OptimizerName, type OptimizerOptions } from './optimizers';
import { expectBook, loadCh6, mat, reportWorst, type Arr } from '../testing/ch6Fixtures';
import { fromRows } from '../tensor/matrix';

type Dict = Record<string, Arr>;
interface Case {
  name: OptimizerName;
  options: OptimizerOptions;
  after: Dict[];
}
type Fixture = { params: Dict; grads: Dict[] } & Record<string, Case>;

const toMats = (d: Dict) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, mat(v)]));

afterAll(reportWorst);

describe("optimizers against the book's optimizer.py (Float64, 1e-10)", () => {
  const fx = loadCh6<Fixture>('optimizers.json');
  const cases = Object.entries(fx).filter(([k]) => k !== 'params' && k !== 'grads') as [string, Case][];

  it('covers every optimizer, with the defaults and one other setting', () => {
    for (const n of OPTIMIZER_NAMES) expect(cases.filter(([, c]) => c.name === n).length).toBe(2);
  });

  for (const [label, c] of cases) {
    it(`${label}: the first three updates`, () => {
      const opt = createOptimizer(c.name, c.options);
      const params = toMats(fx.params);
      fx.grads.forEach((g, step) => {
        opt.update(params, toMats(g));
        for (const k of Object.keys(params)) expectBook(`${c.name} update ${step + 1}`, params[k], c.after[step][k]);
      });
    });
  }

  it('updates in place, so a layer holding the same matrix sees the step', () => {
    const W = fromRows([[1, 2]]);
    new SGD(0.5).update({ W }, { W: fromRows([[2, 2]]) });
    expect(Array.from(W.data)).toEqual([0, 1]);
  });
});
