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
/** The book's δ inside the loss's log: here only where p is exactly 0. */
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
    const n = this.L.paramFloats;
    this.params = new Float32Array(buf, this.L.params, n);
    this.grads = [new Float32Array(buf, this.L.grads[0], n), new Float32Array(buf, this.L.grads[1], n)];
    this.state = [new Float32Array(buf, this.L.state[0], n), new Float32Array(buf, this.L.state[1], n)];
    for (const t of this.L.tensors) this.byName.set(t.name, t);
    // Each Affine's W and b by the book's number (index 0 unused): no name built per call.
    this.Ws = this.L.tensors.filter((t) => t.kind === 'W').map((t) => t);
    this.bs = this.L.tensors.filter((t) => t.kind === 'b').map((t) => t);
    this.Ws.unshift(this.Ws[0]);
    this.bs.unshift(this.bs[0]);
    this.scratches = [this.scratchAt(0), this.scratchAt(1), this.scratchAt(2)];
  }

  private readonly scratches: ReturnType<FastNet['scratchAt']>[];

  private scratch(side: Side) {
    return this.scratches[side];
  }

  /** Rows the buffers hold: the most images one pass takes. */
  get rows(): number {
    return this.L.rows;
  }

  private readonly byName = new Map<string, TensorAt>();
  private readonly Ws: TensorAt[];
  private readonly bs: TensorAt[];

  tensor(name: string): TensorAt {
    const t = this.byName.get(name);
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
    if (this.arch.batchNorm)
      this.L.running.forEach((r, k) => {
        const h = this.L.hidden[k].size;
        tensors[`running_mean${k + 1}`] = this.f32.slice(r.mean / 4, r.mean / 4 + h);
        tensors[`running_var${k + 1}`] = this.f32.slice(r.variance / 4, r.variance / 4 + h);
      });
    return { arch: structuredClone(this.arch), tensors };
  }

  /** Takes the weights (and running averages) of a snapshot of the same net. */
  load(s: ParamSnapshot): void {
    for (const [name, shape] of tensorShapes(this.arch)) {
      const a = s.tensors[name];
      if (!a) throw new Error(`missing ${name}`);
      if (a.length !== shape.reduce((x, y) => x * y, 1))
        throw new Error(`${name}: ${a.length} values for ${shape.join(' × ')}`);
    }
    for (const t of this.L.tensors) {
      const v = this.view(t);
      const src = s.tensors[t.name];
      for (let i = 0; i < t.rows; i++) for (let j = 0; j < t.cols; j++) v[i * t.stride + j] = src[i * t.cols + j];
    }
    if (this.arch.batchNorm)
      this.L.running.forEach((r, k) => {
        this.f32.set(s.tensors[`running_mean${k + 1}`], r.mean / 4);
        this.f32.set(s.tensors[`running_var${k + 1}`], r.variance / 4);
      });
  }

  private scratchAt(side: Side) {
    const base = this.L.scratch[side];
    const S = this.L.scratchLayout;
    return {
      pix: base + S.pix,
      nz: base + S.nz,
      starts: base + S.starts,
      cz: base + S.cz,
      src: base + S.src,
      preds: base + S.preds,
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
      for (let r = 0; r < m; r++)
        this.u8.set(pixels.subarray(rows[r] * PIXELS, rows[r] * PIXELS + PIXELS), s.pix + r * PIXELS);
      this.ex.scan(s.pix, m, rowBytes, s.nz, s.starts);
    }
    last.pixels = pixels;
    last.rows = rows;
    last.n = m;
    last.panels = panels;
  }

  private loadLists(
    s: ReturnType<FastNet['scratchAt']>,
    lists: NonZeroLists,
    rows: Int32Array,
    m: number,
    rowBytes: number,
  ) {
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
   * Forward segment s over rows [r0, r0 + m): s = 0 the first Affine (images rows[0..m) of
   * `pixels`); s ≥ 1 hidden layer s − 1's activation and dropout, then Affine s + 1 (into hidden
   * layer s, or the scores). Batch norm sits between segments (bnForward), since its
   * statistics need every row of the batch.
   */
  forwardSegment(
    s: number,
    side: Side,
    pixels: Uint8Array,
    rows: Int32Array,
    r0: number,
    m: number,
    mode: Mode,
    panels = false,
  ): void {
    const { ex, L } = this;
    const hs = L.hidden;
    if (s === 0) {
      const sc = this.scratch(side);
      this.loadImages(side, pixels, rows, m, panels);
      const h0 = hs[0];
      const W1 = L.params + this.tensor('W1').off;
      const into = this.row(this.fused ? h0.act : h0.aff, r0, h0.hp);
      const lo = this.fused ? 0 : NEG_INF;
      if (panels) ex.forwardPacked(W1, h0.size, m, sc.nz, sc.starts, into, sc.wp, lo);
      else ex.forward(W1, h0.size, m, sc.nz, sc.starts, into, lo);
      return;
    }
    const k = s - 1;
    const h = hs[k];
    if (!this.fused) this.activate(this.arch.batchNorm ? h.bn : h.aff, h.act, r0, m, h);
    if (this.arch.dropout > 0) this.dropoutForward(k, r0, m, mode);
    const W = this.Ws[s + 1];
    const b = this.bs[s + 1];
    const next = hs[s];
    const [to, hp] = next ? [this.fused ? next.act : next.aff, next.hp] : [L.scores, SCORE_STRIDE];
    ex.mm(
      this.row(h.out, r0, h.hp),
      h.hp * 4,
      4,
      L.params + W.off,
      W.stride * 4,
      this.row(to, r0, hp),
      hp * 4,
      m,
      h.size,
      hp,
      L.params + b.off,
      0,
    );
    if (next && this.fused) ex.relu(this.row(next.act, r0, hp), m * hp);
  }

  /** ReLU fused into the Affines: a ReLU net without batch norm. */
  private get fused(): boolean {
    return this.arch.activation === 'relu' && !this.arch.batchNorm;
  }

  /** Forward from the images through the last Affine (scores), for rows [r0, r0 + m); with batch norm in training, the whole batch. */
  forward(side: Side, pixels: Uint8Array, rows: Int32Array, r0: number, m: number, mode: Mode, panels = false): void {
    const hs = this.L.hidden;
    for (let s = 0; s <= hs.length; s++) {
      this.forwardSegment(s, side, pixels, rows, r0, m, mode, panels);
      if (this.arch.batchNorm && s < hs.length) this.bnForward(s, r0, m, 0, hs[s].hp, mode.train);
    }
  }

  /** ReLU or sigmoid from buffer `from` into `to` (real columns only: pads stay 0). */
  private activate(from: number, to: number, r0: number, m: number, h: { size: number; hp: number }): void {
    const f = this.f32;
    if (this.arch.activation === 'relu') {
      const a = this.row(from, r0, h.hp) / 4;
      f.copyWithin(this.row(to, r0, h.hp) / 4, a, a + m * h.hp);
      this.ex.relu(this.row(to, r0, h.hp), m * h.hp);
      return;
    }
    for (let r = r0; r < r0 + m; r++) {
      const a = this.row(from, r, h.hp) / 4;
      const z = this.row(to, r, h.hp) / 4;
      for (let j = 0; j < h.size; j++) f[z + j] = 1 / (1 + Math.exp(-f[a + j]));
    }
  }

  /** Batch norm of hidden layer k (index), columns [c0, c1) (multiples of 4) of rows [r0, r0 + m). */
  bnForward(k: number, r0: number, m: number, c0: number, c1: number, train: boolean): void {
    const h = this.L.hidden[k];
    const P = this.L.params;
    const run = this.L.running[k];
    const at = (buf: number) => this.row(buf, r0, h.hp);
    this.ex.bnForward(
      at(h.aff),
      at(h.xc),
      at(h.xn),
      at(h.bn),
      h.hp * 4,
      m,
      c0,
      c1,
      P + this.tensor(`gamma${k + 1}`).off,
      P + this.tensor(`beta${k + 1}`).off,
      h.std,
      run.mean,
      run.variance,
      train ? 1 : 0,
      BN_MOMENTUM,
      BN_EPS,
    );
  }

  /** Dropout for hidden layer k: a fresh mask in training (keep where hash > ratio), × (1 − ratio) in a test. */
  private dropoutForward(k: number, r0: number, m: number, mode: Mode): void {
    const h = this.L.hidden[k];
    const ratio = this.arch.dropout;
    if (!mode.train) {
      this.ex.scale(this.row(h.act, r0, h.hp), this.row(h.drop, r0, h.hp), m * h.hp, 1 - ratio);
      return;
    }
    const seed = this.dropoutSeed;
    const ab = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(mode.step + 0x7f4a7c15, 0xc2b2ae35);
    const threshold = Math.floor(ratio * 4294967296) | 0;
    this.ex.dropout(
      this.row(h.act, r0, h.hp),
      this.row(h.drop, r0, h.hp),
      this.row(h.mask, r0, h.hp),
      h.hp * 4,
      m,
      h.hp,
      ab,
      ((k << 20) + this.rowBase) | 0,
      threshold,
    );
  }

  /**
   * Softmax-with-Loss over rows [r0, r0 + m) whose labels are labels[rows[i]]: returns
   * Σ −log p[label]; with a divisor, also writes dy = (p − t) / divisor.
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
      // −log p, the log guarded only where p is exactly 0 (as ch. 5's fast path always did): a
      // blown-up net's loss then passes DIVERGENCE_LOSS, which the book's log(p + 1e-7), capped
      // at 16.1, would never reach. Elsewhere the two differ by less than 1e-7 / p.
      const y = p[label] / sum;
      loss -= Math.log(y > 0 ? y : LOG_EPS);
      if (divisor > 0) for (let c = 0; c < CLASSES; c++) f[d + c] = (p[c] / sum - (c === label ? 1 : 0)) / divisor;
    }
    return loss;
  }

  /**
   * Backward segment of Affine k (2 ≤ k ≤ L + 1, the book's numbering) over rows [r0, r0 + m):
   * dW_k = Xᵀ·dOut and db_k = Σ dOut into the side's gradient (added when `acc`), dX = dOut·W_kᵀ
   * into hidden layer k − 2's d, then back through its dropout and activation (not its batch
   * norm: bnBackward, a phase of its own).
   */
  backSegment(k: number, side: Side, r0: number, m: number, acc: 0 | 1): void {
    const { ex, L } = this;
    const sc = this.scratch(side);
    const G = L.grads[gradOf(side)];
    const h = L.hidden[k - 2];
    const above = L.hidden[k - 1];
    const [dOut, dHp] = above ? [above.d, above.hp] : [L.dy, SCORE_STRIDE];
    const W = this.Ws[k];
    const b = this.bs[k];
    ex.mm(
      this.row(h.out, r0, h.hp),
      4,
      h.hp * 4,
      this.row(dOut, r0, dHp),
      dHp * 4,
      G + W.off,
      W.stride * 4,
      h.size,
      m,
      W.stride,
      0,
      acc,
    );
    ex.colsum(this.row(dOut, r0, dHp), dHp * 4, m, W.stride, G + b.off, acc);
    ex.transpose(L.params + W.off, W.stride * 4, h.hp, W.stride, sc.wt, h.hp * 4);
    ex.mm(
      this.row(dOut, r0, dHp),
      dHp * 4,
      4,
      sc.wt,
      h.hp * 4,
      this.row(h.d, r0, h.hp),
      h.hp * 4,
      m,
      W.cols,
      h.hp,
      0,
      0,
    );
    const f = this.f32;
    const { hp, size } = h;
    if (this.arch.dropout > 0) ex.mulInto(this.row(h.d, r0, hp), this.row(h.mask, r0, hp), m * hp);
    if (this.arch.activation === 'relu') ex.reluBack(this.row(h.act, r0, hp), this.row(h.d, r0, hp), m * hp);
    else {
      const d = h.d / 4;
      const y = h.act / 4;
      for (let r = r0; r < r0 + m; r++)
        for (let j = 0; j < size; j++) {
          const i = r * hp + j;
          f[d + i] = f[d + i] * (1.0 - f[y + i]) * f[y + i];
        }
    }
  }

  /**
   * Batch norm's backward for hidden layer k (index), columns [c0, c1) of rows [r0, r0 + m), in
   * place in d; dγ and dβ of those columns into the side's gradient, the rest of its dγ and dβ
   * zeroed (the other side writes them into its own gradient).
   */
  bnBackward(k: number, side: Side, r0: number, m: number, c0: number, c1: number): void {
    const h = this.L.hidden[k];
    const G = this.L.grads[gradOf(side)];
    const gT = this.tensor(`gamma${k + 1}`);
    const bT = this.tensor(`beta${k + 1}`);
    const f = this.f32;
    for (const t of [gT, bT]) {
      const at = (G + t.off) / 4;
      f.fill(0, at, at + c0);
      f.fill(0, at + c1, at + h.hp);
    }
    const at = (buf: number) => this.row(buf, r0, h.hp);
    this.ex.bnBackward(
      at(h.d),
      at(h.xc),
      at(h.xn),
      h.hp * 4,
      m,
      c0,
      c1,
      this.L.params + gT.off,
      h.std,
      G + gT.off,
      G + bT.off,
    );
  }

  /**
   * The first Affine's backward (over the images' non-zero pixels) from hidden layer 0's d.
   * With the images, lists them first unless this side's forward just did.
   */
  sparseBackward(side: Side, r0: number, m: number, acc: 0 | 1, pixels?: Uint8Array, rows?: Int32Array): void {
    if (pixels && rows) this.loadImages(side, pixels, rows, m, false);
    const sc = this.scratch(side);
    const h0 = this.L.hidden[0];
    this.ex.sparseBackward(
      this.L.grads[gradOf(side)] + this.tensor('W1').off,
      h0.size,
      m,
      sc.nz,
      sc.starts,
      this.row(h0.d, r0, h0.hp),
      acc,
    );
  }

  /** Backward from dy (rows [r0, r0 + m)) into the side's gradient, overwritten or added to. */
  backward(side: Side, r0: number, m: number, accumulate: boolean): void {
    const acc = accumulate ? 1 : 0;
    const hs = this.L.hidden;
    for (let k = hs.length + 1; k >= 2; k--) {
      this.backSegment(k, side, r0, m, acc);
      if (this.arch.batchNorm) this.bnBackward(k - 2, side, r0, m, 0, hs[k - 2].hp);
    }
    this.sparseBackward(side, r0, m, acc);
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
      if (n > this.L.rows || this.split)
        throw new Error(`batch norm takes a whole batch of at most ${this.L.rows} rows`);
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
  rowBase = 0;

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
