import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOOK_NAIVE, df, f, NAIVE_OPTIMIZERS, optimizerPaths, type NaiveOptimizer, type Point } from './optimizerPaths';

/** Written by scripts/make-ch6-lab-fixtures.py from the book's ch06/optimizer_compare_naive.py. */
interface BookPath {
  name: NaiveOptimizer;
  x: number[];
  y: number[];
  state: { v?: Point; h?: Point; m?: Point; iter?: number };
}
const book = JSON.parse(readFileSync(new URL('./fixtures/optimizer-paths.json', import.meta.url), 'utf8')) as Record<
  NaiveOptimizer,
  BookPath
>;

const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12);

describe("optimizer_compare_naive: the book's four paths", () => {
  const paths = optimizerPaths();

  it('has f and its gradient as the script writes them', () => {
    expect(f(-7, 2)).toBe(49 / 20 + 4);
    expect(df(-7, 2)).toEqual({ x: -0.7, y: 4 });
  });

  for (const name of NAIVE_OPTIMIZERS) {
    it(`${name}: 31 points, each within 1e-12 of the book's`, () => {
      const p = paths[name];
      expect(p.lr).toBe(BOOK_NAIVE.lr[name]);
      expect(p.points).toHaveLength(31);
      expect(p.updates).toHaveLength(30);
      expect(book[name].x).toHaveLength(31);
      p.points.forEach((pt, i) => {
        close(pt.x, book[name].x[i]);
        close(pt.y, book[name].y[i]);
      });
    });
  }

  it("ends in the state the book's optimizers hold after 30 updates", () => {
    const last = <N extends NaiveOptimizer>(n: N) => paths[n].updates[29].after;
    const closeP = (got: Point, want: Point | undefined) => {
      close(got.x, want!.x);
      close(got.y, want!.y);
    };
    closeP(last('Momentum').v, book.Momentum.state.v);
    closeP(last('AdaGrad').h, book.AdaGrad.state.h);
    closeP(last('Adam').m, book.Adam.state.m);
    closeP(last('Adam').v, book.Adam.state.v);
    expect(last('Adam').iter).toBe(book.Adam.state.iter);
  });

  it('chains the updates: each starts where the last ended, with the gradient there, from the state it left', () => {
    for (const name of NAIVE_OPTIMIZERS) {
      const p = paths[name];
      p.updates.forEach((u, i) => {
        expect(u.from).toEqual(p.points[i]);
        expect(u.to).toEqual(p.points[i + 1]);
        expect(u.grad).toEqual(df(u.from.x, u.from.y));
        if (i > 0) expect(u.before).toEqual(p.updates[i - 1].after);
      });
    }
    expect(paths.Momentum.updates[0].before).toEqual({ v: { x: 0, y: 0 } });
    expect(paths.AdaGrad.updates[0].before).toEqual({ h: { x: 0, y: 0 } });
    expect(paths.Adam.updates[0].before).toEqual({ iter: 0, m: { x: 0, y: 0 }, v: { x: 0, y: 0 } });
  });

  it("reports the state the optimizer classes used: each update's formula with it gives the step bit for bit", () => {
    const { lr } = BOOK_NAIVE;
    for (const k of ['x', 'y'] as const) {
      for (const u of paths.SGD.updates) expect(u.to[k]).toBe(u.from[k] - lr.SGD * u.grad[k]);
      for (const u of paths.Momentum.updates) expect(u.to[k]).toBe(u.from[k] + u.after.v[k]);
      for (const u of paths.AdaGrad.updates)
        expect(u.to[k]).toBe(u.from[k] - (lr.AdaGrad * u.grad[k]) / (Math.sqrt(u.after.h[k]) + 1e-7));
      for (const u of paths.Adam.updates)
        expect(u.to[k]).toBe(u.from[k] - (u.lrT! * u.after.m[k]) / (Math.sqrt(u.after.v[k]) + 1e-7));
    }
    const u1 = paths.Adam.updates[0];
    expect(u1.after.iter).toBe(1);
    expect(u1.lrT).toBe((0.3 * Math.sqrt(1.0 - 0.999)) / (1.0 - 0.9));
  });

  it('follows its settings: another start, learning rate, momentum and betas', () => {
    const p = optimizerPaths({ start: { x: 3, y: -1 }, updates: 5, lr: { SGD: 0.5 }, momentum: 0.5 });
    expect(p.SGD.points).toHaveLength(6);
    expect(p.SGD.points[0]).toEqual({ x: 3, y: -1 });
    expect(p.SGD.points[1]).toEqual({ x: 3 - 0.5 * 0.3, y: -1 - 0.5 * -2 });
    // The other learning rates keep the book's values.
    expect(p.Momentum.lr).toBe(0.1);
    expect(p.Momentum.updates[0].after.v.x).toBe(0.5 * 0 - 0.1 * 0.3);
    expect(p.Momentum.updates[1].after.v.x).toBe(0.5 * (0 - 0.1 * 0.3) - 0.1 * p.Momentum.updates[1].grad.x);
    const q = optimizerPaths({ beta1: 0.5, beta2: 0.9 });
    expect(q.Adam.updates[1].lrT).toBe((0.3 * Math.sqrt(1.0 - 0.9 ** 2)) / (1.0 - 0.5 ** 2));
    // The defaults are not changed by a call with settings.
    expect(BOOK_NAIVE.lr.SGD).toBe(0.95);
    expect(optimizerPaths().SGD.points).toEqual(paths.SGD.points);
  });
});
