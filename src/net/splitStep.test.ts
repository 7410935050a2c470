import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { mulberry32, randInt } from '../tensor/random';
import type { NetArch } from './arch';
import { BOOK_CONFIG, type TrainConfig } from './config';
import { FastNet } from './fastNet';
import { FastOptimizer } from './fastOptimizer';
import { SplitHelper, SplitTrainer, splitLayout, splitMemory } from './splitStep';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst).toBeLessThan(tol);
};

const data = syntheticMnist(600, 300);
const px = data.train.images.pixels;
const lb = data.train.labels;
const TWO: NetArch = { hidden: [50], activation: 'relu', batchNorm: false, dropout: 0 };

/** A split trainer and, when `helps`, a helper in the same thread that runs whenever the trainer would wait. */
function split(arch: NetArch, cfg: TrainConfig, helps: boolean) {
  const layout = splitLayout(cfg, arch);
  const memory = splitMemory(layout);
  const helper = new SplitHelper(memory, layout, 'wasm-simd', cfg, data);
  const tr = new SplitTrainer(memory, layout, 'wasm-simd', cfg, { turn: helps ? () => void helper.poll() : () => {} });
  tr.net.init(cfg, mulberry32(7));
  return { tr, helper };
}

/** The single-core net with the same starting weights, and its optimizer. */
function single(tr: SplitTrainer, cfg: TrainConfig) {
  const one = new FastNet(tr.layout.arch, 'wasm-simd', tr.layout.rows);
  one.load(tr.net.snapshot());
  const opt = new FastOptimizer(one, cfg);
  return {
    one,
    step(rows: Int32Array, n: number, s: number) {
      one.gradient(0, px, lb, rows, n, n, s);
      opt.begin();
      opt.apply(0, one.L.paramFloats, false);
      return one.lossSum(0, px, lb, rows, n) / n + one.weightDecayLoss(cfg.weightDecay);
    },
  };
}

const CASES: [string, NetArch, Partial<TrainConfig>][] = [
  ['784-50-10, SGD', TWO, {}],
  [
    '4 ReLU layers, Adam',
    { hidden: [40, 40, 40, 40], activation: 'relu', batchNorm: false, dropout: 0 },
    { optimizer: 'Adam', learningRate: 0.001 },
  ],
  [
    'batch norm and dropout, Adam, weight decay',
    { hidden: [32, 30, 32], activation: 'relu', batchNorm: true, dropout: 0.2 },
    { optimizer: 'Adam', learningRate: 0.001, weightDecay: 0.05 },
  ],
  [
    'sigmoid, batch norm, Momentum',
    { hidden: [24, 20], activation: 'sigmoid', batchNorm: true, dropout: 0 },
    { optimizer: 'Momentum', learningRate: 0.05 },
  ],
  [
    'dropout 0.5, RMSprop',
    { hidden: [36, 36], activation: 'relu', batchNorm: false, dropout: 0.5 },
    { optimizer: 'RMSprop', learningRate: 0.001 },
  ],
];

describe('the training step on two cores (two halves run in turn)', () => {
  for (const [name, arch, over] of CASES)
    for (const helps of [true, false]) {
      it(`${name}: the single-core step's gradient, weights and loss to float32 rounding (${helps ? 'the helper takes its halves' : 'the trainer takes them back'})`, () => {
        for (const batch of [100, 9]) {
          const cfg: TrainConfig = { ...BOOK_CONFIG, ...over, hidden: arch.hidden, batchSize: batch };
          const { tr } = split(arch, cfg, helps);
          const s1 = single(tr, cfg);
          const rng = mulberry32(batch);
          for (let s = 0; s < 4; s++) {
            const rows = Int32Array.from({ length: batch }, () => randInt(rng, 600));
            const a = tr.step(px, lb, rows, batch, s);
            const b = s1.step(rows, batch, s);
            close(tr.gradientSum(), s1.one.grads[0], 1e-5);
            close(tr.net.params, s1.one.params, 1e-4);
            expect(Math.abs(a - b)).toBeLessThan(1e-4);
          }
          if (helps) expect(tr.counts.stolen).toBe(0);
          else expect(tr.counts.helped).toBe(0);
        }
      });
    }

  it('counts the helper’s share of an evaluation with the shared weights, or takes it back', () => {
    for (const helps of [true, false]) {
      const cfg = BOOK_CONFIG;
      const { tr } = split(TWO, cfg, helps);
      const off = tr.evalOffload(data);
      off.start({ train: [200, 600], test: [100, 300] });
      const r = off.result();
      const one = single(tr, cfg).one;
      expect(r).toEqual({
        train: one.countRange(0, px, lb, 200, 600),
        test: one.countRange(0, data.test.images.pixels, data.test.labels, 100, 300),
      });
    }
  });

  it('does every half itself once the helper is known to be gone, even one the helper had taken', () => {
    const cfg = BOOK_CONFIG;
    const { tr, helper } = split(TWO, cfg, false);
    const s1 = single(tr, cfg);
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 5);
    tr.abandon();
    const off = tr.evalOffload(data);
    off.start({ train: [0, 600], test: [0, 300] });
    const w = Atomics.load(new Int32Array(tr.memory.buffer, 0, 1), 0);
    Atomics.store(new Int32Array(tr.memory.buffer, 0, 1), 0, (w & ~7) | 2);
    expect(off.result()).toEqual({
      train: s1.one.countRange(0, px, lb, 0, 600),
      test: s1.one.countRange(0, data.test.images.pixels, data.test.labels, 0, 300),
    });
    expect(Math.abs(tr.step(px, lb, rows, 100, 0) - s1.step(rows, 100, 0))).toBeLessThan(1e-5);
    expect(helper.poll()).toBe(false); // nothing was left for it
  });

  it('lets the helper go after Exit', () => {
    const { tr, helper } = split(TWO, BOOK_CONFIG, false);
    expect(helper.poll()).toBe(false);
    tr.close();
    expect(helper.poll()).toBe('exit');
  });
});

describe('a helper that fails or stops answering never hangs the trainer', () => {
  const KIND = 1;
  const { Gradient, Update, Loss, Eval, Phase } = { Gradient: 1, Update: 2, Loss: 3, Eval: 4, Phase: 6 };

  /**
   * A split trainer whose "helper" takes the posted tasks of the given kinds and then does
   * `then` with them: 'stall' keeps them taken (a helper that stopped answering), 'fail' marks
   * them failed as a helper that threw does. A clock that moves 1 s per look.
   */
  function faulty(kinds: number[], then: 'stall' | 'fail', arch = TWO) {
    const cfg: TrainConfig = { ...BOOK_CONFIG, hidden: arch.hidden };
    const layout = splitLayout(cfg, arch);
    const memory = splitMemory(layout);
    const ctl = new Int32Array(memory.buffer, 0, 4);
    let t = 0;
    let lost = 0;
    const turn = () => {
      const w = Atomics.load(ctl, 0);
      if ((w & 7) !== 1 || !kinds.includes(ctl[KIND])) return;
      Atomics.compareExchange(ctl, 0, w, (w & ~7) | (then === 'stall' ? 2 : 5));
    };
    const tr = new SplitTrainer(memory, layout, 'wasm-simd', cfg, {
      turn,
      now: () => (t += 1000),
      timeoutMs: 10_000,
      onLost: () => lost++,
    });
    tr.net.init(cfg, mulberry32(1));
    return { tr, cfg, lost: () => lost, seconds: () => t / 1000 };
  }

  const BN: NetArch = { hidden: [20, 20], activation: 'relu', batchNorm: true, dropout: 0 };
  for (const [name, kinds, then, arch] of [
    ['takes half a gradient and stalls', [Gradient], 'stall', TWO],
    ['throws on its half of the loss', [Loss], 'fail', TWO],
    ['throws on its half of a gradient', [Gradient], 'fail', TWO],
    ['throws on a batch-norm phase', [Phase], 'fail', BN],
  ] as const) {
    it(`a helper that ${name}: the trainer gives it up once and trains on one core, the same numbers`, () => {
      const f = faulty([...kinds], then, arch);
      const s1 = single(f.tr, f.cfg);
      const rng = mulberry32(4);
      for (let s = 0; s < 4; s++) {
        const rows = Int32Array.from({ length: 100 }, () => randInt(rng, 600));
        const a = f.tr.step(px, lb, rows, 100, s);
        const b = s1.step(rows, 100, s);
        close(f.tr.net.params, s1.one.params, 1e-5);
        expect(Math.abs(a - b)).toBeLessThan(1e-5);
      }
      expect(f.lost()).toBe(1);
      expect(f.tr.failed).toBe(true);
      if (then === 'stall') expect(f.seconds()).toBeGreaterThan(10);
      expect(f.seconds()).toBeLessThanOrEqual(then === 'stall' ? 12 : 1);
    });
  }

  it('a helper that stalls in the middle of an update: the step ends in a coded error, not a hang', () => {
    const f = faulty([Update], 'stall');
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    expect(() => f.tr.step(px, lb, rows, 100, 0)).toThrow(
      expect.objectContaining({ code: 'worker.helperLost' }) as unknown as Error,
    );
    expect(f.lost()).toBe(1);
  });

  it('a helper that stalls on its share of an evaluation: waited for, then counted here', () => {
    const f = faulty([Eval], 'stall');
    const off = f.tr.evalOffload(data);
    expect(off.failed).toBe(false);
    off.start({ train: [300, 600], test: [150, 300] });
    let r = off.result();
    let polls = 1;
    while (r === null && polls < 100) {
      r = off.result();
      polls++;
    }
    expect(polls).toBeGreaterThan(5);
    const one = single(f.tr, f.cfg).one;
    expect(r).toEqual({
      train: one.countRange(0, px, lb, 300, 600),
      test: one.countRange(0, data.test.images.pixels, data.test.labels, 150, 300),
    });
    expect(f.lost()).toBe(1);
    expect(off.failed).toBe(true);
  });

  it('the real helper throwing: its task is marked failed and the trainer redoes that half', () => {
    const cfg = BOOK_CONFIG;
    const layout = splitLayout(cfg, TWO);
    const memory = splitMemory(layout);
    const broken = { ...data, train: { ...data.train, images: { ...data.train.images, pixels: null } } };
    const helper = new SplitHelper(memory, layout, 'wasm-simd', cfg, broken as unknown as typeof data);
    let threw = 0;
    const tr = new SplitTrainer(memory, layout, 'wasm-simd', cfg, {
      turn: () => {
        try {
          helper.poll();
        } catch {
          threw++;
        }
      },
    });
    tr.net.init(cfg, mulberry32(2));
    const s1 = single(tr, cfg);
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 2);
    expect(Math.abs(tr.step(px, lb, rows, 100, 0) - s1.step(rows, 100, 0))).toBeLessThan(1e-5);
    close(tr.net.params, s1.one.params, 1e-5);
    expect(threw).toBe(1);
    expect(tr.failed).toBe(true);
  });
});
