import { RELAXED_SIMD_WASM, SIMD_WASM } from './wasmBinary.gen';
import type { FirstLayerKernels, KernelName } from './types';

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

const modules = new Map<string, WebAssembly.Module>();

/**
 * WebAssembly SIMD first-layer kernels. Their memory holds W1|b1, dW1|db1 and buffers for up
 * to `maxRows` images; it is sized once, so the Float32Array views handed out stay valid.
 */
export function wasmKernels(
  hidden: number,
  maxRows: number,
  kind: 'wasm-simd' | 'wasm-relaxed-simd',
): FirstLayerKernels {
  const H = hidden;
  const b64 = kind === 'wasm-relaxed-simd' ? RELAXED_SIMD_WASM : SIMD_WASM;
  let mod = modules.get(kind);
  if (!mod) {
    mod = new WebAssembly.Module(decode(b64));
    modules.set(kind, mod);
  }
  const inst = new WebAssembly.Instance(mod);
  const ex = inst.exports as {
    memory: WebAssembly.Memory;
    forward: (pix: number, n: number, W1: number, b1: number, H: number, z: number, nz: number) => void;
    backward: (pix: number, n: number, da: number, H: number, dW1: number, nz: number) => void;
    axpy: (w: number, g: number, count: number, alpha: number) => void;
  };
  const align = (x: number) => (x + 15) & ~15;
  const paramBytes = 785 * H * 4;
  const W1p = 16;
  const dW1p = align(W1p + paramBytes);
  const pixP = align(dW1p + paramBytes);
  const zP = align(pixP + maxRows * 784);
  const daP = align(zP + maxRows * H * 4);
  const nzP = align(daP + maxRows * H * 4);
  const end = align(nzP + 785 * 8);
  const have = ex.memory.buffer.byteLength;
  if (end > have) ex.memory.grow(Math.ceil((end - have) / 65536));
  const buf = ex.memory.buffer;
  const W1 = new Float32Array(buf, W1p, 784 * H);
  const b1 = new Float32Array(buf, W1p + 784 * H * 4, H);
  const dW1 = new Float32Array(buf, dW1p, 784 * H);
  const db1 = new Float32Array(buf, dW1p + 784 * H * 4, H);
  const pix = new Uint8Array(buf, pixP, maxRows * 784);
  const z = new Float32Array(buf, zP, maxRows * H);
  const da = new Float32Array(buf, daP, maxRows * H);
  // A training step reads the same batch three times (forward, backward, the loss after the
  // update): copy it in once. Callers never change a rows array after passing it.
  let lastPixels: Uint8Array | null = null;
  let lastRows: Int32Array | null = null;
  let lastN = 0;
  const gather = (pixels: Uint8Array, rows: Int32Array, n: number) => {
    if (pixels === lastPixels && rows === lastRows && n === lastN) return;
    if (n > maxRows) throw new Error(`wasm kernels sized for ${maxRows} images, asked for ${n}`);
    for (let r = 0; r < n; r++) pix.set(pixels.subarray(rows[r] * 784, rows[r] * 784 + 784), r * 784);
    lastPixels = pixels;
    lastRows = rows;
    lastN = n;
  };
  return {
    name: kind,
    W1,
    b1,
    dW1,
    db1,
    forward(pixels, rows, n, z1) {
      gather(pixels, rows, n);
      ex.forward(pixP, n, W1p, W1p + 784 * H * 4, H, zP, nzP);
      z1.set(z.subarray(0, n * H));
    },
    backward(pixels, rows, n, da1) {
      gather(pixels, rows, n);
      da.set(da1.subarray(0, n * H));
      ex.backward(pixP, n, daP, H, dW1p, nzP);
    },
    update(alpha) {
      ex.axpy(W1p, dW1p, 785 * H, alpha);
    },
  };
}
