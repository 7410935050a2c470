import { AdaGrad, Adam, Momentum, SGD, type Optimizer, type ParamDict } from '../net/optimizers';
import { zeros } from '../tensor/matrix';

/**
 * The book's ch06/optimizer_compare_naive.py without its figure: f(x, y) = x²/20 + y², its
 * gradient, and the four optimizers' paths from one start point, each update taken by the
 * project's own optimizer classes (src/net/optimizers.ts) on a params dict of 1×1 matrices
 * named 'x' and 'y', as the script's dict is. Beside each update, the state the optimizer kept
 * before and after it (Momentum's v, AdaGrad's h, Adam's m, v and lr_t), so a page can typeset
 * the update with this step's numbers. The state is recomputed here in the book's order of
 * operations, so it holds the same doubles the optimizer holds (the tests check that the
 * state reproduces each step bit for bit).
 */

/** f(x, y) = x²/20 + y², written as the script writes it. */
export const f = (x: number, y: number): number => x ** 2 / 20.0 + y ** 2;

/** ∂f/∂x, ∂f/∂y = x/10, 2y: the script's df. */
export const df = (x: number, y: number): Point => ({ x: x / 10.0, y: 2.0 * y });

export interface Point {
  x: number;
  y: number;
}

/** The four optimizers the script compares, in its order. */
export const NAIVE_OPTIMIZERS = ['SGD', 'Momentum', 'AdaGrad', 'Adam'] as const;
export type NaiveOptimizer = (typeof NAIVE_OPTIMIZERS)[number];

export interface NaiveSettings {
  start: Point;
  /** How many updates each optimizer takes; the path has one point more. */
  updates: number;
  lr: Record<NaiveOptimizer, number>;
  /** Momentum's α. */
  momentum: number;
  beta1: number;
  beta2: number;
}

/** The script's settings: from (−7, 2), 30 updates, its four learning rates, the classes' defaults. */
export const BOOK_NAIVE: NaiveSettings = {
  start: { x: -7.0, y: 2.0 },
  updates: 30,
  lr: { SGD: 0.95, Momentum: 0.1, AdaGrad: 1.5, Adam: 0.3 },
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
};

/** What each optimizer keeps between updates, per coordinate. */
export interface NaiveState {
  SGD: Record<string, never>;
  Momentum: { v: Point };
  AdaGrad: { h: Point };
  Adam: { iter: number; m: Point; v: Point };
}

/** One update: from a point, with the gradient there, to the next point. */
export interface NaiveUpdate<N extends NaiveOptimizer> {
  from: Point;
  grad: Point;
  to: Point;
  before: NaiveState[N];
  after: NaiveState[N];
  /** Adam only: this update's step size lr·√(1 − β₂ᵗ) / (1 − β₁ᵗ). */
  lrT?: number;
}

export interface NaivePath<N extends NaiveOptimizer> {
  optimizer: N;
  lr: number;
  /** The start and every point reached: updates + 1 points. */
  points: Point[];
  updates: NaiveUpdate<N>[];
}

export type NaivePaths = { [N in NaiveOptimizer]: NaivePath<N> };

const ZERO: Point = { x: 0, y: 0 };

/** Each optimizer's state recurrence, as the book's update writes it, and its initial state. */
interface Tracker<N extends NaiveOptimizer> {
  optimizer: Optimizer;
  initial: NaiveState[N];
  next(s: NaiveState[N], g: Point): { state: NaiveState[N]; lrT?: number };
}

/** Both coordinates through one scalar recurrence. */
const each = (a: Point, b: Point, fn: (a: number, b: number) => number): Point => ({
  x: fn(a.x, b.x),
  y: fn(a.y, b.y),
});

function trackers(s: NaiveSettings): { [N in NaiveOptimizer]: Tracker<N> } {
  const { momentum, beta1, beta2 } = s;
  return {
    SGD: { optimizer: new SGD(s.lr.SGD), initial: {}, next: () => ({ state: {} }) },
    Momentum: {
      optimizer: new Momentum(s.lr.Momentum, momentum),
      initial: { v: ZERO },
      next: (st, g) => ({ state: { v: each(st.v, g, (v, gi) => momentum * v - s.lr.Momentum * gi) } }),
    },
    AdaGrad: {
      optimizer: new AdaGrad(s.lr.AdaGrad),
      initial: { h: ZERO },
      next: (st, g) => ({ state: { h: each(st.h, g, (h, gi) => h + gi * gi) } }),
    },
    Adam: {
      optimizer: new Adam(s.lr.Adam, beta1, beta2),
      initial: { iter: 0, m: ZERO, v: ZERO },
      next: (st, g) => {
        const iter = st.iter + 1;
        const lrT = (s.lr.Adam * Math.sqrt(1.0 - beta2 ** iter)) / (1.0 - beta1 ** iter);
        const m = each(st.m, g, (m, gi) => m + (1 - beta1) * (gi - m));
        const v = each(st.v, g, (v, gi) => v + (1 - beta2) * (gi ** 2 - v));
        return { state: { iter, m, v }, lrT };
      },
    },
  };
}

function scalar(v: number) {
  const m = zeros(1, 1);
  m.data[0] = v;
  return m;
}

function run<N extends NaiveOptimizer>(name: N, t: Tracker<N>, s: NaiveSettings): NaivePath<N> {
  const params: ParamDict = { x: scalar(s.start.x), y: scalar(s.start.y) };
  const points: Point[] = [{ ...s.start }];
  const updates: NaiveUpdate<N>[] = [];
  let state = t.initial;
  for (let i = 0; i < s.updates; i++) {
    const from = { x: params.x.data[0], y: params.y.data[0] };
    const grad = df(from.x, from.y);
    t.optimizer.update(params, { x: scalar(grad.x), y: scalar(grad.y) });
    const to = { x: params.x.data[0], y: params.y.data[0] };
    const { state: after, lrT } = t.next(state, grad);
    updates.push({ from, grad, to, before: state, after, ...(lrT === undefined ? {} : { lrT }) });
    points.push(to);
    state = after;
  }
  return { optimizer: name, lr: s.lr[name], points, updates };
}

/** Settings to change: any of them, each learning rate on its own. */
export type NaiveSettingsInput = Partial<Omit<NaiveSettings, 'lr'>> & { lr?: Partial<NaiveSettings['lr']> };

/** The four paths of the script's figure, with the book's settings unless others are given. */
export function optimizerPaths(settings: NaiveSettingsInput = {}): NaivePaths {
  const s: NaiveSettings = { ...BOOK_NAIVE, ...settings, lr: { ...BOOK_NAIVE.lr, ...settings.lr } };
  const t = trackers(s);
  return {
    SGD: run('SGD', t.SGD, s),
    Momentum: run('Momentum', t.Momentum, s),
    AdaGrad: run('AdaGrad', t.AdaGrad, s),
    Adam: run('Adam', t.Adam, s),
  };
}
