import { PIXELS } from '../constants';
import { layerSizes, type NetArch } from './arch';

/**
 * Where a net's numbers live in one WebAssembly memory (byte offsets), so that the kernels can
 * run every layer and two workers can share the weights, the gradients and the batch's
 * activations (net/splitStep.ts).
 *
 *   control words | params | gradient 0 | gradient 1 | optimizer state ×2 | running averages
 *   | activations and their gradients, `rows` rows per layer | scratch of each side
 *
 * Rows of activations are `Hp` = the layer's size rounded up to 4 floats, pads zero. W1 is
 * 784 × H1 as the book has it (the sparse kernels read its rows as they are) with b1 right
 * after it; a later Wk is Kp × Mp (both sizes rounded up to 4, pads zero), so that the dense
 * kernels run on whole vectors. Pads of every gradient are zero, so every optimizer leaves the
 * pads of the params at zero.
 */

/** Floats per row of the scores and of dy: the 10 classes, then 2 pad lanes. */
export const SCORE_STRIDE = 12;

export const round4 = (x: number): number => (x + 3) & ~3;
// Arithmetic, not bitwise: a layout may pass 2 GB (then refused), where `& ~63` would wrap.
const align = (x: number): number => Math.ceil(x / 64) * 64;

export type TensorKind = 'W' | 'b' | 'gamma' | 'beta';

/** One trained array: its book name and shape, and where it lives (bytes from the params' start). */
export interface TensorAt {
  name: string;
  kind: TensorKind;
  /** The layer it belongs to, 1-based as the book names it. */
  layer: number;
  rows: number;
  cols: number;
  /** Floats from one row to the next. */
  stride: number;
  off: number;
  /** Floats the tensor takes, pads included. */
  floats: number;
}

/** The buffers of one hidden layer (bytes from the activations' start; 0 when unused). */
export interface HiddenBuffers {
  size: number;
  /** Floats per row. */
  hp: number;
  /** Affine output. */
  aff: number;
  /** Batch norm: centred input, normalised input, output; std (hp floats). */
  xc: number;
  xn: number;
  bn: number;
  std: number;
  /** Activation output. */
  act: number;
  /** Dropout: output and mask (floats, 0 or 1). */
  drop: number;
  mask: number;
  /** The gradient flowing back into this layer's output (reused in place down to its Affine). */
  d: number;
  /** What the next Affine reads. */
  out: number;
}

export interface NetLayout {
  arch: NetArch;
  /** Rows the activation buffers hold (a multiple of 4). */
  rows: number;
  tensors: TensorAt[];
  /** Float counts of the params region (= each gradient, each optimizer state). */
  paramFloats: number;
  /** The batch's image indices (Int32, `batch` of them), for the helper to read. */
  batchRows: number;
  batch: number;
  params: number;
  grads: [number, number];
  state: [number, number];
  /** Running mean and variance of hidden layer k (k - 1 here), hp floats each. */
  running: { mean: number; variance: number }[];
  acts: number;
  hidden: HiddenBuffers[];
  scores: number;
  dy: number;
  /** Side scratch: [0] the trainer's, [1] the helper's, [2] the trainer's for the helper's half. */
  scratch: [number, number, number];
  scratchLayout: ScratchLayout;
  bytes: number;
}

export interface ScratchLayout {
  /** The images' bytes (784 each; only where no non-zero lists are made). */
  pix: number;
  nz: number;
  starts: number;
  cz: number;
  src: number;
  preds: number;
  /** Wᵀ of an Affine (largest Mp × Kp). */
  wt: number;
  /** W1 in panels for evaluations. */
  wp: number;
  end: number;
}

const CTL_BYTES = 128;

export function netLayout(arch: NetArch, rowsWanted: number, batch = 0): NetLayout {
  // A multiple of 8: two workers each take half of the rows, in whole blocks of 4.
  const rows = (Math.max(8, rowsWanted) + 7) & ~7;
  const sizes = layerSizes(arch);
  const L = sizes.length - 1;
  const tensors: TensorAt[] = [];
  let at = 0;
  const put = (t: Omit<TensorAt, 'off' | 'floats'>, floats: number, slack = 0) => {
    tensors.push({ ...t, off: at, floats });
    at = align(at + floats * 4 + slack);
  };
  // W1 then b1 right after it (the sparse kernels find b1 at W1 + 784 · H · 4).
  const h1 = sizes[1];
  tensors.push({ name: 'W1', kind: 'W', layer: 1, rows: PIXELS, cols: h1, stride: h1, off: 0, floats: PIXELS * h1 });
  tensors.push({
    name: 'b1',
    kind: 'b',
    layer: 1,
    rows: 1,
    cols: h1,
    stride: round4(h1),
    off: PIXELS * h1 * 4,
    floats: round4(h1),
  });
  at = align(PIXELS * h1 * 4 + round4(h1) * 4 + 64);
  for (let k = 2; k <= L; k++) {
    const K = sizes[k - 1];
    const M = sizes[k];
    put({ name: `W${k}`, kind: 'W', layer: k, rows: K, cols: M, stride: round4(M) }, round4(K) * round4(M));
    put({ name: `b${k}`, kind: 'b', layer: k, rows: 1, cols: M, stride: round4(M) }, round4(M), 64);
  }
  if (arch.batchNorm) {
    for (let k = 1; k < L; k++)
      put(
        { name: `gamma${k}`, kind: 'gamma', layer: k, rows: 1, cols: sizes[k], stride: round4(sizes[k]) },
        round4(sizes[k]),
      );
    for (let k = 1; k < L; k++)
      put(
        { name: `beta${k}`, kind: 'beta', layer: k, rows: 1, cols: sizes[k], stride: round4(sizes[k]) },
        round4(sizes[k]),
      );
  }
  const paramBytes = align(at + 64);
  const paramFloats = paramBytes / 4;

  let pos = CTL_BYTES;
  const batchRows = pos;
  pos = align(pos + batch * 4);
  const take = (bytes: number) => {
    const o = pos;
    pos = align(pos + bytes);
    return o;
  };
  const params = take(paramBytes);
  const grads: [number, number] = [take(paramBytes), take(paramBytes)];
  const state: [number, number] = [take(paramBytes), take(paramBytes)];
  const running = arch.hidden.map((h) => ({ mean: take(round4(h) * 4), variance: take(round4(h) * 4) }));
  const actsStart = pos;
  const hidden: HiddenBuffers[] = arch.hidden.map((size) => {
    const hp = round4(size);
    const block = rows * hp * 4 + 64;
    const b: HiddenBuffers = {
      size,
      hp,
      aff: take(block),
      xc: 0,
      xn: 0,
      bn: 0,
      std: 0,
      act: 0,
      drop: 0,
      mask: 0,
      d: 0,
      out: 0,
    };
    if (arch.batchNorm) {
      b.xc = take(block);
      b.xn = take(block);
      b.bn = take(block);
      b.std = take(hp * 4);
    }
    b.act = take(block);
    if (arch.dropout > 0) {
      b.drop = take(block);
      b.mask = take(block);
    }
    b.d = take(block);
    b.out = b.drop || b.act;
    return b;
  });
  const scores = take(rows * SCORE_STRIDE * 4 + 64);
  const dy = take(rows * SCORE_STRIDE * 4 + 64);

  const maxHp = Math.max(...sizes.slice(1).map(round4));
  const maxKp = Math.max(...sizes.slice(1, -1).map(round4), 4);
  const sl = scratchLayout(rows, maxHp, maxKp, h1);
  const scratch: [number, number, number] = [take(sl.end), take(sl.end), take(sl.end)];
  return {
    arch,
    rows,
    tensors,
    paramFloats,
    batchRows,
    batch,
    params,
    grads,
    state,
    running,
    acts: actsStart,
    hidden,
    scores,
    dy,
    scratch,
    scratchLayout: sl,
    bytes: pos,
  };
}

/** One side's scratch: its images and their lists, Wᵀ of the largest Affine, W1's panels. */
function scratchLayout(rows: number, maxHp: number, maxKp: number, h1: number): ScratchLayout {
  let s = 0;
  const t = (bytes: number) => {
    const o = s;
    s = align(s + bytes);
    return o;
  };
  const pix = t(rows * PIXELS);
  const nz = t(rows * PIXELS * 8 + 64);
  const starts = t((rows + 1) * 4);
  const cz = t(rows * (PIXELS + 3) * 4 + 64);
  const src = t(rows * 4);
  const preds = t(rows);
  const wt = t(maxHp * maxKp * 4 + 64);
  const panels = Math.ceil(h1 / 16);
  const wp = t(panels * PIXELS * 64 + panels * 64 + 64);
  return { pix, nz, starts, cz, src, preds, wt, wp, end: s };
}

export const pagesFor = (bytes: number): number => Math.ceil(bytes / 65536);
