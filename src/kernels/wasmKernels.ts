import { RELAXED_SIMD_SHARED_WASM, RELAXED_SIMD_WASM, SIMD_SHARED_WASM, SIMD_WASM } from './wasmBinary.gen';
import { nonZeroListsOf, type NonZeroLists } from './sparse';
import { paramCount, SCORE_STRIDE, type ImageLayout, type KernelName, type NetKernels } from './types';

const decode = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

let support: KernelName | null | undefined;

/** The best WebAssembly kernels this engine can run, or null (then the TypeScript ones). */
export function wasmSupport(): KernelName | null {
  if (support !== undefined) return support;
  support = null;
  if (typeof WebAssembly === 'object') {
    if (WebAssembly.validate(decode(RELAXED_SIMD_WASM))) support = 'wasm-relaxed-simd';
    else if (WebAssembly.validate(decode(SIMD_WASM))) support = 'wasm-simd';
  }
  return support;
}

export type WasmKind = 'wasm-simd' | 'wasm-relaxed-simd';

const modules = new Map<string, WebAssembly.Module>();
function moduleOf(kind: WasmKind, shared: boolean): WebAssembly.Module {
  const key = `${kind}${shared ? ':shared' : ''}`;
  let mod = modules.get(key);
  if (!mod) {
    const b64 =
      kind === 'wasm-relaxed-simd'
        ? shared
          ? RELAXED_SIMD_SHARED_WASM
          : RELAXED_SIMD_WASM
        : shared
          ? SIMD_SHARED_WASM
          : SIMD_WASM;
    mod = new WebAssembly.Module(decode(b64));
    modules.set(key, mod);
  }
  return mod;
}

const align = (x: number) => (x + 15) & ~15;
/** Bytes of W1 | b1 | W2 | b2 (or of the gradient), with slack for the kernels' last vectors. */
export const paramBytes = (hidden: number): number => align(paramCount(hidden) * 4 + 64);

type ScratchLayout = ReturnType<typeof scratchLayout>;

function scratchLayout(H: number, cap: number) {
  const Hp4 = align(H * 4);
  const pix = 0;
  const z = align(pix + cap * 784);
  const a2 = align(z + cap * Hp4);
  const dy = align(a2 + cap * SCORE_STRIDE * 4);
  const da = align(dy + cap * SCORE_STRIDE * 4);
  const w2t = align(da + cap * Hp4);
  const starts = align(w2t + 10 * Hp4);
  const nz = align(starts + (cap + 1) * 4);
  const cz = align(nz + cap * 784 * 8 + 64);
  const src = align(cz + cap * (784 + 3) * 4 + 64);
  const preds = align(src + cap * 4);
  const wp = align(preds + cap);
  const panels = Math.ceil(H / 16);
  const end = align(wp + panels * 784 * 64 + panels * 64 + 64);
  return { pix, z, a2, dy, da, w2t, starts, nz, cz, src, preds, wp, end };
}

/** Bytes of one set of buffers (one worker's): the batch, activations, the pixel lists. */
export const scratchBytes = (hidden: number, cap: number): number => scratchLayout(hidden, cap).end;

/** Where a kernel set lives in a memory it shares: the parameters, its gradient, its buffers (byte offsets). */
export interface WasmPlacement {
  memory: WebAssembly.Memory;
  params: number;
  grad: number;
  scratch: number;
}

/** Pages of 64 KiB that hold `bytes`. */
export const pagesFor = (bytes: number): number => Math.ceil(bytes / 65536);

/** The module's exports: byte offsets into the memory, counts and flags. */
interface WasmExports {
  scan: (pix: number, n: number, rowBytes: number, nz: number, starts: number) => void;
  decode: (cz: number, count: number, rowBytes: number, nz: number) => void;
  argmaxRows: (a2: number, n: number, out: number) => void;
  decodeRuns: (cz: number, src: number, starts: number, n: number, rowBytes: number, nz: number) => void;
  pack: (P: number, H: number, wp: number) => void;
  forwardPacked: (
    P: number,
    H: number,
    n: number,
    nz: number,
    starts: number,
    z: number,
    a2: number,
    wp: number,
    second: number,
    lo: number,
  ) => void;
  forward: (
    P: number,
    H: number,
    n: number,
    nz: number,
    starts: number,
    z: number,
    a2: number,
    second: number,
    lo: number,
  ) => void;
  backward: (
    P: number,
    G: number,
    H: number,
    n: number,
    nz: number,
    starts: number,
    z: number,
    dy: number,
    da: number,
    w2t: number,
    acc: number,
  ) => void;
  axpy: (w: number, g: number, count: number, alpha: number) => void;
  axpy2: (w: number, g: number, h: number, count: number, alpha: number) => void;
}

/** The kernels the general net (net/fastNet.ts) calls: byte offsets into the memory, counts and flags. */
export interface DenseExports {
  scan: WasmExports['scan'];
  decode: WasmExports['decode'];
  decodeRuns: WasmExports['decodeRuns'];
  argmaxRows: WasmExports['argmaxRows'];
  pack: WasmExports['pack'];
  forward: WasmExports['forward'];
  forwardPacked: WasmExports['forwardPacked'];
  sparseBackward: (G: number, H: number, n: number, nz: number, starts: number, da: number, acc: number) => void;
  mm: (
    A: number,
    lda: number,
    sk: number,
    B: number,
    ldb: number,
    C: number,
    ldc: number,
    m: number,
    k: number,
    ncols: number,
    bias: number,
    acc: number,
  ) => void;
  transpose: (src: number, ss: number, rows: number, cols: number, dst: number, ds: number) => void;
  colsum: (src: number, ss: number, n: number, ncols: number, dst: number, acc: number) => void;
  relu: (x: number, count: number) => void;
  reluBack: (z: number, d: number, count: number) => void;
  axpy: WasmExports['axpy'];
  axpy2: WasmExports['axpy2'];
  optimize: (
    kind: number,
    P: number,
    G0: number,
    G1: number,
    both: number,
    S0: number,
    S1: number,
    count: number,
    lr: number,
    a: number,
    b: number,
    lambda: number,
  ) => void;
  bnForward: (
    x: number,
    xc: number,
    xn: number,
    out: number,
    ss: number,
    n: number,
    c0: number,
    c1: number,
    gamma: number,
    beta: number,
    std: number,
    rm: number,
    rv: number,
    train: number,
    momentum: number,
    eps: number,
  ) => void;
  bnBackward: (
    d: number,
    xc: number,
    xn: number,
    ss: number,
    n: number,
    c0: number,
    c1: number,
    gamma: number,
    std: number,
    dgamma: number,
    dbeta: number,
  ) => void;
  dropout: (
    x: number,
    out: number,
    mask: number,
    ss: number,
    n: number,
    cols: number,
    ab: number,
    rowKey: number,
    threshold: number,
  ) => void;
  scale: (x: number, y: number, count: number, s: number) => void;
  mulInto: (d: number, m: number, count: number) => void;
}

/** The kernels on a memory (the shared build of the module when the memory is shared). */
export function instantiate(kind: WasmKind, memory: WebAssembly.Memory): DenseExports {
  const shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  return new WebAssembly.Instance(moduleOf(kind, shared), { env: { memory } }).exports as unknown as DenseExports;
}

/** The kernels' buffers the pixel lists are copied into, and where the scratch area's offsets start. */
interface ListBuffers {
  compact: Uint32Array;
  starts: Int32Array;
  srcAt: Int32Array;
  at: (off: number) => number;
  L: ScratchLayout;
}

/** The entries of these rows from the lists into the kernels, widened for W1's rows of `rowBytes`. */
function loadLists(
  ex: WasmExports,
  b: ListBuffers,
  lists: NonZeroLists,
  rows: Int32Array,
  count: number,
  rowBytes: number,
): void {
  let contiguous = true;
  for (let i = 1; i < count && contiguous; i++) contiguous = rows[i] === rows[i - 1] + 1;
  if (contiguous) {
    // An evaluation's chunk: one copy, to the same alignment as its source (a copy out of or
    // into shared memory whose two ends are aligned differently goes byte by byte, ~5× slower).
    const from = lists.starts[rows[0]];
    const to = lists.starts[rows[count - 1] + 1];
    const skew = from & 3;
    b.compact.set(lists.entries.subarray(from, to), skew);
    for (let i = 0; i < count; i++) b.starts[i] = lists.starts[rows[i]] - from;
    b.starts[count] = to - from;
    ex.decode(b.at(b.L.cz) + skew * 4, to - from, rowBytes, b.at(b.L.nz));
    return;
  }
  // A batch of rows anywhere: one copy per image, each to its source's alignment (a few
  // entries apart), then widened into one run.
  let at = 0;
  let put = 0;
  for (let i = 0; i < count; i++) {
    const from = lists.starts[rows[i]];
    const to = lists.starts[rows[i] + 1];
    put += (from - put) & 3;
    b.compact.set(lists.entries.subarray(from, to), put);
    b.srcAt[i] = put;
    b.starts[i] = at;
    put += to - from;
    at += to - from;
  }
  b.starts[count] = at;
  ex.decodeRuns(b.at(b.L.cz), b.at(b.L.src), b.at(b.L.starts), count, rowBytes, b.at(b.L.nz));
}

/** A memory of the kernels' own: the parameters, their gradient and the buffers, one after another. */
function ownPlacement(H: number, scratchEnd: number): WasmPlacement {
  const P = 64;
  const G = P + paramBytes(H);
  const S = G + paramBytes(H);
  const pages = pagesFor(S + scratchEnd);
  return { memory: new WebAssembly.Memory({ initial: pages, maximum: pages }), params: P, grad: G, scratch: S };
}

/**
 * WebAssembly SIMD kernels for up to `cap` images at a time. Without a placement they get a
 * memory of their own; with one, they use its parameters (which other kernel sets may read and
 * update too), write their gradient where it says and keep their buffers where it says. A
 * shared memory (SharedArrayBuffer) takes the shared build of the module.
 */
export function wasmKernels(hidden: number, cap: number, kind: WasmKind, place?: WasmPlacement): NetKernels {
  const H = hidden;
  const L = scratchLayout(H, cap);
  const at = place ?? ownPlacement(H, L.end);
  const { memory } = at;
  const shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  const inst = new WebAssembly.Instance(moduleOf(kind, shared), { env: { memory } });
  const ex = inst.exports as unknown as WasmExports;
  const buf = memory.buffer;
  const count = paramCount(H);
  const P = at.params;
  const G = at.grad;
  const s = (off: number) => at.scratch + off;
  const views = (base: number) => ({
    all: new Float32Array(buf, base, count),
    W1: new Float32Array(buf, base, 784 * H),
    b1: new Float32Array(buf, base + 784 * H * 4, H),
    W2: new Float32Array(buf, base + 785 * H * 4, 10 * H),
    b2: new Float32Array(buf, base + 795 * H * 4, 10),
  });
  const p = views(P);
  const g = views(G);
  const pix = new Uint8Array(buf, s(L.pix), cap * 784);
  const starts = new Int32Array(buf, s(L.starts), cap + 1);
  const compact = new Uint32Array(buf, s(L.cz), cap * (784 + 3));
  const srcAt = new Int32Array(buf, s(L.src), cap);
  const predictions = new Uint8Array(buf, s(L.preds), cap);
  const dy = new Float32Array(buf, s(L.dy), cap * SCORE_STRIDE);
  dy.fill(0);
  const listBuffers = { compact, starts, srcAt, at: s, L };
  let lastPixels: Uint8Array | null = null;
  let lastRows: Int32Array | null = null;
  let lastLayout: ImageLayout = 'rows';
  let n = 0;

  return {
    name: kind,
    H,
    cap,
    params: p.all,
    W1: p.W1,
    b1: p.b1,
    W2: p.W2,
    b2: p.b2,
    grad: g.all,
    dW1: g.W1,
    db1: g.b1,
    dW2: g.W2,
    db2: g.b2,
    scores: new Float32Array(buf, s(L.a2), cap * SCORE_STRIDE),
    dy,
    load(pixels, rows, count, layout = 'rows') {
      if (pixels === lastPixels && rows === lastRows && count === n && layout === lastLayout) return;
      if (count > cap) throw new Error(`wasm kernels sized for ${cap} images, asked for ${count}`);
      // An entry holds the byte offset of its pixel's row of W1: in W1 itself, or in the panels.
      const rowBytes = layout === 'panels' ? 64 : H * 4;
      const lists = nonZeroListsOf(pixels);
      if (lists) loadLists(ex, listBuffers, lists, rows, count, rowBytes);
      else {
        // Images next to each other (an evaluation) come in one copy.
        for (let r = 0; r < count;) {
          let e = r + 1;
          while (e < count && rows[e] === rows[e - 1] + 1) e++;
          pix.set(pixels.subarray(rows[r] * 784, rows[e - 1] * 784 + 784), r * 784);
          r = e;
        }
        ex.scan(s(L.pix), count, rowBytes, s(L.nz), s(L.starts));
      }
      lastPixels = pixels;
      lastRows = rows;
      lastLayout = layout;
      n = count;
    },
    predict() {
      ex.argmaxRows(s(L.a2), n, s(L.preds));
      return predictions.subarray(0, n);
    },
    packWeights() {
      ex.pack(P, H, s(L.wp));
    },
    evalForward() {
      if (lastLayout !== 'panels') throw new Error('evalForward needs images loaded for the panels');
      ex.forwardPacked(P, H, n, s(L.nz), s(L.starts), s(L.z), s(L.a2), s(L.wp), 1, 0);
    },
    forward() {
      if (lastLayout !== 'rows') throw new Error('forward needs images loaded for W1');
      ex.forward(P, H, n, s(L.nz), s(L.starts), s(L.z), s(L.a2), 1, 0);
    },
    forwardFirstLayer() {
      ex.forward(P, H, n, s(L.nz), s(L.starts), s(L.z), s(L.a2), 0, 0);
    },
    backward(accumulate) {
      ex.backward(P, G, H, n, s(L.nz), s(L.starts), s(L.z), s(L.dy), s(L.da), s(L.w2t), accumulate ? 1 : 0);
    },
    update(alpha) {
      ex.axpy(P, G, count, alpha);
    },
    updateSum(other, from, to, alpha) {
      if (other.buffer !== buf) throw new Error('updateSum needs the other gradient in the same memory');
      ex.axpy2(P + from * 4, G + from * 4, other.byteOffset + from * 4, to - from, alpha);
    },
  };
}
