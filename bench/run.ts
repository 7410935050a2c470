/**
 * npm run bench [-- --full] [-- --ts]: the trainer's speed in Node on real MNIST, printed as
 * one JSON object on the last line. --full also runs the book's whole training (10,000
 * iterations, 17 evaluations plus the final one) and adds bookRunS; --ts runs the plain
 * TypeScript kernels instead of WebAssembly SIMD, for comparison.
 */
import { rangeOf, batchOf } from '../src/data/mnist';
import { gradientCheck } from '../src/net/gradcheck';
import { BOOK_CONFIG, EVAL_CHUNK, Trainer } from '../src/net/trainer';
import { TwoLayerNet } from '../src/net/twoLayerNet';
import { kernelFactory, wasmSupport, type KernelName } from '../src/kernels';
import { mulberry32 } from '../src/tensor/random';
import type { DType } from '../src/tensor/matrix';
import { realMnist } from '../src/testing/realMnist';

const full = process.argv.includes('--full');
const kernel: KernelName = process.argv.includes('--ts') ? 'ts' : (wasmSupport() ?? 'ts');
const kernels = kernelFactory(EVAL_CHUNK, kernel);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mnist = realMnist();

function stepMs(dtype: DType, steps = 300): number {
  const tr = new Trainer({ ...BOOK_CONFIG, dtype }, mnist, kernels);
  for (let i = 0; i < 30; i++) tr.step(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    tr.step();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function evalAllMs(): number {
  const model = new Trainer(BOOK_CONFIG, mnist, kernels).model;
  const run = () => {
    let correct = 0;
    for (const split of [mnist.train, mnist.test]) {
      for (let s = 0; s < split.labels.length; s += EVAL_CHUNK)
        correct += model.countCorrect(split, s, Math.min(EVAL_CHUNK, split.labels.length - s));
    }
    return correct;
  };
  run();
  const t0 = performance.now();
  run();
  return performance.now() - t0;
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

function bookRunS(): { seconds: number; finalTest: number } {
  const tr = new Trainer(BOOK_CONFIG, mnist, kernels);
  let finalTest = 0;
  const t0 = performance.now();
  tr.work(
    () => false,
    (e) => {
      if (e.type === 'eval') finalTest = e.row.test;
    },
  );
  return { seconds: (performance.now() - t0) / 1000, finalTest };
}

const result: Record<string, number | string> = {
  kernel,
  stepMs: Number(stepMs('float32').toFixed(3)),
  stepMsF64: Number(stepMs('float64').toFixed(3)),
  gradientBatch3Us: Number(gradientBatch3Us().toFixed(1)),
  numericalGradientBatch3S: Number(numericalGradientBatch3S().toFixed(2)),
  evalAllMs: Number(evalAllMs().toFixed(0)),
};
console.log(`one SGD step, batch 100, float32: ${result.stepMs} ms; float64: ${result.stepMsF64} ms`);
console.log(
  `backprop gradient on 3 images: ${result.gradientBatch3Us} µs; numerical: ${result.numericalGradientBatch3S} s`,
);
console.log(`accuracy over all 70,000 images: ${result.evalAllMs} ms`);
if (full) {
  const b = bookRunS();
  result.bookRunS = Number(b.seconds.toFixed(1));
  result.bookRunFinalTest = Number(b.finalTest.toFixed(4));
  console.log(`the book's whole run: ${result.bookRunS} s, final test accuracy ${result.bookRunFinalTest}`);
}
console.log(JSON.stringify(result));
