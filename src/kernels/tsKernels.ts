import { paramCount, SCORE_STRIDE, type NetKernels } from './types';

const INV255 = 1 / 255;

/** Plain TypeScript kernels: the fallback where WebAssembly SIMD is missing. */
export function tsKernels(hidden: number, cap = 1000): NetKernels {
  const H = hidden;
  const S = SCORE_STRIDE;
  const params = new Float32Array(paramCount(H));
  const grad = new Float32Array(paramCount(H));
  const views = (a: Float32Array) => ({
    W1: a.subarray(0, 784 * H),
    b1: a.subarray(784 * H, 785 * H),
    W2: a.subarray(785 * H, 795 * H),
    b2: a.subarray(795 * H, 795 * H + 10),
  });
  const { W1, b1, W2, b2 } = views(params);
  const g = views(grad);
  const scores = new Float32Array(cap * S);
  const dy = new Float32Array(cap * S);
  const z1 = new Float32Array(cap * H);
  const da1 = new Float32Array(cap * H);
  const acc = new Float32Array(H);
  let pixels: Uint8Array = new Uint8Array(0);
  let rows: Int32Array = new Int32Array(0);
  let n = 0;
  function forward(): void {
    for (let r = 0; r < n; r++) {
      acc.set(b1);
      const src = rows[r] * 784;
      for (let p = 0; p < 784; p++) {
        const v = pixels[src + p];
        if (v === 0) continue;
        const x = v * INV255;
        const w = p * H;
        for (let j = 0; j < H; j++) acc[j] += x * W1[w + j];
      }
      const o = r * H;
      for (let j = 0; j < H; j++) z1[o + j] = acc[j] > 0 ? acc[j] : 0;
      for (let c = 0; c < 10; c++) {
        let s = b2[c];
        for (let j = 0; j < H; j++) s += z1[o + j] * W2[j * 10 + c];
        scores[r * S + c] = s;
      }
    }
  }

  return {
    name: 'ts',
    H,
    cap,
    params,
    W1,
    b1,
    W2,
    b2,
    grad,
    dW1: g.W1,
    db1: g.b1,
    dW2: g.W2,
    db2: g.b2,
    scores,
    dy,
    load(p, r, count) {
      if (count > cap) throw new Error(`kernels sized for ${cap} images, asked for ${count}`);
      pixels = p;
      rows = r;
      n = count;
    },
    forward,
    // The TypeScript kernels read W1 as it is: nothing to pack, and an evaluation is a forward.
    packWeights() {},
    evalForward: forward,
    backward(accumulate) {
      if (!accumulate) grad.fill(0);
      const { dW1, db1, dW2, db2 } = { dW1: g.W1, db1: g.b1, dW2: g.W2, db2: g.b2 };
      for (let r = 0; r < n; r++) {
        const d = r * S;
        const o = r * H;
        for (let c = 0; c < 10; c++) db2[c] += dy[d + c];
        for (let j = 0; j < H; j++) {
          const z = z1[o + j];
          let s = 0;
          for (let c = 0; c < 10; c++) {
            dW2[j * 10 + c] += z * dy[d + c];
            s += dy[d + c] * W2[j * 10 + c];
          }
          da1[o + j] = z > 0 ? s : 0; // ReLU backward: no gradient where it was off
        }
        for (let j = 0; j < H; j++) db1[j] += da1[o + j];
        const src = rows[r] * 784;
        for (let p = 0; p < 784; p++) {
          const v = pixels[src + p];
          if (v === 0) continue;
          const x = v * INV255;
          const w = p * H;
          for (let j = 0; j < H; j++) dW1[w + j] += x * da1[o + j];
        }
      }
    },
    update(alpha) {
      for (let i = 0; i < params.length; i++) params[i] += alpha * grad[i];
    },
    updateSum(other, from, to, alpha) {
      for (let i = from; i < to; i++) params[i] += alpha * (grad[i] + other[i]);
    },
  };
}
