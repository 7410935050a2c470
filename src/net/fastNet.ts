import { CLASSES, PIXELS } from '../constants';
import { nonZeroListsOf, type NonZeroLists } from '../kernels/sparse';
import { instantiate, type DenseExports, type WasmKind } from '../kernels/wasmKernels';
import { normalSampler, type Rng } from '../tensor/random';
import { tensorShapes, type NetArch } from './arch';
import { initScale, type TrainConfig } from './config';
import { netLayout, pagesFor, SCORE_STRIDE, type NetLayout, type TensorAt } from './netLayout';
import type { ParamSnapshot } from './params';

export { SCORE_STRIDE } from './netLayout';

/** The book's ε inside batch norm's square root (10e-7). */
const BN_EPS = 10e-7;
const BN_MOMENTUM = 0.9;
/** The book's δ inside the loss's log. */
const LOG_EPS = 1e-7;
const NEG_INF = -Infinity;

/** Which worker's buffers: 0 the trainer's, 1 the helper's, 2 the trainer's doing the helper's half. */
export type Side = 0 | 1 | 2;
const gradOf = (side: Side): 0 | 1 => (side === 0 ? 0 : 1);

/**
 * A 32-bit hash of four numbers (murmur3's finaliser over a mix): a dropout mask that depends on
 * (seed, step, layer, row, column) only, so that one core and two cores drop the same units.
 */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b) ^ d;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Where a memory that several workers share puts the net (its layout and memory). */
export interface NetPlacement {
  memory: WebAssembly.Memory;
  layout: NetLayout;
}

export function netMemory(layout: NetLayout, shared: boolean): WebAssembly.Memory {
  const pages = pagesFor(layout.bytes);
  return new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
}

/** What a forward pass runs for: training (batch statistics, fresh dropout masks) or a test. */
type Mode = { train: true; step: number } | { train: false };

/**
 * The book's MultiLayerNetExtend in Float32, fast: per hidden layer Affine → BatchNorm →
 * ReLU/Sigmoid → Dropout, then Affine → Softmax-with-Loss, composed from WebAssembly SIMD
 * kernels (the first Affine over each image's non-zero pixels, dense Affines in 4 × 8 register
 * blocks) and short TypeScript loops (batch norm, sigmoid, dropout, softmax, the optimizers).
 * The layered Float64 classes (multiLayerNet.ts) stay the reference; tests hold the two together.
 *
 * Every pass works on rows [r0, r0 + m) of the activation buffers, so two workers can each take
 * half of a batch (net/splitStep.ts). Batch norm's statistics need all rows of the batch at
 * once: `gradient` with batch norm takes the whole batch.
 */
export class FastNet {
  readonly L: NetLayout;
  readonly memory: WebAssembly.Memory;
  readonly ex: DenseExports;
  readonly kind: WasmKind;
  /** The params as one array (pads included) and each tensor's live view. */
  readonly params: Float32Array;
  readonly grads: [Float32Array, Float32Array];
  readonly state: [Float32Array, Float32Array];
  private readonly f32: Float32Array;
  private readonly u8: Uint8Array;
  private readonly i32: Int32Array;
  private readonly p = new Float64Array(CLASSES);
  /** What each side last loaded into its scratch, to skip loading it again. */
  private readonly loaded: { pixels: Uint8Array | null; rows: Int32Array | null; n: number; panels: boolean }[] = [
    { pixels: null, rows: null, n: 0, panels: false },
    { pixels: null, rows: null, n: 0, panels: false },
    { pixels: null, rows: null, n: 0, panels: false },
  ];
  /** Seed of the dropout masks. */
  dropoutSeed = 1;

  constructor(
    readonly arch: NetArch,
    kind: WasmKind,
    rows: number,
    place?: NetPlacement,
  ) {
    this.kind = kind;
    this.L = place?.layout ?? netLayout(arch, rows);
    this.memory = place?.memory ?? netMemory(this.L, false);
    this.ex = instantiate(kind, this.memory);
    const buf = this.memory.buffer;
    this.f32 = new Float32Array(buf);
    this.u8 = new Uint8Array(buf);
    this.i32 = new Int32Array(buf);
    const n = this.L.paramFloats;
    this.params = new Float32Array(buf, this.L.params, n);
    this.grads = [new Float32Array(buf, this.L.grads[0], n), new Float32Array(buf, this.L.grads[1], n)];
    this.state = [new Float32Array(buf, this.L.state[0], n), new Float32Array(buf, this.L.state[1], n)];
  }

  /** Rows the buffers hold: the most images one pass takes. */
  get rows(): number {
    return this.L.rows;
  }

  tensor(name: string): TensorAt {
    const t = this.L.tensors.find((x) => x.name === name);
    if (!t) throw new Error(`no tensor ${name}`);
    return t;
  }

  /** The live view of a tensor in params (or a gradient), pads included. */
  view(t: TensorAt, base = this.L.params): Float32Array {
    return new Float32Array(this.memory.buffer, base + t.off, t.floats);
  }

  /**
   * The book's initial weights: Wk drawn in order W1, W2, … (row by row, as NumPy's randn fills
   * its shape) times the scale of weight_init_std; biases 0; γ 1, β 0; running averages 0.
   */
  init(cfg: Pick<TrainConfig, 'weightInit' | 'weightInitStd'>, rng: Rng): void {
    this.params.fill(0);
    for (const s of this.state) s.fill(0);
    this.clearRunning();
    const normal = normalSampler(rng);
    for (const t of this.L.tensors) {
      if (t.kind !== 'W') continue;
      const scale = initScale(cfg, t.rows);
      const w = this.view(t);
      for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.cols; j++) w[i * t.stride + j] = scale * normal();
    }
    for (const t of this.L.tensors) if (t.kind === 'gamma') this.view(t).fill(1, 0, t.cols);
  }

  private clearRunning(): void {
    this.L.running.forEach((r, k) => {
      const hp = this.L.hidden[k].hp;
      this.f32.fill(0, r.mean / 4, r.mean / 4 + hp);
      this.f32.fill(0, r.variance / 4, r.variance / 4 + hp);
    });
  }

  /** A copy of every array by its book name, without pads. */
  snapshot(): ParamSnapshot {
    const tensors: Record<string, Float32Array> = {};
    for (const t of this.L.tensors) {
      const v = this.view(t);
      const out = new Float32Array(t.rows * t.cols);
      for (let i = 0; i < t.rows; i++) out.set(v.subarray(i * t.stride, i * t.stride + t.cols), i * t.cols);
      tensors[t.name] = out;
    }
    this.L.running.forEach((r, k) => {
      const h = this.L.hidden[k].size;
      tensors[`running_mean${k + 1}`] = this.f32.slice(r.mean / 4, r.mean / 4 + h);
      tensors[`running_var${k + 1}`] = this.f32.slice(r.variance / 4, r.variance / 4 + h);
    });
    return { arch: structuredClone(this.arch), tensors };
  }

  /** Takes the weights (and running averages) of a snapshot of the same net. */
  load(s: ParamSnapshot): void {
    for (const [name] of tensorShapes(this.arch)) if (!s.tensors[name]) throw new Error(`missing ${name}`);
    for (const t of this.L.tensors) {
      const v = this.view(t);
      const src = s.tensors[t.name];
      for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.cols; j++) v[i * t.stride + j] = src[i * t.cols + j];
    }
    this.L.running.forEach((r, k) => {
      this.f32.set(s.tensors[`running_mean${k + 1}`], r.mean / 4);
      this.f32.set(s.tensors[`running_var${k + 1}`], r.variance / 4);
    });
  }

  private scratch(side: Side) {
    const base = this.L.scratch[side];
    const S = this.L.scratchLayout;
    return {
      pix: base + S.pix,
      nz: base + S.nz,
      starts: base + S.starts,
      cz: base + S.cz,
      src: base + S.src,
      preds: base + S.preds,
      xt: base + S.xt,
      wt: base + S.wt,
      wp: base + S.wp,
    };
  }

  /**
   * Lists the non-zero pixels of images rows[0..m) into this side's scratch, for the first
   * Affine as W1 is (`panels` false) or for W1 in panels (an evaluation).
   */
  private loadImages(side: Side, pixels: Uint8Array, rows: Int32Array, m: number, panels: boolean): void {
    const last = this.loaded[side];
    if (last.pixels === pixels && last.rows === rows && last.n === m && last.panels === panels) return;
    const s = this.scratch(side);
    const h1 = this.arch.hidden[0];
    const rowBytes = panels ? 64 : h1 * 4;
    const lists = nonZeroListsOf(pixels);
    if (lists) this.loadLists(s, lists, rows, m, rowBytes);
    else {
      for (let r = 0; r < m; r++) this.u8.set(pixels.subarray(rows[r] * PIXELS, rows[r] * PIXELS + PIXELS), s.pix + r * PIXELS);
      this.ex.scan(s.pix, m, rowBytes, s.nz, s.starts);
    }
    last.pixels = pixels;
    last.rows = rows;
    last.n = m;
    last.panels = panels;
  }

  private loadLists(s: ReturnType<FastNet['scratch']>, lists: NonZeroLists, rows: Int32Array, m: number, rowBytes: number) {
    const starts = new Int32Array(this.memory.buffer, s.starts, m + 1);
    const compact = new Uint32Array(this.memory.buffer, s.cz, this.L.rows * (PIXELS + 3));
    const srcAt = new Int32Array(this.memory.buffer, s.src, m);
    let contiguous = true;
    for (let i = 1; i < m && contiguous; i++) contiguous = rows[i] === rows[i - 1] + 1;
    if (contiguous) {
      const from = lists.starts[rows[0]];
      const to = lists.starts[rows[m - 1] + 1];
      const skew = from & 3;
      compact.set(lists.entries.subarray(from, to), skew);
      for (let i = 0; i < m; i++) starts[i] = lists.starts[rows[i]] - from;
      starts[m] = to - from;
      this.ex.decode(s.cz + skew * 4, to - from, rowBytes, s.nz);
      return;
    }
    let at = 0;
    let put = 0;
    for (let i = 0; i < m; i++) {
      const from = lists.starts[rows[i]];
      const to = lists.starts[rows[i] + 1];
      put += (from - put) & 3;
      compact.set(lists.entries.subarray(from, to), put);
      srcAt[i] = put;
      starts[i] = at;
      put += to - from;
      at += to - from;
    }
    starts[m] = at;
    this.ex.decodeRuns(s.cz, s.src, s.starts, m, rowBytes, s.nz);
  }

  /** Byte offset of row r of an activation buffer of `hp` floats per row. */
  private row(buf: number, r: number, hp: number): number {
    return buf + r * hp * 4;
  }

  /**
   * Forward from the images through the last Affine, for rows [r0, r0 + m) (the images
   * rows[0..m) of `pixels`): scores into the scores buffer. With batch norm in training the
   * whole batch must be these rows (r0 = 0).
   */
  forward(side: Side, pixels: Uint8Array, rows: Int32Array, r0: number, m: number, mode: Mode, panels = false): void {
    const { ex, L } = this;
    const s = this.scratch(side);
    this.loadImages(side, pixels, rows, m, panels);
    const hs = L.hidden;
    const relu = this.arch.activation === 'relu';
    // Fuse ReLU into the first Affine when nothing stands between them.
    const fuse = relu && !this.arch.batchNorm;
    const h0 = hs[0];
    const W1 = L.params + this.tensor('W1').off;
    const first = fuse ? h0.act : h0.aff;
    if (panels) {
      ex.forwardPacked(W1, h0.size, m, s.nz, s.starts, this.row(first, r0, h0.hp), 0, s.wp, 0, fuse ? 0 : NEG_INF);
    } else {
      ex.forward(W1, h0.size, m, s.nz, s.starts, this.row(first, r0, h0.hp), 0, 0, fuse ? 0 : NEG_INF);
    }
    for (let k = 0; k < hs.length; k++) {
      const h = hs[k];
      if (k > 0) {
        const prev = hs[k - 1];
        const W = this.tensor(`W${k + 1}`);
        const b = this.tensor(`b${k + 1}`);
        ex.mm(
          this.row(prev.out, r0, prev.hp),
          prev.hp * 4,
          L.params + W.off,
          W.stride * 4,
          this.row(fuse ? h.act : h.aff, r0, h.hp),
          h.hp * 4,
          m,
          prev.size,
          h.hp,
          L.params + b.off,
          0,
        );
        if (fuse) ex.relu(this.row(h.act, r0, h.hp), m * h.hp);
      }
      let cur = h.aff;
      if (this.arch.batchNorm) {
        this.bnForward(k, r0, m, mode.train);
        cur = h.bn;
      }
      if (!fuse) this.activate(cur, h.act, r0, m, h);
      if (this.arch.dropout > 0) this.dropoutForward(k, r0, m, mode);
    }
    const last = hs[hs.length - 1];
    const W = this.tensor(`W${hs.length + 1}`);
    const b = this.tensor(`b${hs.length + 1}`);
    ex.mm(
      this.row(last.out, r0, last.hp),
      last.hp * 4,
      L.params + W.off,
      W.stride * 4,
      this.row(L.scores, r0, SCORE_STRIDE),
      SCORE_STRIDE * 4,
      m,
      last.size,
      SCORE_STRIDE,
      L.params + b.off,
      0,
    );
  }

  /** ReLU or sigmoid from buffer `from` into `to` (real columns only: pads stay 0). */
  private activate(from: number, to: number, r0: number, m: number, h: { size: number; hp: number }): void {
    const f = this.f32;
    if (this.arch.activation === 'relu') {
      const a = this.row(from, r0, h.hp) / 4;
      const z = this.row(to, r0, h.hp) / 4;
      f.copyWithin(z, a, a + m * h.hp);
      this.ex.relu(this.row(to, r0, h.hp), m * h.hp);
      return;
    }
    for (let r = r0; r < r0 + m; r++) {
      const a = this.row(from, r, h.hp) / 4;
      const z = this.row(to, r, h.hp) / 4;
      for (let j = 0; j < h.size; j++) f[z + j] = 1 / (1 + Math.exp(-f[a + j]));
    }
  }

  /** The book's BatchNormalization forward for hidden layer k over rows [r0, r0 + m). */
  private bnForward(k: number, r0: number, m: number, train: boolean): void {
    const f = this.f32;
    const h = this.L.hidden[k];
    const { hp, size } = h;
    const g = this.view(this.tensor(`gamma${k + 1}`));
    const be = this.view(this.tensor(`beta${k + 1}`));
    const run = this.L.running[k];
    const rm = run.mean / 4;
    const rv = run.variance / 4;
    const std = h.std / 4;
    const x = h.aff / 4;
    const xc = h.xc / 4;
    const xn = h.xn / 4;
    const out = h.bn / 4;
    for (let j = 0; j < size; j++) {
      let mu: number;
      let sd: number;
      if (train) {
        let s = 0;
        for (let r = r0; r < r0 + m; r++) s += f[x + r * hp + j];
        mu = s / m;
        let v = 0;
        for (let r = r0; r < r0 + m; r++) {
          const c = Math.fround(f[x + r * hp + j] - mu);
          v += c * c;
        }
        const variance = v / m;
        sd = Math.sqrt(variance + BN_EPS);
        f[std + j] = sd;
        f[rm + j] = BN_MOMENTUM * f[rm + j] + (1 - BN_MOMENTUM) * mu;
        f[rv + j] = BN_MOMENTUM * f[rv + j] + (1 - BN_MOMENTUM) * variance;
        mu = Math.fround(mu);
      } else {
        mu = f[rm + j];
        sd = Math.sqrt(f[rv + j] + BN_EPS);
      }
      for (let r = r0; r < r0 + m; r++) {
        const i = r * hp + j;
        f[xc + i] = f[x + i] - mu;
        f[xn + i] = f[xc + i] / sd;
        f[out + i] = g[j] * f[xn + i] + be[j];
      }
    }
  }

  /** Dropout for hidden layer k: a fresh mask in training (keep where hash > ratio), × (1 − ratio) in a test. */
  private dropoutForward(k: number, r0: number, m: number, mode: Mode): void {
    const f = this.f32;
    const h = this.L.hidden[k];
    const ratio = this.arch.dropout;
    const threshold = ratio * 4294967296;
    for (let r = r0; r < r0 + m; r++) {
      const a = this.row(h.act, r, h.hp) / 4;
      const o = this.row(h.drop, r, h.hp) / 4;
      const mk = this.row(h.mask, r, h.hp) / 4;
      for (let j = 0; j < h.size; j++) {
        if (mode.train) {
          const keep = hash4(this.dropoutSeed, mode.step, (k << 20) | (this.rowBase + r - r0), j) > threshold ? 1 : 0;
          f[mk + j] = keep;
          f[o + j] = f[a + j] * keep;
        } else f[o + j] = f[a + j] * (1 - ratio);
      }
    }
  }

  /**
   * Softmax-with-Loss over rows [r0, r0 + m) whose labels are labels[rows[i]]: returns
   * Σ −log(p[label] + 1e-7); with a divisor, also writes dy = (p − t) / divisor.
   */
  head(labels: Uint8Array, rows: Int32Array, r0: number, m: number, divisor: number): number {
    const f = this.f32;
    const { p } = this;
    let loss = 0;
    for (let i = 0; i < m; i++) {
      const o = (this.L.scores >> 2) + (r0 + i) * SCORE_STRIDE;
      const d = (this.L.dy >> 2) + (r0 + i) * SCORE_STRIDE;
      const label = labels[rows[i]];
      let max = -Infinity;
      for (let c = 0; c < CLASSES; c++) max = Math.max(max, f[o + c]);
      let sum = 0;
      for (let c = 0; c < CLASSES; c++) {
        p[c] = Math.exp(f[o + c] - max);
        sum += p[c];
      }
      loss -= Math.log(p[label] / sum + LOG_EPS);
      if (divisor > 0) for (let c = 0; c < CLASSES; c++) f[d + c] = (p[c] / sum - (c === label ? 1 : 0)) / divisor;
    }
    return loss;
  }

  /**
   * Backward from dy (rows [r0, r0 + m)) into gradient `gradOf(side)`: overwritten, or added
   * to when `accumulate`. Batch norm's γ and β gradients need every row of the batch.
   */
  backward(side: Side, r0: number, m: number, accumulate: boolean): void {
    const { ex, L } = this;
    const s = this.scratch(side);
    const G = L.grads[gradOf(side)];
    const hs = L.hidden;
    const acc = accumulate ? 1 : 0;
    let dOut = L.dy;
    let dHp = SCORE_STRIDE;
    for (let k = hs.length; k >= 1; k--) {
      // Affine k + 1 (the book's Affine{k+1}): input hidden layer k (index k - 1).
      const h = hs[k - 1];
      const W = this.tensor(`W${k + 1}`);
      const b = this.tensor(`b${k + 1}`);
      const M = W.cols;
      // dW = Xᵀ·dOut, db = Σ dOut, dX = dOut·Wᵀ
      ex.transpose(this.row(h.out, r0, h.hp), h.hp * 4, m, h.hp, s.xt, this.L.rows * 4);
      ex.mm(s.xt, this.L.rows * 4, this.row(dOut, r0, dHp), dHp * 4, G + W.off, W.stride * 4, h.size, m, W.stride, 0, acc);
      ex.colsum(this.row(dOut, r0, dHp), dHp * 4, m, W.stride, G + b.off, acc);
      ex.transpose(L.params + W.off, W.stride * 4, h.hp, W.stride, s.wt, h.hp * 4);
      ex.mm(this.row(dOut, r0, dHp), dHp * 4, s.wt, h.hp * 4, this.row(h.d, r0, h.hp), h.hp * 4, m, M, h.hp, 0, 0);
      this.hiddenBackward(k - 1, r0, m, side, acc);
      dOut = h.d;
      dHp = h.hp;
    }
    const h0 = hs[0];
    ex.sparseBackward(L.grads[gradOf(side)] + this.tensor('W1').off, h0.size, m, s.nz, s.starts, this.row(h0.d, r0, h0.hp), acc);
  }

  /** From the gradient at hidden layer k's output back to its Affine's output, in place in `d`. */
  private hiddenBackward(k: number, r0: number, m: number, side: Side, acc: 0 | 1): void {
    const f = this.f32;
    const h = this.L.hidden[k];
    const { hp, size } = h;
    const d = h.d / 4;
    if (this.arch.dropout > 0) {
      const mk = h.mask / 4;
      for (let r = r0; r < r0 + m; r++) for (let j = 0; j < size; j++) f[d + r * hp + j] *= f[mk + r * hp + j];
    }
    if (this.arch.activation === 'relu') this.ex.reluBack(this.row(h.act, r0, hp), this.row(h.d, r0, hp), m * hp);
    else {
      const y = h.act / 4;
      for (let r = r0; r < r0 + m; r++)
        for (let j = 0; j < size; j++) {
          const i = r * hp + j;
          f[d + i] = f[d + i] * (1.0 - f[y + i]) * f[y + i];
        }
    }
    if (this.arch.batchNorm) this.bnBackward(k, r0, m, side, acc);
  }

  /** The book's BatchNormalization backward, step by step, in place in `d`; dγ and dβ into the side's gradient. */
  private bnBackward(k: number, r0: number, m: number, side: Side, acc: 0 | 1): void {
    const f = this.f32;
    const h = this.L.hidden[k];
    const { hp, size } = h;
    const G = this.L.grads[gradOf(side)];
    const gamma = this.view(this.tensor(`gamma${k + 1}`));
    const dgamma = this.view(this.tensor(`gamma${k + 1}`), G);
    const dbeta = this.view(this.tensor(`beta${k + 1}`), G);
    const d = h.d / 4;
    const xc = h.xc / 4;
    const xn = h.xn / 4;
    const std = h.std / 4;
    for (let j = 0; j < size; j++) {
      let sb = 0;
      let sg = 0;
      let sdstd = 0;
      const sd = f[std + j];
      for (let r = r0; r < r0 + m; r++) {
        const i = r * hp + j;
        sb += f[d + i];
        sg += f[xn + i] * f[d + i];
        sdstd += Math.fround(gamma[j] * f[d + i]) * f[xc + i];
      }
      dbeta[j] = acc ? dbeta[j] + sb : sb;
      dgamma[j] = acc ? dgamma[j] + sg : sg;
      const dstd = -sdstd / (sd * sd);
      const dvar = (0.5 * dstd) / sd;
      let dmu = 0;
      for (let r = r0; r < r0 + m; r++) {
        const i = r * hp + j;
        const dxc = Math.fround(gamma[j] * f[d + i]) / sd + (2.0 / m) * f[xc + i] * dvar;
        f[d + i] = dxc;
        dmu += Math.fround(dxc);
      }
      for (let r = r0; r < r0 + m; r++) f[d + r * hp + j] -= dmu / m;
    }
  }

  /**
   * The gradient of the training-mode loss over images rows[0..n) (rows [r0, r0 + n) of the
   * buffers), divided by `divisor`, into the side's gradient; returns the summed loss (without
   * weight decay). `step` seeds this step's dropout masks; `batchOffset` is where rows[0] stands
   * in the whole batch (a helper's half starts past the trainer's).
   */
  gradient(
    side: Side,
    pixels: Uint8Array,
    labels: Uint8Array,
    rows: Int32Array,
    n: number,
    divisor: number,
    step: number,
    batchOffset = 0,
  ): number {
    if (this.arch.batchNorm) {
      // Batch statistics: the whole batch in one pass (the trainer keeps batches within the rows).
      if (n > this.L.rows || this.split) throw new Error(`batch norm takes a whole batch of at most ${this.L.rows} rows`);
      this.forward(side, pixels, rows, 0, n, { train: true, step });
      const loss = this.head(labels, rows, 0, n, divisor);
      this.backward(side, 0, n, false);
      return loss;
    }
    let loss = 0;
    const cap = this.pieceRows();
    const r0 = this.firstRow(side);
    for (let off = 0; off < n; off += cap) {
      const m = Math.min(cap, n - off);
      const part = n <= cap ? rows : rows.subarray(off, off + m);
      // Masks by the image's place in the whole batch, so that any split draws the same ones.
      this.rowBase = batchOffset + off;
      this.forward(side, pixels, part, r0, m, { train: true, step });
      loss += this.head(labels, part, r0, m, divisor);
      this.backward(side, r0, m, off > 0);
    }
    this.rowBase = 0;
    return loss;
  }

  /** Where the rows being trained start in the whole batch (for the dropout masks). */
  private rowBase = 0;

  /** Σ −log(p + 1e-7) over images rows[0..n) in test mode (running averages, dropout scaled). */
  lossSum(side: Side, pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number): number {
    let loss = 0;
    const cap = this.pieceRows();
    const r0 = this.firstRow(side);
    for (let off = 0; off < n; off += cap) {
      const m = Math.min(cap, n - off);
      const part = n <= cap ? rows : rows.subarray(off, off + m);
      this.forward(side, pixels, part, r0, m, { train: false });
      loss += this.head(labels, part, r0, m, 0);
    }
    return loss;
  }

  /** ½λ·Σ‖W‖² over every W (the weight decay the book's loss adds). */
  weightDecayLoss(lambda: number): number {
    if (lambda === 0) return 0;
    let s = 0;
    for (const t of this.L.tensors) {
      if (t.kind !== 'W') continue;
      const w = this.view(t);
      let sum = 0;
      for (let i = 0; i < w.length; i++) sum += w[i] * w[i];
      s += 0.5 * lambda * sum;
    }
    return s;
  }

  /**
   * Set while two workers share the buffers (the split step): each then keeps to its half of
   * the rows, the trainer [0, rows/2), the helper [rows/2, rows).
   */
  split = false;

  /** The most rows a side takes in one pass: all of them on one core, half with two. */
  pieceRows(): number {
    return this.split ? this.L.rows >> 1 : this.L.rows;
  }

  /** The first row of a side's half (the helper's half starts in the middle). */
  firstRow(side: Side): number {
    return side === 1 ? this.L.rows >> 1 : 0;
  }

  /** Copies W1 into panels for `count` (evaluations): after any update, before counting. */
  packWeights(side: Side): void {
    this.ex.pack(this.L.params + this.tensor('W1').off, this.arch.hidden[0], this.scratch(side).wp);
  }

  /**
   * Correct predictions among images [start, start + n) in test mode; the first `preds.length`
   * predictions go to `preds`. `packed`: packWeights(side) was called since the last update.
   * Rows r0.. of the buffers (a side's own half when two workers evaluate at once).
   */
  countCorrect(
    side: Side,
    pixels: Uint8Array,
    labels: Uint8Array,
    start: number,
    n: number,
    preds?: Uint8Array,
    packed = false,
  ): number {
    if (!packed) this.packWeights(side);
    const cap = this.pieceRows();
    const r0 = this.firstRow(side);
    const s = this.scratch(side);
    const predictions = new Uint8Array(this.memory.buffer, s.preds, cap);
    let correct = 0;
    for (let off = 0; off < n; off += cap) {
      const m = Math.min(cap, n - off);
      const rows = new Int32Array(m);
      for (let i = 0; i < m; i++) rows[i] = start + off + i;
      this.forward(side, pixels, rows, r0, m, { train: false }, true);
      this.ex.argmaxRows(this.row(this.L.scores, r0, SCORE_STRIDE), m, s.preds);
      for (let i = 0; i < m; i++) {
        const best = predictions[i];
        if (best === labels[start + off + i]) correct++;
        if (preds && off + i < preds.length) preds[off + i] = best;
      }
    }
    return correct;
  }

  /** Correct predictions over images [from, to), packing W1 once. */
  countRange(side: Side, pixels: Uint8Array, labels: Uint8Array, from: number, to: number): number {
    if (to <= from) return 0;
    this.packWeights(side);
    return this.countCorrect(side, pixels, labels, from, to - from, undefined, true);
  }
}
