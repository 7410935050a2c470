import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/**
 * The training panel under a hostile but fair user and a failing network: slow data, Stop
 * during loading, a worker script that does not arrive, a worker that dies, a helper that
 * fails, a truncated download; and the server's answers (404s, security headers).
 */

const panel = (page: Page) => page.getByRole('region', { name: 'Two-layer net training' });
const progress = (page: Page) => panel(page).getByRole('progressbar', { name: 'Training progress' });
const status = (page: Page) => panel(page).getByRole('status', { name: 'Training status' });
const done = async (page: Page) => Number(await progress(page).getAttribute('aria-valuenow'));

interface WorkerLogEntry {
  worker: number;
  url: string;
  type: string;
  runId?: number;
}

/**
 * Keeps a reference to every Worker the page makes and a log of what each one posts, by
 * wrapping `window.Worker` before the app loads. Test-only: the app exposes nothing.
 */
async function trackWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.Worker;
    const w = window as unknown as { __workers: Worker[]; __workerLog: WorkerLogEntry[] };
    w.__workers = [];
    w.__workerLog = [];
    class Tracked extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const index = w.__workers.push(this) - 1;
        this.addEventListener('message', (e: MessageEvent<{ type?: string; runId?: number }>) => {
          if (e.data && typeof e.data.type === 'string')
            w.__workerLog.push({ worker: index, url: String(url), type: e.data.type, runId: e.data.runId });
        });
      }
    }
    window.Worker = Tracked;
  });
}
const workerLog = (page: Page) =>
  page.evaluate(() => (window as unknown as { __workerLog: WorkerLogEntry[] }).__workerLog);
const workerCount = (page: Page) =>
  page.evaluate(() => (window as unknown as { __workers: Worker[] }).__workers.length);

/** Holds back the MNIST downloads until `release()`: a slow network, as long as the test likes. */
async function holdMnist(page: Page): Promise<{ release: () => void; requests: () => number }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let requests = 0;
  await page.route('**/mnist/*.gz', async (route) => {
    requests++;
    await gate;
    await route.continue();
  });
  return { release, requests: () => requests };
}

test('Stop during "Loading MNIST…" abandons the run: the worker trains nothing for it', async ({ page }) => {
  test.setTimeout(120_000);
  await trackWorkers(page);
  const net = await holdMnist(page);
  await page.goto('/?lang=en');
  const p = panel(page);
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(status(page)).toHaveText('Loading MNIST…');
  await expect.poll(net.requests).toBe(4); // the worker is waiting for the data
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
  await expect(p.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(p.getByRole('button', { name: 'Stop' })).toBeDisabled();

  // The data arrives after the Stop. Train again: the worker handles the first run's data
  // before this one's, so once the second run trains, the first one had its chance to.
  net.release();
  await p.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');

  const log = await workerLog(page);
  expect(log.filter((m) => m.runId === 1).map((m) => m.type)).toEqual(['loading']);
  expect(log.filter((m) => m.type === 'loaded').map((m) => m.runId)).toEqual([2]);
  expect(new Set(log.filter((m) => m.type === 'progress').map((m) => m.runId))).toEqual(new Set([2]));
  expect(await workerCount(page)).toBe(1); // one trainer (its evaluation helper is its own worker)
});

test('twenty quick Train/Stop clicks during loading end cleanly: no trainer is left running', async ({ page }) => {
  test.setTimeout(120_000);
  await trackWorkers(page);
  const net = await holdMnist(page);
  await page.goto('/?lang=en');
  const p = panel(page);
  const train = p.getByRole('button', { name: 'Train' });
  const stop = p.getByRole('button', { name: 'Stop' });
  for (let i = 0; i < 20; i++) {
    await train.click();
    await stop.click();
  }
  await expect(status(page)).toHaveText('Stopped');
  expect(await done(page)).toBe(0);

  net.release();
  await train.click();
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(0);
  const held = await done(page);
  await stop.click();
  await expect(status(page)).toHaveText('Stopped');
  expect(await done(page)).toBeGreaterThanOrEqual(held);

  const log = await workerLog(page);
  // Twenty runs were stopped while loading: none of them loaded, trained or evaluated.
  const trained = log.filter((m) => m.type !== 'loading' && m.runId !== undefined && m.runId <= 20);
  expect(trained).toEqual([]);
  expect(log.filter((m) => m.type === 'loaded').map((m) => m.runId)).toEqual([21]);
  // One trainer worker for all of it, not twenty.
  expect(new Set(log.map((m) => m.worker))).toEqual(new Set([0]));
  expect(await workerCount(page)).toBe(1);
});

test('a worker script that does not arrive: a clear error; once it is back, Retry trains with a fresh worker', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await trackWorkers(page);
  await page.route('**/trainer.worker-*.js', (route) => route.abort());
  await page.goto('/?lang=en');
  const p = panel(page);
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(status(page)).toHaveText(/^Error: the training worker could not be loaded/);
  await expect(p.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(p.getByRole('button', { name: 'Stop' })).toBeDisabled();

  await page.unroute('**/trainer.worker-*.js');
  await p.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(0);
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
  const log = await workerLog(page);
  expect(new Set(log.map((m) => m.worker))).toEqual(new Set([1])); // the first one never spoke
  expect(await workerCount(page)).toBe(2);
});

/**
 * Serves the trainer worker's script pointing at a `helper` script that does not exist, as after
 * a redeploy that removed it; returns how many references were rewritten so far.
 */
async function withoutHelper(page: Page, helper: 'stepHelper'): Promise<() => number> {
  let rewritten = 0;
  const name = new RegExp(`${helper}\\.worker-[\\w-]+\\.js`, 'g');
  await page.route('**/trainer.worker-*.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(name, () => {
      rewritten++;
      return `${helper}.worker-removed.js`;
    });
    await route.fulfill({ response, body });
  });
  return () => rewritten;
}

test('a step helper whose script is gone: every step and evaluation goes on on one core, and the "×2" goes', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The helper is a worker the trainer worker starts; its request is not the page's to route,
  // so the trainer's script is served pointing at a helper file that does not exist, as after
  // a redeploy that removed it. (Evaluations go through the same helper: there is no other.)
  const rewritten = await withoutHelper(page, 'stepHelper');
  await page.goto('/?lang=en');
  const p = panel(page);
  await p.getByLabel('Iterations', { exact: true }).fill('200000');
  await p.getByRole('button', { name: 'Train' }).click();
  const table = p.getByRole('table', { name: 'Accuracy by epoch' });
  // Epochs 0 and 1 evaluated (iterations 0 and 600), and training goes on past them.
  await expect.poll(() => table.getByRole('row').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  // Every image counted: right after the first step a guess's ~0.1, after one epoch the book's ~0.9.
  for (const [row, least] of [
    [1, 0],
    [2, 0.8],
  ]) {
    const cells = table.getByRole('row').nth(row).getByRole('cell');
    expect(Number(await cells.nth(0).textContent())).toBeGreaterThan(least);
    expect(Number(await cells.nth(1).textContent())).toBeGreaterThan(least);
  }
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(700);
  await expect(p.locator('.progress-text')).toContainText(/wasm-(relaxed-)?simd/);
  await expect(p.locator('.progress-text')).not.toContainText('×2');
  expect(rewritten()).toBe(1);
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
});

test('a worker that dies mid-run: the error is shown, the curves stay, Train runs a fresh worker', async ({ page }) => {
  test.setTimeout(180_000);
  await trackWorkers(page);
  await page.goto('/?lang=en');
  const p = panel(page);
  await p.getByLabel('Iterations', { exact: true }).fill('200000');
  await p.getByRole('button', { name: 'Train' }).click();
  const table = p.getByRole('table', { name: 'Accuracy by epoch' });
  // Epoch 0's row (on two cores, later ones may come between two looks).
  await expect.poll(() => table.getByRole('row').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(50);

  // The rows on screen at the moment the worker dies, counted in the same task that kills it.
  const rowsAtDeath = await page.evaluate(() => {
    const rows = document.querySelectorAll('table[aria-label="Accuracy by epoch"] tr').length;
    (window as unknown as { __workers: Worker[] }).__workers[0].terminate();
    return rows;
  });
  await expect(status(page)).toHaveText(/^Error: the training worker stopped unexpectedly/);
  const at = await done(page);
  expect(at).toBeGreaterThan(50);
  await expect(p.getByRole('button', { name: 'Train' })).toBeEnabled();
  await expect(p.getByRole('button', { name: 'Stop' })).toBeDisabled();
  await expect(p.getByRole('button', { name: 'Pause' })).toBeDisabled();
  // What came before the death stays: every row that was there (epoch 0 first), and the loss curve.
  expect(rowsAtDeath).toBeGreaterThanOrEqual(2);
  await expect(table.getByRole('row')).toHaveCount(rowsAtDeath);
  await expect(table.getByRole('row').nth(1).getByRole('rowheader')).toHaveText('0');
  await expect(p.getByRole('img', { name: 'Loss curve' }).locator('path.loss-raw')).toHaveAttribute('d', /M.+L/);

  const before = await workerCount(page);
  await p.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(0);
  expect(await workerCount(page)).toBeGreaterThan(before);
  const fresh = (await workerLog(page)).filter((m) => m.type === 'progress' && m.runId === 2);
  expect(fresh.length).toBeGreaterThan(0);
  expect(fresh.every((m) => m.worker === before)).toBe(true);
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
});

test('a worker that dies during the gradient check: the check ends with the error and can run again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await trackWorkers(page);
  await page.goto('/?lang=en');
  const p = panel(page);
  const run = p.getByRole('button', { name: 'Run gradient check' });
  await run.click();
  const bar = p.getByRole('progressbar', { name: 'Numerical gradient progress' });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.evaluate(() => (window as unknown as { __workers: Worker[] }).__workers[0].terminate());
  await expect(p.getByRole('alert')).toHaveText(/^Error: the training worker stopped unexpectedly/);
  await expect(run).toBeEnabled();
  await expect(status(page)).toHaveText('Ready. Press Train to start.');
  await run.click();
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  expect(await workerCount(page)).toBeGreaterThanOrEqual(2);
  await p.getByRole('button', { name: 'Cancel gradient check' }).click();
  await expect(p.getByText('Gradient check cancelled.')).toBeVisible();
});

/** Serves the first half of the test labels' gzip, as a cut-short download would leave it. */
async function truncateTestLabels(page: Page): Promise<{ bytes: () => number }> {
  let bytes = 0;
  await page.route('**/mnist/t10k-labels-idx1-ubyte.gz', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    bytes = body.length >> 1;
    await route.fulfill({ response, body: body.subarray(0, bytes) });
  });
  return { bytes: () => bytes };
}

test('a truncated gzip is named precisely', async ({ page }) => {
  const cut = await truncateTestLabels(page);
  await page.goto('/?lang=en');
  await panel(page).getByRole('button', { name: 'Train' }).click();
  await expect(status(page)).toHaveText(/^Error: t10k-labels-idx1-ubyte\.gz is cut short/);
  expect(cut.bytes()).toBeGreaterThan(1000);
  await expect(status(page)).toHaveText(
    `Error: t10k-labels-idx1-ubyte.gz is cut short: its ${cut.bytes()} bytes end before the compressed data does (an interrupted download, or a truncated copy on the server). Try again to download it anew.`,
  );
  await expect(panel(page).getByRole('button', { name: 'Train' })).toBeEnabled();
});

test('a data error from the worker reads in Korean on the Korean page', async ({ page }) => {
  const cut = await truncateTestLabels(page);
  await page.goto('/?lang=ko');
  const p = page.getByRole('region', { name: '2층 신경망 학습' });
  await p.getByRole('button', { name: '학습', exact: true }).click();
  const s = p.getByRole('status', { name: '학습 상태' });
  await expect(s).toHaveText(/^오류: t10k-labels-idx1-ubyte\.gz 파일이 중간에 잘렸습니다/);
  await expect(s).toHaveText(
    `오류: t10k-labels-idx1-ubyte.gz 파일이 중간에 잘렸습니다: ${cut.bytes()}바이트에서 압축 데이터가 끝나지 않습니다(내려받기가 중단되었거나 서버의 파일이 잘렸습니다). 다시 시도하면 새로 내려받습니다.`,
  );
  // Switching the language rewords the same error: it is kept as a code, not as text.
  await page.getByRole('button', { name: '언어' }).click();
  await expect(status(page)).toHaveText(/^Error: t10k-labels-idx1-ubyte\.gz is cut short/);
});

test('the MNIST route answers 404 for names it does not serve, never 500', async ({ page }) => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope', 'train-images']) {
    const r = await page.request.get(`/mnist/${name}.gz`);
    expect(r.status(), name).toBe(404);
    expect(await r.text(), name).toBe('Not found');
  }
  const ok = await page.request.get('/mnist/t10k-labels-idx1-ubyte.gz');
  expect(ok.status()).toBe(200);
  expect(ok.headers()['content-type']).toBe('application/gzip');
  expect(ok.headers()['content-encoding']).toBeUndefined();
});

test('security headers and a strict Content-Security-Policy that the app, its workers, wasm and KaTeX live with', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const r = await page.request.get('/');
  const h = r.headers();
  const csp = h['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain('unsafe-eval;');
  expect(csp).toContain("style-src 'self' 'unsafe-inline'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['x-frame-options']).toBe('DENY');

  // The build carries the policy in a <meta> too (for hosts that send no headers), without the
  // header-only frame-ancestors.
  const meta = await r.text();
  expect(meta).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src/);
  expect(meta).not.toMatch(/<meta http-equiv="Content-Security-Policy"[^>]*frame-ancestors/);

  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto('/?lang=en&graph=sigmoid');
  const g = page.getByRole('region', { name: 'Computational graph' });
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(g.locator('.katex').first()).toBeVisible(); // KaTeX's inline styles are allowed
  const p = panel(page);
  await p.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(0);
  // The worker compiled its WebAssembly kernels under the policy.
  await expect(p.locator('.progress-text')).toContainText('wasm');
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
});
