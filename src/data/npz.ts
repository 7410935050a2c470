/**
 * NumPy's .npy and .npz files, as the NumPy format spec (numpy.lib.format) defines them:
 * `\x93NUMPY`, a version, a header length, a Python dict literal naming the dtype, the order
 * and the shape, padded with spaces to a multiple of 64 bytes and ended by a newline, then
 * the raw data. An .npz is a zip of .npy files, one per array, stored or deflated.
 */
import { Inflate, zipSync } from 'fflate';
import { WeightsError } from '../errors';
import { shapeText } from '../tensor/literal';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** NumPy aligns the data to 64 bytes (ARRAY_ALIGN). */
const ALIGN = 64;
/** An array larger than this is not the weights of any net this app trains (hidden ≤ 1000: 6.3 MB). */
export const MAX_ARRAY_BYTES = 64 * 1024 * 1024;
/** NumPy's read_array refuses a header longer than this (max_header_size, NumPy ≥ 1.24). */
export const MAX_NPY_HEADER = 10_000;

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
  if (headerLen > MAX_NPY_HEADER)
    throw new WeightsError(file, 'weights.npyHeaderTooLong', { name, bytes: headerLen, max: MAX_NPY_HEADER });
  if (start + headerLen > b.length) throw bad();
  const headerBytes = b.subarray(start, start + headerLen);
  // latin1 for versions 1 and 2, as NumPy writes them; never a spread, which overflows the stack.
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
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

/** Compressed bytes handed to the inflater at a time: at most ~4 MB of output per push. */
const INFLATE_CHUNK = 4 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const u16 = (v: DataView, o: number) => v.getUint16(o, true);
const u32 = (v: DataView, o: number) => v.getUint32(o, true);
const u64 = (v: DataView, o: number) => v.getUint32(o, true) + v.getUint32(o + 4, true) * 2 ** 32;

/**
 * The central directory of a zip (ZIP64 included), or null when there is none. Throws the
 * `damaged` error of an entry whose ZIP64 sizes are missing.
 */
function centralDirectory(b: Uint8Array, damaged: (entry: string) => Error): ZipEntry[] | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(v, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(v, eocd + 10);
  let cdOffset = u32(v, eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && u32(v, eocd - 20) === 0x07064b50) {
    const z = u64(v, eocd - 12);
    if (z + 56 > b.length || u32(v, z) !== 0x06064b50) return null;
    count = u64(v, z + 32);
    cdOffset = u64(v, z + 48);
  }
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > b.length || u32(v, at) !== 0x02014b50) return null;
    const nameLen = u16(v, at + 28),
      extraLen = u16(v, at + 30),
      commentLen = u16(v, at + 32);
    if (at + 46 + nameLen + extraLen > b.length) return null;
    const name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen));
    let compressedSize = u32(v, at + 20),
      size = u32(v, at + 24),
      offset = u32(v, at + 42);
    // ZIP64: the sizes and offset that do not fit 32 bits are in the extra field 0x0001, in this order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      let e = at + 46 + nameLen;
      const end = e + extraLen;
      let found = false;
      while (e + 4 <= end) {
        const id = u16(v, e),
          len = u16(v, e + 2);
        if (id === 0x0001) {
          let f = e + 4;
          const next = () => {
            if (f + 8 > e + 4 + len) throw damaged(name);
            const n = u64(v, f);
            f += 8;
            return n;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (offset === 0xffffffff) offset = next();
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) throw damaged(name);
    }
    entries.push({ name, method: u16(v, at + 10), compressedSize, size, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * One entry's bytes, checked against its headers: the local header must name the same entry
 * and method, the data must lie inside the file, and it must unzip to exactly the size the
 * central directory declares. Inflating stops as soon as the output passes that size, so a
 * zip whose data runs on for gigabytes costs a few megabytes and milliseconds.
 */
function entryBytes(b: Uint8Array, e: ZipEntry, damaged: (entry: string) => Error): Uint8Array {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (e.offset + 30 > b.length || u32(v, e.offset) !== 0x04034b50) throw damaged(e.name);
  const nameLen = u16(v, e.offset + 26),
    extraLen = u16(v, e.offset + 28);
  const localName = new TextDecoder().decode(b.subarray(e.offset + 30, e.offset + 30 + nameLen));
  if (localName !== e.name || u16(v, e.offset + 8) !== e.method) throw damaged(e.name);
  // Sizes in the local header, when given (not 0 for a data descriptor, not 0xffffffff for ZIP64), must agree.
  const localC = u32(v, e.offset + 18),
    localU = u32(v, e.offset + 22);
  const agrees = (local: number, central: number) => local === 0 || local === 0xffffffff || local === central;
  if (!agrees(localC, e.compressedSize) || !agrees(localU, e.size)) throw damaged(e.name);
  const start = e.offset + 30 + nameLen + extraLen;
  if (start + e.compressedSize > b.length) throw damaged(e.name);
  const data = b.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw damaged(e.name);
    return data;
  }
  if (e.method !== 8) throw damaged(e.name);
  const out = new Uint8Array(e.size);
  let got = 0;
  let over = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    if (got + chunk.length > out.length) over = true;
    else out.set(chunk, got);
    got += chunk.length;
    if (final) ended = true;
  });
  try {
    for (let at = 0; at < data.length && !over; at += INFLATE_CHUNK) {
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch {
    throw damaged(e.name);
  }
  if (over || !ended || got !== e.size) throw damaged(e.name);
  return out;
}

/**
 * The entries of an .npz by array name (`W1.npy` → `W1`), their .npy bytes not yet read: from
 * stored or deflated zips, ZIP64 included (NumPy's np.savez writes ZIP64 headers). Every entry
 * is checked against its headers while it is unzipped (see entryBytes). Throws a WeightsError
 * that says what is wrong.
 */
export function readNpz(file: string, bytes: Uint8Array): Map<string, Uint8Array> {
  if (isNpy(bytes)) throw new WeightsError(file, 'weights.loneNpy', {});
  const damaged = (entry: string) => new WeightsError(file, 'weights.zipDamaged', { entry });
  const entries = centralDirectory(bytes, damaged);
  if (!entries) throw new WeightsError(file, 'weights.notNpz', { bytes: bytes.length });
  // Sizes first: nothing is unzipped from a file that holds an array too large to be weights.
  const tooBig = entries.find((e) => e.size > MAX_ARRAY_BYTES);
  if (tooBig) throw new WeightsError(file, 'weights.tooBig', { name: tooBig.name, bytes: tooBig.size });
  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue; // a folder entry
    out.set(e.name.endsWith('.npy') ? e.name.slice(0, -4) : e.name, entryBytes(bytes, e, damaged));
  }
  return out;
}
