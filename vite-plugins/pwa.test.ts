import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzippedMnist, MNIST_SHA256 } from './mnist';
import { PRECACHE_LIMIT_BYTES, pwaOptions } from './pwa';

describe('the service worker settings', () => {
  it('precache the MNIST files: the largest fits under the limit', () => {
    const w = pwaOptions.workbox!;
    expect(w.globPatterns).toContain('mnist/*.gz');
    for (const name of Object.keys(MNIST_SHA256)) {
      expect(gzippedMnist(name).length).toBeLessThan(PRECACHE_LIMIT_BYTES);
    }
    expect(w.maximumFileSizeToCacheInBytes).toBe(PRECACHE_LIMIT_BYTES);
  });

  it('take a new version at the next visit, never in the middle of a run, and inject no inline script', () => {
    expect(pwaOptions.workbox).toMatchObject({
      skipWaiting: false,
      clientsClaim: false,
      navigateFallback: 'index.html',
    });
    expect(pwaOptions.injectRegister).toBe(false);
  });

  it('name icons that exist, a 192 and a 512 among them', () => {
    const icons = (pwaOptions.manifest && pwaOptions.manifest.icons) || [];
    expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const i of icons) expect(statSync(new URL(`../public/${i.src}`, import.meta.url)).size).toBeGreaterThan(100);
  });
});
