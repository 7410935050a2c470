import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { BOOK_CONFIG } from '../net/trainer';
import { archOf } from '../net/config';
import { SplitHelper, SplitTrainer, splitLayout, splitMemory } from '../net/splitStep';
import { createHost, type HostEnv } from './host';
import type { FromWorker } from './protocol';

const data = syntheticMnist(400, 100);
const cfg = { ...BOOK_CONFIG, batchSize: 20, iterations: 60 };

/** A whole run through the worker's logic, with or without the split step (its helper in this thread). */
async function run(withSplit: boolean) {
  const out: FromWorker[] = [];
  const queue: (() => void)[] = [];
  const trainers: SplitTrainer[] = [];
  const env: HostEnv = {
    post: (m) => out.push(m),
    loadData: async () => data,
    defer: (fn) => queue.push(fn),
    now: () => 0,
    makeSplit: withSplit
      ? (c, m) => {
          const layout = splitLayout(c, archOf(c));
          const memory = splitMemory(layout);
          const helper = new SplitHelper(memory, layout, 'wasm-simd', c, m);
          const tr = new SplitTrainer(memory, layout, 'wasm-simd', c, { turn: () => void helper.poll() });
          trainers.push(tr);
          return { trainer: tr, evalOffload: tr.evalOffload(m), close: () => tr.close() };
        }
      : undefined,
  };
  const handle = createHost(env);
  handle({ type: 'start', runId: 1, config: cfg, mnistBase: '/mnist/' });
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 100_000 && queue.length; i++) queue.shift()!();
  return {
    losses: out.flatMap((m) => (m.type === 'losses' ? Array.from(m.losses) : [])),
    rows: out.flatMap((m) => (m.type === 'eval' ? [m.row] : [])),
    last: out[out.length - 1].type,
    trainers,
  };
}

describe('the worker with the split step', () => {
  it('runs the same training as one core: the helper takes half of every step and evaluation', async () => {
    const one = await run(false);
    const two = await run(true);
    expect(two.last).toBe('done');
    expect(two.losses).toHaveLength(60);
    two.losses.forEach((l, i) => expect(Math.abs(l - one.losses[i])).toBeLessThan(1e-5));
    expect(two.rows.map((r) => [r.epoch, r.iter, r.final])).toEqual(one.rows.map((r) => [r.epoch, r.iter, r.final]));
    // Float32 rounding may move a score across a tie at most for a stray image.
    two.rows.forEach((r, i) => {
      expect(Math.abs(r.train - one.rows[i].train)).toBeLessThanOrEqual(1 / 400);
      expect(Math.abs(r.test - one.rows[i].test)).toBeLessThanOrEqual(1 / 100);
    });
    // 60 steps of three tasks, and four evaluations, all taken by the helper
    expect(two.trainers[0].counts).toEqual({ helped: 60 * 3 + 4, stolen: 0 });
  });
});

describe('the worker tells the page what the split gives and what it costs', () => {
  /** The messages of a run whose split is made by `make` (null: no split). */
  async function messages(make: HostEnv['makeSplit'] | null, config = cfg) {
    const out: FromWorker[] = [];
    const queue: (() => void)[] = [];
    const handle = createHost({
      post: (m) => out.push(m),
      loadData: async () => data,
      defer: (fn) => queue.push(fn),
      now: () => 0,
      makeSplit: make ?? undefined,
    });
    handle({ type: 'start', runId: 1, config, mnistBase: '/mnist/' });
    await new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < 100_000 && queue.length; i++) queue.shift()!();
    return out;
  }
  const splitWith = (opts: ConstructorParameters<typeof SplitTrainer>[4]) => (c: typeof cfg, m: typeof data) => {
    const layout = splitLayout(c, archOf(c));
    const memory = splitMemory(layout);
    const tr = new SplitTrainer(memory, layout, 'wasm-simd', c, opts);
    return { trainer: tr, evalOffload: tr.evalOffload(m), close: () => tr.close() };
  };

  it('"×2" after the kernels\' name when every step is split, the name alone otherwise', async () => {
    const loaded = (out: FromWorker[]) => out.flatMap((m) => (m.type === 'loaded' ? [m.kernel] : []));
    expect(loaded(await messages(splitWith({})))).toEqual(['wasm-simd ×2']);
    const plain = loaded(await messages(null));
    expect(plain).toHaveLength(1);
    expect(plain[0]).not.toContain('×2');
  });

  it('a helper that fails during the run: the run goes on to the end on one core, and the "×2" goes', async () => {
    let turns = 0;
    let tr: SplitTrainer | null = null;
    const make = (c: typeof cfg, m: typeof data) => {
      // Its worker's script never arrives (the trainer takes every half back); then it reports an error.
      const h = splitWith({ turn: () => void (++turns === 90 && tr!.abandon()) })(c, m);
      tr = h.trainer;
      return h;
    };
    const out = await messages(make);
    expect(out[out.length - 1].type).toBe('done');
    expect(out.flatMap((m) => (m.type === 'losses' ? Array.from(m.losses) : []))).toHaveLength(60);
    const labels = out.flatMap((m) =>
      m.type === 'loaded' || (m.type === 'progress' && m.kernel) ? [[m.type, m.kernel]] : [],
    );
    expect(labels).toEqual([
      ['loaded', 'wasm-simd ×2'],
      ['progress', 'wasm-simd'],
    ]);
    expect(tr!.failed).toBe(true);
  });

  it('a helper lost in the middle of an update ends the run with a coded error, once', async () => {
    let t = 0;
    let lost = 0;
    let ctl: Int32Array | null = null;
    const make = (c: typeof cfg, m: typeof data) => {
      const h = splitWith({
        // The "helper" takes every update and never finishes it; the clock moves 1 s per look.
        turn: () => {
          const w = Atomics.load(ctl!, 0);
          if ((w & 7) === 1 && ctl![1] === 2) Atomics.compareExchange(ctl!, 0, w, (w & ~7) | 2);
        },
        now: () => (t += 1000),
        onLost: () => lost++,
      })(c, m);
      ctl = new Int32Array(h.trainer.memory.buffer, 0, 2);
      return h;
    };
    const out = await messages(make);
    const errors = out.filter((m) => m.type === 'error');
    expect(errors).toEqual([{ type: 'error', runId: 1, error: { code: 'worker.helperLost', params: {} } }]);
    expect(out[out.length - 1].type).toBe('error');
    expect(lost).toBe(1);
  });
});
