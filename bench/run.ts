/**
 * npm run bench [-- --full] [-- --ts] [-- --compare] [-- --profile]: the trainer's speed in
 * Node on real MNIST, printed as one JSON object on the last line.
 *
 *   stepMs          one step at batch 100 (gradient, update, the loss after it), median, on both
 *                   cores (the split step, its helper a worker thread); stepMs1 on one core
 *   evalAllMs       accuracy on all 70,000 images, both cores (evalAllMs1: one core)
 *   --compare       adds the step at hidden sizes 200 and 500 (stepMsH200, stepMsH500, both cores)
 *   --full          the book's whole run (10,000 iterations, 17 evaluations plus the final one)
 *                   on both cores: bookRunS, bookRunFinalTest
 *   --profile       one step by phase on one core, each phase's time and share of one core's
 *                   128-bit FMA peak (measured here with a WebAssembly loop), printed as a table
 *   --ts            the plain TypeScript kernels instead of WebAssembly SIMD, one core only
 *
 * Node 20 runs plain SIMD; `node --experimental-wasm-relaxed-simd --import tsx bench/run.ts`
 * runs the relaxed (fused multiply-add) kernels that Chromium runs.
 */
import { Worker } from 'node:worker_threads';
import { rangeOf, batchOf, type Mnist } from '../src/data/mnist';
import { gradientCheck } from '../src/net/gradcheck';
import { BOOK_CONFIG, EVAL_CHUNK, Trainer, type TrainConfig } from '../src/net/trainer';
import { TwoLayerNet } from '../src/net/twoLayerNet';
import { countRange, FastNet } from '../src/net/fastNet';
import { SplitTrainer, splitLayout, splitMemory } from '../src/net/splitStep';
import { kernelFactory, wasmSupport, type KernelName, type NetKernels } from '../src/kernels';
import { listNonZero, nonZeroListsOf } from '../src/kernels/sparse';
import { listsOf } from '../src/worker/offload';
import type { StepHelperIn } from '../src/worker/split';
import type { WasmKind } from '../src/kernels/wasmKernels';
import { mulberry32, randInt } from '../src/tensor/random';
import { realMnist } from '../src/testing/realMnist';
import { peakGflops } from './peak';

const has = (flag: string) => process.argv.includes(flag);
const kernel: KernelName = has('--ts') ? 'ts' : (wasmSupport() ?? 'ts');
const kernels = kernelFactory(EVAL_CHUNK, kernel);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = realMnist();
const toShared = (a: Uint8Array) => {
  const out = new Uint8Array(new SharedArrayBuffer(a.length));
  out.set(a);
  return out;
};
/** The images in shared memory, for the helper thread. */
const mnist: Mnist = {
  train: {
    images: { ...plain.train.images, pixels: toShared(plain.train.images.pixels) },
    labels: toShared(plain.train.labels),
  },
  test: {
    images: { ...plain.test.images, pixels: toShared(plain.test.images.pixels) },
    labels: toShared(plain.test.labels),
  },
};
const { pixels, labels } = { pixels: mnist.train.images.pixels, labels: mnist.train.labels };

/** A split trainer with its helper running in a worker thread. */
async function split(cfg: TrainConfig) {
  const layout = splitLayout(cfg.hidden[0], cfg.batchSize);
  const memory = splitMemory(layout);
  const worker = new Worker(new URL('./stepHelper.node.mjs', import.meta.url));
  worker.postMessage({
    memory,
    layout,
    kind: kernel as WasmKind,
    data: mnist,
    lists: listsOf(mnist),
  } satisfies StepHelperIn);
  await new Promise((r) => worker.once('message', r));
  const tr = new SplitTrainer(memory, layout, kernel as WasmKind);
  return {
    tr,
    close: async () => {
      tr.close();
      await new Promise((r) => worker.once('exit', r));
    },
  };
}

function timeSteps(step: (rows: Int32Array) => void, steps = 400): number {
  const rng = mulberry32(5);
  const batch = () => Int32Array.from({ length: 100 }, () => randInt(rng, 60000));
  for (let i = 0; i < 50; i++) step(batch()); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const rows = batch();
    const t0 = performance.now();
    step(rows);
    times.push(performance.now() - t0);
  }
  return median(times);
}

function stepMs1(hidden = 50): number {
  const net = new FastNet(kernels(hidden), 0.01, mulberry32(1));
  return timeSteps((rows) => net.step(pixels, labels, rows, 100, 0.1));
}

async function stepMs2(hidden = 50): Promise<{ ms: number; helped: number; stolen: number }> {
  const s = await split({ ...BOOK_CONFIG, hidden: [hidden] });
  new FastNet(s.tr.net.k, 0.01, mulberry32(1));
  const ms = timeSteps((rows) => s.tr.step(pixels, labels, rows, 100, 0.1));
  const c = { ...s.tr.counts };
  await s.close();
  return { ms, ...c };
}

function evalAll(net: FastNet, offload?: ReturnType<SplitTrainer['evalOffload']>): number {
  let correct = 0;
  const halves = { train: [30000, 60000] as [number, number], test: [5000, 10000] as [number, number] };
  if (offload) offload.start(null, halves);
  for (const [split, end] of [
    [mnist.train, offload ? 30000 : 60000],
    [mnist.test, offload ? 5000 : 10000],
  ] as const)
    for (let s = 0; s < end; s += EVAL_CHUNK)
      correct += net.countCorrect(split.images.pixels, split.labels, s, Math.min(EVAL_CHUNK, end - s));
  if (offload) {
    let r = offload.result();
    while (!r) r = offload.result();
    correct += r.train + r.test;
  }
  return correct;
}

function bestOf(n: number, f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function evalAllMs1(): number {
  const net = new FastNet(kernels(50), 0.01, mulberry32(1));
  evalAll(net);
  return bestOf(3, () => evalAll(net));
}

async function evalAllMs2(): Promise<number> {
  const s = await split(BOOK_CONFIG);
  new FastNet(s.tr.net.k, 0.01, mulberry32(1));
  const off = s.tr.evalOffload(mnist);
  evalAll(s.tr.net, off);
  const ms = bestOf(3, () => evalAll(s.tr.net, off));
  await s.close();
  return ms;
}

function gradientBatch3Us(): number {
  const net = new TwoLayerNet(784, 50, 10, 0.01, mulberry32(2), 'float64');
  const { x, t } = batchOf(mnist.train, [0, 1, 2], 'float64');
  for (let i = 0; i < 200; i++) net.gradient(x, t);
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    net.gradient(x, t);
    times.push(performance.now() - t0);
  }
  return median(times) * 1000;
}

function numericalGradientBatch3S(): number {
  const { x, t } = rangeOf(mnist.train, 0, 3, 'float64');
  const it = gradientCheck(x, t, 1);
  let r = it.next();
  while (!r.done) r = it.next();
  return r.value.numericalMs / 1000;
}

async function bookRun(): Promise<{ seconds: number; finalTest: number; cores: number }> {
  const s = kernel === 'ts' ? null : await split(BOOK_CONFIG);
  const tr = new Trainer(BOOK_CONFIG, mnist, s ? () => s.tr.net.k : kernels);
  if (s) {
    tr.stepOffload = s.tr;
    tr.offload = s.tr.evalOffload(mnist);
  }
  let finalTest = 0;
  const t0 = performance.now();
  while (!tr.finished)
    tr.work(
      () => false,
      (e) => {
        if (e.type === 'eval') finalTest = e.row.test;
      },
    );
  const seconds = (performance.now() - t0) / 1000;
  await s?.close();
  return { seconds, finalTest, cores: s ? 2 : 1 };
}

/** One step by phase on one core: time (median of many), useful MFLOP, share of the FMA peak. */
function profile(hidden: number, peak: number): string[] {
  const k: NetKernels = kernels(hidden);
  const net = new FastNet(k, 0.01, mulberry32(1));
  const rng = mulberry32(9);
  const batches = Array.from({ length: 400 }, () => Int32Array.from({ length: 100 }, () => randInt(rng, 60000)));
  for (let i = 0; i < 50; i++) net.step(pixels, labels, batches[i], 100, 0.1);
  const H = hidden;
  let nnz = 0;
  for (const rows of batches) for (const r of rows) for (let p = 0; p < 784; p++) if (pixels[r * 784 + p]) nnz++;
  nnz /= batches.length;
  const lists = nonZeroListsOf(pixels)!;
  const entries = new Uint32Array(100 * (784 + 3));
  const time = (f: (i: number) => void) => {
    const ts: number[] = [];
    for (let i = 0; i < batches.length; i++) {
      const t0 = performance.now();
      f(i);
      ts.push(performance.now() - t0);
    }
    return median(ts) * 1000;
  };
  // what the kernels' load does before its decode: one copy per image, to its source's alignment
  const gather = time((i) => {
    const b = batches[i];
    for (let r = 0, put = 0; r < 100; r++) {
      const from = lists.starts[b[r]];
      put += (from - put) & 3;
      entries.set(lists.entries.subarray(from, lists.starts[b[r] + 1]), put);
      put += lists.starts[b[r] + 1] - from;
    }
  });
  const load = time((i) => k.load(pixels, batches[i], 100));
  const rows = batches[0];
  k.load(pixels, rows, 100);
  const first = time(() => (k.forwardFirstLayer ?? k.forward)());
  const both = time(() => k.forward());
  const lossSum = time(() => net.lossSum(pixels, labels, rows, 100));
  const backward = time(() => k.backward(false));
  const update = time(() => k.update(-0));
  const step = time((i) => net.step(pixels, labels, batches[i], 100, 0.1));
  const phases: [string, number, number][] = [
    ['batch gathering: the lists of 100 random images (4 bytes per non-zero pixel) into the kernels', gather, 0],
    ['decode: each entry widened to (offset of its W1 row, pixel / 255)', load - gather, 0],
    ['first layer forward (sparse x·W1 + b1, ReLU)', first, 2 * nnz * H],
    ['second layer forward (z1·W2 + b2)', both - first, 2 * 100 * H * 10],
    ['softmax and loss (TypeScript, exp in float64)', lossSum - both, 0],
    ['backward (dW2, db2, da1 = dy·W2ᵀ masked, dW1 = xᵀ·da1 sparse, db1)', backward, 4 * 100 * H * 10 + 2 * nnz * H],
    ['update (W += −lr·dW, all 795H + 10 parameters)', update, 2 * (795 * H + 10)],
    ['the loss after the update (forward again, softmax)', lossSum, 2 * nnz * H + 2 * 100 * H * 10],
  ];
  const total = phases.reduce((s, p) => s + p[1], 0);
  const lines = [
    `| phase (hidden ${H}, batch 100, ${Math.round(nnz)} non-zero pixels) | µs | share of the step | MFLOP | GFLOP/s | share of one core's peak |`,
    '|---|---|---|---|---|---|',
    ...phases.map(([name, us, flop]) => {
      const g = flop / us / 1000;
      return `| ${name} | ${us.toFixed(1)} | ${((100 * us) / total).toFixed(0)}% | ${flop ? (flop / 1e6).toFixed(2) : '–'} | ${flop ? g.toFixed(1) : '–'} | ${flop ? `${((100 * g) / peak).toFixed(0)}%` : '–'} |`;
    }),
    `| sum of the phases / the step measured whole | ${total.toFixed(1)} / ${step.toFixed(1)} | | ${(phases.reduce((s, p) => s + p[2], 0) / 1e6).toFixed(2)} | ${(phases.reduce((s, p) => s + p[2], 0) / step / 1000).toFixed(1)} | ${((100 * phases.reduce((s, p) => s + p[2], 0)) / step / 1000 / peak).toFixed(0)}% |`,
  ];
  return lines;
}

/** The accuracy of all 70,000 images on one core, by phase, as the rows of a table. */
function evalProfile(peak: number): string[] {
  const H = 50;
  const k: NetKernels = kernels(H);
  const net = new FastNet(k, 0.01, mulberry32(1));
  const sets = [mnist.train, mnist.test].map((split) => {
    const lists = nonZeroListsOf(split.images.pixels)!;
    const chunks: Int32Array[] = [];
    for (let s = 0; s < split.labels.length; s += EVAL_CHUNK)
      chunks.push(Int32Array.from({ length: Math.min(EVAL_CHUNK, split.labels.length - s) }, (_, i) => s + i));
    return { split, chunks, nnz: lists.entries.length };
  });
  const nnz = sets.reduce((a, s) => a + s.nnz, 0);
  const t0 = performance.now();
  for (const split of [mnist.train, mnist.test]) listNonZero(split.images.pixels, true);
  const made = performance.now() - t0;
  const time = (f: () => void) => bestOf(5, f);
  const pack = time(() => k.packWeights());
  const load = time(() => {
    for (const { split, chunks } of sets) for (const c of chunks) k.load(split.images.pixels, c, c.length, 'panels');
  });
  const forward = time(() => {
    for (const { split, chunks } of sets)
      for (const c of chunks) {
        k.load(split.images.pixels, c, c.length, 'panels');
        k.evalForward();
        k.predict?.();
      }
  });
  const whole = time(() => {
    for (const { split } of sets) countRange(net, split.images.pixels, split.labels, 0, split.labels.length);
  });
  const phases: [string, number, number][] = [
    ['the weights into panels (once per evaluation)', pack, 0],
    ['the lists of every chunk of 1,000 images copied into the kernels, and decoded', load, 0],
    [
      'both layers (W1 in panels of 16 hidden units, blocks of 256 images; z1·W2 + b2) and the ranking',
      forward - load,
      2 * nnz * H + 2 * 70000 * H * 10,
    ],
    ['counting the right ones (TypeScript)', whole - forward - pack, 0],
  ];
  return [
    `| accuracy of all 70,000 images on one core, by phase (hidden ${H}, ${(nnz / 70000).toFixed(0)} non-zero pixels per image; the lists made once per data set: ${made.toFixed(0)} ms) | ms | share | MFLOP | GFLOP/s | share of one core's peak |`,
    '|---|---|---|---|---|---|',
    ...phases.map(([name, ms, flop]) => {
      const g = flop / ms / 1e6;
      return `| ${name} | ${ms.toFixed(1)} | ${((100 * ms) / whole).toFixed(0)}% | ${flop ? (flop / 1e6).toFixed(0) : '–'} | ${flop ? g.toFixed(1) : '–'} | ${flop ? `${((100 * g) / peak).toFixed(0)}%` : '–'} |`;
    }),
    `| the evaluation measured whole | ${whole.toFixed(1)} | | | | |`,
  ];
}

const result: Record<string, number | string> = { kernel };
if (has('--profile')) {
  const peak = peakGflops();
  console.log(`one core's 128-bit FMA peak, measured: ${peak.toFixed(1)} GFLOP/s`);
  for (const H of [50, 500]) console.log(profile(H, peak).join('\n'));
  console.log(evalProfile(peak).join('\n'));
  result.peakGflops = Number(peak.toFixed(1));
}
result.stepMs1 = Number(stepMs1().toFixed(3));
if (kernel !== 'ts') {
  const s = await stepMs2();
  result.stepMs = Number(s.ms.toFixed(3));
  result.stepTasksStolen = Number((s.stolen / (s.helped + s.stolen)).toFixed(3));
}
if (has('--compare') && kernel !== 'ts') {
  result.stepMsH200 = Number((await stepMs2(200)).ms.toFixed(3));
  result.stepMsH500 = Number((await stepMs2(500)).ms.toFixed(3));
  result.stepMs1H500 = Number(stepMs1(500).toFixed(3));
}
result.evalAllMs1 = Number(evalAllMs1().toFixed(1));
if (kernel !== 'ts') result.evalAllMs = Number((await evalAllMs2()).toFixed(1));
if (!has('--compare')) {
  result.stepMsF64 = Number(
    timeSteps(
      (() => {
        const tr = new Trainer({ ...BOOK_CONFIG, dtype: 'float64' }, mnist, kernels);
        return () => tr.step();
      })(),
      100,
    ).toFixed(3),
  );
  result.gradientBatch3Us = Number(gradientBatch3Us().toFixed(1));
  result.numericalGradientBatch3S = Number(numericalGradientBatch3S().toFixed(2));
}
console.log(
  `one step, batch 100: ${result.stepMs ?? '–'} ms on both cores, ${result.stepMs1} ms on one; accuracy on all 70,000: ${result.evalAllMs ?? '–'} ms on both cores, ${result.evalAllMs1} ms on one`,
);
if (has('--full')) {
  const b = await bookRun();
  result.bookRunS = Number(b.seconds.toFixed(2));
  result.bookRunFinalTest = Number(b.finalTest.toFixed(4));
  console.log(
    `the book's whole run: ${result.bookRunS} s on ${b.cores} core(s), final test accuracy ${result.bookRunFinalTest}`,
  );
}
console.log(JSON.stringify(result));
