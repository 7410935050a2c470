// One core's 128-bit multiply-add peak, measured: a WebAssembly loop of 12 independent f32x4
// multiply-add chains (fused where this engine runs relaxed SIMD, else a multiply and an add,
// which the CPU issues on separate pipes), 8 flops per chain and turn. Built here with wabt.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Wabt = {
  parseWat: (
    name: string,
    text: string,
    f: Record<string, boolean>,
  ) => {
    validate: (f: Record<string, boolean>) => void;
    toBinary: (o: object) => { buffer: Uint8Array };
  };
};
const wabt = (await (require('wabt') as () => Promise<Wabt>)()) as Wabt;

const CHAINS = 12;

function build(fused: boolean): WebAssembly.Module | null {
  const madd = (a: string) =>
    fused
      ? `(local.set ${a} (f32x4.relaxed_madd (local.get ${a}) (local.get $x) (local.get $y)))`
      : `(local.set ${a} (f32x4.add (f32x4.mul (local.get ${a}) (local.get $x)) (local.get $y)))`;
  const acc = Array.from({ length: CHAINS }, (_, i) => `$a${i}`);
  const text = `(module (func (export "run") (param $n i32) (result f32)
    ${acc.map((a) => `(local ${a} v128)`).join(' ')} (local $x v128) (local $y v128)
    (local.set $x (f32x4.splat (f32.const 0.999999)))
    (local.set $y (f32x4.splat (f32.const 0.000001)))
    (block $done (loop $loop
      (br_if $done (i32.eqz (local.get $n)))
      ${acc.map(madd).join('\n')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $loop)))
    (f32x4.extract_lane 0 ${acc.slice(1).reduce((s, a) => `(f32x4.add ${s} (local.get ${a}))`, '(local.get $a0)')})))`;
  const features = { simd: true, relaxed_simd: true };
  const mod = wabt.parseWat('peak.wat', text, features);
  mod.validate(features);
  const bytes = new Uint8Array(mod.toBinary({}).buffer);
  return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
}

/** GFLOP/s of one core at f32x4 multiply-add, the best of a dozen runs (the first may still be the baseline compiler's code). */
export function peakGflops(): number {
  const mod = build(true) ?? build(false)!;
  const run = new WebAssembly.Instance(mod).exports.run as (n: number) => number;
  const n = 2_000_000;
  run(n / 10);
  let best = 0;
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    run(n);
    const s = (performance.now() - t0) / 1000;
    best = Math.max(best, (n * CHAINS * 8) / s / 1e9);
  }
  return best;
}
