/**
 * NumPy's .npy and .npz files, as the NumPy format spec (numpy.lib.format) defines them:
 * `\x93NUMPY`, a version, a header length, a Python dict literal naming the dtype, the order
 * and the shape, padded with spaces to a multiple of 64 bytes and ended by a newline, then
 * the raw data. An .npz is a zip of .npy files, one per array, stored or deflated.
 */
import { unzipSync, zipSync } from 'fflate';
import { WeightsError } from '../errors';
import { shapeText } from '../tensor/literal';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** NumPy aligns the data to 64 bytes (ARRAY_ALIGN). */
const ALIGN = 64;
/** An array larger than this is not the weights of any net this app trains (hidden ≤ 1000: 6.3 MB). */
export const MAX_ARRAY_BYTES = 64 * 1024 * 1024;

export type FloatDType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

/** One array as read from an .npy: its dtype as NumPy writes it (`<f4`), shape, order, raw bytes. */
export interface NpyRaw {
  descr: string;
  shape: number[];
  fortranOrder: boolean;
  data: Uint8Array;
}

/** A float array to write: C order, the shape NumPy will see. */
export interface FloatNdarray {
  shape: number[];
  data: FloatArray;
}

export const isNpy = (b: Uint8Array): boolean => b.length >= MAGIC.length && MAGIC.every((m, i) => b[i] === m);

/** NumPy's name for a simple dtype (`<f4` → float32), or the descr itself. */
export function dtypeName(descr: string): string {
  const m = /^[<>|=]?([fiub])(\d+)$/.exec(descr);
  if (!m) return descr;
  const kind = { f: 'float', i: 'int', u: 'uint', b: 'bool' }[m[1] as 'f' | 'i' | 'u' | 'b'];
  return kind === 'bool' ? 'bool' : `${kind}${Number(m[2]) * 8}`;
}

const itemSize = (descr: string): number | null => {
  const m = /^[<>|=]?[fiubc](\d+)$/.exec(descr);
  return m ? Number(m[1]) : null;
};

/** One array as an .npy file (version 1.0, little-endian, C order). */
export function encodeNpy(a: FloatNdarray): Uint8Array {
  const isF64 = a.data instanceof Float64Array;
  const descr = isF64 ? '<f8' : '<f4';
  const count = a.shape.reduce((p, n) => p * n, 1);
  if (count !== a.data.length) throw new Error(`shape ${shapeText(a.shape)} does not hold ${a.data.length} values`);
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText(a.shape)}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((ALIGN - (unpadded % ALIGN)) % ALIGN) + '\n';
  const size = isF64 ? 8 : 4;
  const out = new Uint8Array(MAGIC.length + 4 + header.length + count * size);
  out.set(MAGIC, 0);
  out[6] = 1; // version 1.0
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const at = 10 + header.length;
  // Through a DataView, so the bytes are little-endian whatever the machine is.
  for (let i = 0; i < count; i++) {
    if (isF64) view.setFloat64(at + i * 8, a.data[i], true);
    else view.setFloat32(at + i * 4, a.data[i], true);
  }
  return out;
}

/** Reads an .npy's header and finds its data; `name` is the array's name for the messages. */
export function decodeNpy(file: string, name: string, b: Uint8Array): NpyRaw {
  const bad = () => new WeightsError(file, 'weights.npyHeader', { name });
  if (!isNpy(b) || b.length < 10) throw bad();
  const major = b[6];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let headerLen: number, start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (b.length < 12) throw bad();
    headerLen = view.getUint32(8, true);
    start = 12;
  } else throw bad();
  if (start + headerLen > b.length) throw bad();
  const headerBytes = b.subarray(start, start + headerLen);
  const header = major === 3 ? new TextDecoder().decode(headerBytes) : String.fromCharCode(...headerBytes);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeMatch === undefined) throw bad();
  const parts = shapeMatch
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (!parts.every((p) => /^\d+$/.test(p))) throw bad();
  const shape = parts.map(Number);
  const count = shape.reduce((p, n) => p * n, 1);
  const size = itemSize(descr);
  const dataStart = start + headerLen;
  const available = b.length - dataStart;
  if (size === null) return { descr, shape, fortranOrder: fortran === 'True', data: b.subarray(dataStart) };
  const expected = count * size;
  if (expected > MAX_ARRAY_BYTES) throw new WeightsError(file, 'weights.tooBig', { name, bytes: expected });
  if (available < expected) throw new WeightsError(file, 'weights.npyLength', { name, bytes: available, expected });
  return { descr, shape, fortranOrder: fortran === 'True', data: b.subarray(dataStart, dataStart + expected) };
}

/** The float dtype of an array, or null for any other (int64, bool, strings, …). */
export function floatDType(a: NpyRaw): FloatDType | null {
  const m = /^([<>=|]?)f(4|8)$/.exec(a.descr);
  if (!m || m[1] === '|') return null;
  return m[2] === '4' ? 'float32' : 'float64';
}

/** A float array's values in C order (a Fortran-order array is transposed back). */
export function toFloatArray(a: NpyRaw): FloatArray {
  const dtype = floatDType(a);
  if (!dtype) throw new Error(`not a float array: ${a.descr}`);
  const little = !a.descr.startsWith('>');
  const size = dtype === 'float32' ? 4 : 8;
  const n = a.data.length / size;
  const view = new DataView(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const flat = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) flat[i] = size === 4 ? view.getFloat32(i * 4, little) : view.getFloat64(i * 8, little);
  if (!a.fortranOrder || a.shape.length < 2) return flat;
  // Fortran order: the first index runs fastest. Walk the C-order positions and look each up.
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  const dims = a.shape;
  const idx = new Array<number>(dims.length).fill(0);
  for (let c = 0; c < n; c++) {
    let f = 0;
    for (let d = dims.length - 1; d >= 0; d--) f = f * dims[d] + idx[d];
    out[c] = flat[f];
    for (let d = dims.length - 1; d >= 0; d--) {
      if (++idx[d] < dims[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Arrays by name as an .npz (deflated), which `numpy.load` reads as it is. */
export function writeNpz(arrays: Record<string, FloatNdarray>, mtime?: Date): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 6; mtime?: Date }]> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = [encodeNpy(a), { level: 6, mtime }];
  return zipSync(files);
}

/**
 * The entries of an .npz by array name (`W1.npy` → `W1`), their .npy bytes not yet read: from
 * stored or deflated zips, ZIP64 included (NumPy's np.savez writes ZIP64 headers). Throws a
 * WeightsError that says what is wrong.
 */
export function readNpz(file: string, bytes: Uint8Array): Map<string, Uint8Array> {
  if (isNpy(bytes)) throw new WeightsError(file, 'weights.loneNpy', {});
  let entries: Record<string, Uint8Array>;
  let tooBig: { name: string; bytes: number } | null = null;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.originalSize > MAX_ARRAY_BYTES) tooBig ??= { name: f.name, bytes: f.originalSize };
        return f.originalSize <= MAX_ARRAY_BYTES;
      },
    });
  } catch {
    throw new WeightsError(file, 'weights.notNpz', { bytes: bytes.length });
  }
  if (tooBig) throw new WeightsError(file, 'weights.tooBig', tooBig);
  const out = new Map<string, Uint8Array>();
  for (const [entry, b] of Object.entries(entries)) {
    if (entry.endsWith('/')) continue; // a folder entry
    out.set(entry.endsWith('.npy') ? entry.slice(0, -4) : entry, b);
  }
  return out;
}
