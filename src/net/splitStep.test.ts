import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { mulberry32, randInt } from '../tensor/random';
import { wasmKernels } from '../kernels/wasmKernels';
import { batchOf } from '../data/mnist';
import { countRange, FastNet } from './fastNet';
import { SplitHelper, SplitTrainer, splitLayout, splitMemory } from './splitStep';
import { TwoLayerNet } from './twoLayerNet';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  expect(worst).toBeLessThan(tol);
};

const data = syntheticMnist(600, 300);
const px = data.train.images.pixels;
const lb = data.train.labels;

/** A split trainer and, when `helps`, a helper in the same thread that runs whenever the trainer would wait. */
function split(hidden: number, batch: number, helps: boolean, cap?: number) {
  const layout = splitLayout(hidden, batch, cap);
  const memory = splitMemory(layout);
  const helper = new SplitHelper(memory, layout, 'wasm-simd', data);
  const tr = new SplitTrainer(memory, layout, 'wasm-simd', { turn: helps ? () => void helper.poll() : () => {} });
  return { tr, helper };
}

/** The single-core net with the same starting weights. */
function single(tr: SplitTrainer, cap = 1000): FastNet {
  const one = new FastNet(wasmKernels(tr.net.H, cap, 'wasm-simd'));
  one.k.params.set(tr.net.k.params);
  return one;
}

describe('the training step on two cores (two halves run in turn)', () => {
  for (const helps of [true, false]) {
    it(`gives the single-core step's gradient, weights and loss to float32 rounding (${helps ? 'the helper takes its halves' : 'the trainer takes them back'})`, () => {
      for (const [hidden, batch] of [
        [50, 100],
        [7, 9],
        [13, 2],
      ]) {
        const { tr } = split(hidden, batch, helps);
        new FastNet(tr.net.k, 0.05, mulberry32(hidden)); // the book's init, drawn into the shared memory
        const one = single(tr);
        const rng = mulberry32(batch);
        for (let s = 0; s < 5; s++) {
          const rows = Int32Array.from({ length: batch }, () => randInt(rng, 600));
          const a = tr.step(px, lb, rows, batch, 0.1);
          const b = one.step(px, lb, rows, batch, 0.1);
          close(tr.gradient(), one.k.grad, 1e-5);
          close(tr.net.k.params, one.k.params, 1e-5);
          expect(Math.abs(a - b)).toBeLessThan(1e-5);
        }
        expect(tr.counts).toEqual(helps ? { helped: 15, stolen: 0 } : { helped: 0, stolen: 15 });
      }
    });
  }

  it("computes the book's gradient (TwoLayerNet in Float64), with halves larger than the kernels take at once", () => {
    const { tr } = split(50, 40, true, 8);
    const ref = new TwoLayerNet(784, 50, 10, 0.1, mulberry32(3), 'float64');
    new FastNet(tr.net.k, 0.1, mulberry32(3));
    const rows = Int32Array.from({ length: 40 }, (_, i) => i * 3);
    const { x, t } = batchOf(data.train, rows, 'float64');
    const g = ref.gradient(x, t);
    tr.step(px, lb, rows, 40, 0.1);
    const sum = tr.gradient();
    const H = 50;
    close(sum.subarray(0, 784 * H), g.W1.data, 1e-5);
    close(sum.subarray(784 * H, 785 * H), g.b1.data, 1e-5);
    close(sum.subarray(785 * H, 795 * H), g.W2.data, 1e-5);
    close(sum.subarray(795 * H, 795 * H + 10), g.b2.data, 1e-5);
  });

  it('counts the helper’s share of an evaluation with the shared weights, or takes it back', () => {
    for (const helps of [true, false]) {
      const { tr } = split(50, 100, helps);
      new FastNet(tr.net.k, 0.1, mulberry32(5));
      const off = tr.evalOffload(data);
      off.start(null, { train: [200, 600], test: [100, 300] });
      const r = off.result();
      expect(r).toEqual({
        train: countRange(tr.net, px, lb, 200, 600),
        test: countRange(tr.net, data.test.images.pixels, data.test.labels, 100, 300),
      });
    }
  });

  it('does every half itself once the helper is known to be gone, even one the helper had taken', () => {
    const { tr, helper } = split(50, 100, false);
    new FastNet(tr.net.k, 0.05, mulberry32(1));
    const one = single(tr);
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 5);
    tr.abandon();
    // a helper that took the evaluation and then died
    const off = tr.evalOffload(data);
    off.start(null, { train: [0, 600], test: [0, 300] });
    const w = Atomics.load(new Int32Array(tr.memory.buffer, 0, 1), 0);
    Atomics.store(new Int32Array(tr.memory.buffer, 0, 1), 0, (w & ~7) | 2);
    expect(off.result()).toEqual({
      train: countRange(tr.net, px, lb, 0, 600),
      test: countRange(tr.net, data.test.images.pixels, data.test.labels, 0, 300),
    });
    expect(Math.abs(tr.step(px, lb, rows, 100, 0.1) - one.step(px, lb, rows, 100, 0.1))).toBeLessThan(1e-5);
    expect(helper.poll()).toBe(false); // nothing was left for it
  });

  it('lets the helper go after Exit', () => {
    const { tr, helper } = split(50, 100, false);
    expect(helper.poll()).toBe(false);
    tr.close();
    expect(helper.poll()).toBe('exit');
  });
});

describe('a helper that fails or stops answering never hangs the trainer', () => {
  const KIND = 1;
  const { Gradient, Update, Loss, Eval } = { Gradient: 1, Update: 2, Loss: 3, Eval: 4 };

  /**
   * A split trainer whose "helper" takes the posted tasks of the given kinds and then does
   * `then` with them: 'stall' keeps them taken (a helper that stopped answering), 'fail' marks
   * them failed as a helper that threw does. A clock that moves 1 s per look.
   */
  function faulty(kinds: number[], then: 'stall' | 'fail') {
    const layout = splitLayout(50, 100);
    const memory = splitMemory(layout);
    const ctl = new Int32Array(memory.buffer, 0, 4);
    let t = 0;
    let lost = 0;
    const turn = () => {
      const w = Atomics.load(ctl, 0);
      if ((w & 7) !== 1 || !kinds.includes(ctl[KIND])) return;
      Atomics.compareExchange(ctl, 0, w, (w & ~7) | (then === 'stall' ? 2 : 5));
    };
    const tr = new SplitTrainer(memory, layout, 'wasm-simd', {
      turn,
      now: () => (t += 1000),
      timeoutMs: 10_000,
      onLost: () => lost++,
    });
    new FastNet(tr.net.k, 0.05, mulberry32(1));
    return { tr, lost: () => lost, seconds: () => t / 1000 };
  }

  for (const [name, kinds, then] of [
    ['takes half a gradient and stalls', [Gradient], 'stall'],
    ['throws on its half of the loss', [Loss], 'fail'],
    ['throws on its half of a gradient', [Gradient], 'fail'],
  ] as const) {
    it(`a helper that ${name}: the trainer gives it up once and trains on one core, the same numbers`, () => {
      const f = faulty([...kinds], then);
      const one = single(f.tr);
      const rng = mulberry32(4);
      for (let s = 0; s < 4; s++) {
        const rows = Int32Array.from({ length: 100 }, () => randInt(rng, 600));
        const a = f.tr.step(px, lb, rows, 100, 0.1);
        const b = one.step(px, lb, rows, 100, 0.1);
        close(f.tr.net.k.params, one.k.params, 1e-5);
        expect(Math.abs(a - b)).toBeLessThan(1e-5);
      }
      expect(f.lost()).toBe(1);
      expect(f.tr.failed).toBe(true);
      // A stalled helper is waited for 10 s (the clock's), once; a failed one not at all (one look at the clock).
      if (then === 'stall') expect(f.seconds()).toBeGreaterThan(10);
      expect(f.seconds()).toBeLessThanOrEqual(then === 'stall' ? 12 : 1);
    });
  }

  it('a helper that stalls in the middle of an update: the step ends in a coded error, not a hang', () => {
    const f = faulty([Update], 'stall');
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    expect(() => f.tr.step(px, lb, rows, 100, 0.1)).toThrow(
      expect.objectContaining({ code: 'worker.helperLost' }) as unknown as Error,
    );
    expect(f.lost()).toBe(1);
  });

  it('a helper that stalls on its share of an evaluation: waited for, then counted here', () => {
    const f = faulty([Eval], 'stall');
    const off = f.tr.evalOffload(data);
    expect(off.failed).toBe(false);
    off.start(null, { train: [300, 600], test: [150, 300] });
    let r = off.result();
    let polls = 1;
    while (r === null && polls < 100) {
      r = off.result();
      polls++;
    }
    expect(polls).toBeGreaterThan(5); // it waited while the clock ran
    expect(r).toEqual({
      train: countRange(f.tr.net, px, lb, 300, 600),
      test: countRange(f.tr.net, data.test.images.pixels, data.test.labels, 150, 300),
    });
    expect(f.lost()).toBe(1);
    expect(off.failed).toBe(true);
  });

  it('the real helper throwing: its task is marked failed and the trainer redoes that half', () => {
    const layout = splitLayout(50, 100);
    const memory = splitMemory(layout);
    // Images it cannot read: its first task throws.
    const broken = { ...data, train: { ...data.train, images: { ...data.train.images, pixels: null } } };
    const helper = new SplitHelper(memory, layout, 'wasm-simd', broken as unknown as typeof data);
    let threw = 0;
    const tr = new SplitTrainer(memory, layout, 'wasm-simd', {
      turn: () => {
        try {
          helper.poll();
        } catch {
          threw++;
        }
      },
    });
    new FastNet(tr.net.k, 0.05, mulberry32(2));
    const one = single(tr);
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 2);
    expect(Math.abs(tr.step(px, lb, rows, 100, 0.1) - one.step(px, lb, rows, 100, 0.1))).toBeLessThan(1e-5);
    close(tr.net.k.params, one.k.params, 1e-5);
    expect(threw).toBe(1);
    expect(tr.failed).toBe(true);
  });
});
