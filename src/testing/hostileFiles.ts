/**
 * Hostile files built in memory (never committed as blobs): a gzip bomb behind a small IDX
 * header, and an .npz whose entry's deflated data runs on far past the size its headers declare.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { zipSync } from 'fflate';

const FULL_FLUSH = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };

/**
 * Raw deflate data that unzips to `head` then `zeroMiB` MiB of zeros, built from one compressed
 * MiB repeated: after a full flush a block refers to nothing before it, so copies may follow one
 * another. 4,096 MiB take about 4 MB.
 */
function deflateBomb(head: Uint8Array, zeroMiB: number): Buffer {
  const first = deflateRawSync(head, FULL_FLUSH);
  const mib = deflateRawSync(Buffer.alloc(1 << 20), FULL_FLUSH);
  const end = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([first, ...Array<Buffer>(zeroMiB).fill(mib), end]);
}

/**
 * A gzip file: `head`, then `zeroMiB` MiB of zeros. Its trailer's CRC is right up to 64 MiB; a
 * larger bomb is never unzipped to its end, so it saves the time of summing gigabytes.
 */
export function gzipBomb(head: Uint8Array, zeroMiB: number): Uint8Array {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const trailer = Buffer.alloc(8);
  let crc = crc32(head);
  if (zeroMiB <= 64) for (let i = 0, z = Buffer.alloc(1 << 20); i < zeroMiB; i++) crc = crc32(z, crc);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE((head.length + zeroMiB * 2 ** 20) % 2 ** 32, 4);
  return new Uint8Array(Buffer.concat([header, deflateBomb(head, zeroMiB), trailer]));
}

/** The header of an IDX image file that promises `count` 28 × 28 images. */
export function idxImagesHeader(count: number): Uint8Array {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  v.setUint32(0, 2051);
  v.setUint32(4, count);
  v.setUint32(8, 28);
  v.setUint32(12, 28);
  return b;
}

/**
 * A deflated .npz whose entry `name` keeps its honest headers (sizes of `npy`, as zipSync wrote
 * them) but whose data is swapped for a deflate stream that unzips to `npy` and then `zeroMiB`
 * MiB of zeros; the sizes in the headers grow with the data, so the file is a valid zip in all
 * but the uncompressed size. `others` are the other entries, written honestly.
 */
export function lyingNpz(
  name: string,
  npy: Uint8Array,
  zeroMiB: number,
  others: Record<string, Uint8Array>,
): Uint8Array {
  const honest = zipSync({ [name]: [npy, { level: 6 }], ...others } as Parameters<typeof zipSync>[0]);
  const bomb = deflateBomb(npy, zeroMiB);
  // Find the entry's local header (the first one, as zipSync writes them in order).
  const v = new DataView(honest.buffer, honest.byteOffset, honest.byteLength);
  const nameLen = v.getUint16(26, true),
    extraLen = v.getUint16(28, true);
  const start = 30 + nameLen + extraLen;
  const oldSize = v.getUint32(18, true);
  const delta = bomb.length - oldSize;
  const out = new Uint8Array(honest.length + delta);
  out.set(honest.subarray(0, start));
  out.set(bomb, start);
  out.set(honest.subarray(start + oldSize), start + bomb.length);
  const w = new DataView(out.buffer);
  w.setUint32(18, bomb.length, true); // the local header's compressed size
  // The central directory moved by delta; fix each entry's compressed size and offset, and the end record.
  const eocd = out.length - 22;
  const cd = w.getUint32(eocd + 16, true) + delta;
  w.setUint32(eocd + 16, cd, true);
  for (let at = cd, k = 0; k < w.getUint16(eocd + 10, true); k++) {
    const n = w.getUint16(at + 28, true),
      e = w.getUint16(at + 30, true),
      c = w.getUint16(at + 32, true);
    if (k === 0) w.setUint32(at + 20, bomb.length, true);
    else w.setUint32(at + 42, w.getUint32(at + 42, true) + delta, true);
    at += 46 + n + e + c;
  }
  return out;
}
