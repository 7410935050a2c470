import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const panel = (page: Page) => page.getByRole('region', { name: 'Two-layer net training' });

test('installable, and once loaded it works offline: reload, step a graph, train on MNIST', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?lang=en&graph=apple-orange');
  // Installable: a manifest with a name, a start URL and 192 and 512 pixel icons.
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(href!, page.url()).href)).json();
  expect(manifest).toMatchObject({ name: 'Backprop Lab', display: 'standalone', start_url: './' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  // The service worker has installed (its precache, MNIST included, is complete) and is active.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL('/', page.url()).href);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  expect(cached).toEqual(expect.arrayContaining(['/index.html', '/mnist/train-images-idx3-ubyte.gz']));

  await context.setOffline(true);
  // What the page and its workers get offline comes from the service worker.
  const served: [string, boolean][] = [];
  page.on('response', (r) => served.push([new URL(r.url()).pathname, r.fromServiceWorker()]));
  await page.reload();
  const g = page.getByRole('region', { name: 'Computational graph' });
  await expect(g.getByRole('combobox', { name: 'Graph' })).toHaveValue('apple-orange');
  for (let i = 0; i < 4; i++) await g.getByRole('button', { name: 'Step forward' }).click();
  await expect(g.getByRole('status', { name: 'Step description' })).toContainText('650 × 1.1 = 715');
  // Served from the cache with the headers it was stored with: still cross-origin isolated.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  const p = panel(page);
  await p.getByLabel('Iterations', { exact: true }).fill('600');
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(p.getByRole('status', { name: 'Training status' })).toHaveText('Finished', { timeout: 60_000 });
  const rows = p.getByRole('table', { name: 'Accuracy by epoch' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  expect(Number(await rows.last().getByRole('cell').nth(1).textContent())).toBeGreaterThan(0.88);
  expect(served).toEqual(
    expect.arrayContaining([
      ['/', true],
      ['/mnist/train-images-idx3-ubyte.gz', true],
      ['/mnist/t10k-labels-idx1-ubyte.gz', true],
    ]),
  );
  expect(served.filter(([, sw]) => !sw)).toEqual([]);
  // A page opened offline at another address is the app too.
  await page.goto('/?lang=ko&graph=relu');
  await expect(page.getByRole('combobox', { name: '그래프' })).toBeVisible();
  await context.setOffline(false);
});
