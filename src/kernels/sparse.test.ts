import { describe, expect, it } from 'vitest';
import { adoptNonZeroLists, listNonZero, nonZeroListsOf } from './sparse';

describe('the non-zero pixel lists', () => {
  it('list each image’s non-zero pixels in order, as p | pixel << 16', () => {
    const pixels = new Uint8Array(3 * 784);
    pixels[0] = 255; // image 0, pixel 0
    pixels[783] = 1; // image 0, last pixel
    pixels[784 * 2 + 400] = 128; // image 2; image 1 is blank
    const { starts, entries } = listNonZero(pixels);
    expect([...starts]).toEqual([0, 2, 2, 3]);
    expect([...entries]).toEqual([0 | (255 << 16), 783 | (1 << 16), 400 | (128 << 16)]);
    expect(listNonZero(pixels, true).entries.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('are made once per pixel array, and not for a handful of images', () => {
    const big = new Uint8Array(1000 * 784).fill(7);
    const lists = nonZeroListsOf(big);
    expect(lists?.entries.length).toBe(784 * 1000);
    expect(nonZeroListsOf(big)).toBe(lists);
    expect(nonZeroListsOf(new Uint8Array(999 * 784))).toBeNull();
  });

  it('can be taken from another worker for the same images, and are refused for another count of images', () => {
    const pixels = new Uint8Array(1200 * 784);
    pixels[5] = 9;
    const theirs = listNonZero(pixels, true);
    adoptNonZeroLists(pixels, theirs);
    expect(nonZeroListsOf(pixels)).toBe(theirs);
    const other = new Uint8Array(1300 * 784); // another count of images: made afresh
    adoptNonZeroLists(other, theirs);
    expect(nonZeroListsOf(other)?.starts.length).toBe(1301);
  });
});
