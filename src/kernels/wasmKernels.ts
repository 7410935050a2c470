import { RELAXED_SIMD_SHARED_WASM, RELAXED_SIMD_WASM, SIMD_SHARED_WASM, SIMD_WASM } from './wasmBinary.gen';

const decode = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

let support: WasmKind | null | undefined;

/** The best WebAssembly kernels this engine can run, or null (then the TypeScript ones). */
export function wasmSupport(): WasmKind | null {
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

/** The kernels the general net (net/fastNet.ts) calls: byte offsets into the memory, counts and flags. */
export interface DenseExports {
  scan: (pix: number, n: number, rowBytes: number, nz: number, starts: number) => void;
  decode: (cz: number, count: number, rowBytes: number, nz: number) => void;
  decodeRuns: (cz: number, src: number, starts: number, n: number, rowBytes: number, nz: number) => void;
  argmaxRows: (scores: number, n: number, out: number) => void;
  pack: (P: number, H: number, wp: number) => void;
  /** The first Affine: z = max(x·W1 + b1, lo) over the images' lists (lo 0: with ReLU; −∞: without). */
  forward: (P: number, H: number, n: number, nz: number, starts: number, z: number, lo: number) => void;
  forwardPacked: (
    P: number,
    H: number,
    n: number,
    nz: number,
    starts: number,
    z: number,
    wp: number,
    lo: number,
  ) => void;
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
