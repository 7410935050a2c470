import type { Page } from '@playwright/test';
import { test, expect, shot, axeSerious } from './fixtures';

const panel = (page: Page) => page.getByRole('region', { name: 'Two-layer net training' });
const progress = (page: Page) => panel(page).getByRole('progressbar', { name: 'Training progress' });
const status = (page: Page) => panel(page).getByRole('status', { name: 'Training status' });
const done = async (page: Page) => Number(await progress(page).getAttribute('aria-valuenow'));

test("a short real run on MNIST reaches the book's accuracy after the first epoch", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/?lang=en');
  const p = panel(page);
  for (const [label, value] of [
    ['Hidden layers', '50'],
    ['Learning rate', '0.1'],
    ['Batch size', '100'],
    ['Iterations', '10000'],
    ['Weight init std', '0.01'],
  ]) {
    await expect(p.getByLabel(label, { exact: true })).toHaveValue(value);
  }
  await p.getByLabel('Iterations', { exact: true }).fill('1200');
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(p.getByRole('button', { name: 'Train' })).toBeDisabled();
  await expect(progress(page)).toHaveAttribute('aria-valuemax', '1200');
  const table = p.getByRole('table', { name: 'Accuracy by epoch' });
  // header, epoch 0, epoch 1 (the run is fast enough that the final row may already follow)
  await expect.poll(() => table.getByRole('row').count(), { timeout: 180_000 }).toBeGreaterThanOrEqual(3);
  const epoch1 = table.getByRole('row').nth(2).getByRole('cell');
  const test1 = Number(await epoch1.nth(1).textContent());
  expect(test1).toBeGreaterThanOrEqual(0.88); // the book: 0.9015
  await expect(status(page)).toHaveText('Finished', { timeout: 180_000 });
  await expect(table.getByRole('row')).toHaveCount(4); // + the final weights after iteration 1199
  await expect(table.getByRole('row').nth(3).getByRole('rowheader')).toHaveText('2 (final)');
  expect(await done(page)).toBe(1200);
  // The preview server isolates the page (COOP/COEP): every step ran on both cores.
  await expect(p.locator('.progress-text')).toContainText(/wasm-(relaxed-)?simd ×2/);
  await expect(p.getByRole('img', { name: 'Loss curve' }).locator('path.loss-raw')).toHaveAttribute('d', /M.+L/);
  await expect(p.getByRole('img', { name: 'Accuracy curve' }).locator('circle')).toHaveCount(3);
  await expect(p.getByRole('region', { name: 'Test digit predictions' }).getByRole('listitem')).toHaveCount(24);
  await shot(page, 'training-finished');
  expect(await axeSerious(page)).toEqual([]);

  // The two-layer-net graph now traces the trained weights: the loss on test image 0 drops from ~2.3.
  await page.getByRole('combobox', { name: 'Graph' }).selectOption('two-layer-net');
  const g = page.getByRole('region', { name: 'Computational graph' });
  await expect(g.getByText('the net from the training panel, after iteration 1200')).toBeVisible();
  await expect(g.getByText('Input x: 28 × 28 pixels, label 7')).toBeVisible();
  await g.getByRole('button', { name: 'Run to end' }).click();
  const lossRow = g
    .getByRole('table', { name: 'Values' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'loss', exact: true }) });
  expect(Number(await lossRow.getByRole('cell').first().textContent())).toBeLessThan(1);
});

test('pause holds progress, resume goes on, stop ends the run and keeps the curves; the graph panel stays live', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en&graph=apple-orange');
  const p = panel(page);
  // Long enough that the run cannot finish while the test pauses, resumes and stops it.
  await p.getByLabel('Iterations', { exact: true }).fill('200000');
  await p.getByRole('button', { name: 'Train' }).click();
  await expect.poll(() => done(page), { timeout: 60_000 }).toBeGreaterThan(50);
  await expect
    .poll(() => p.getByRole('table', { name: 'Accuracy by epoch' }).getByRole('row').count())
    .toBeGreaterThanOrEqual(2);
  // While it runs, the status names the latest evaluation in the book's format.
  await expect(status(page)).toHaveText(
    /^(Epoch \d+: train 0\.\d{4}, test 0\.\d{4}|Evaluating on all 70,000 images…)$/,
  );

  // The main thread stays free while the worker trains. Measured once the page has drawn its
  // first curves (start-up compilation is not training), as total blocking time: the sum over
  // long tasks of their time beyond 50 ms. Our handlers take ~2 ms per message (profiled); on a
  // 2-core machine whose other core is the worker's, the OS scheduler now and then stretches a
  // task to 51-69 ms wall time, so a single task is not the measure, the sum is.
  await page.waitForTimeout(1000);
  const longTasks = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        const obs = new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => seen.push(Math.round(e.duration))),
        );
        obs.observe({ type: 'longtask' });
        setTimeout(() => {
          obs.disconnect();
          resolve(seen);
        }, 3000);
      }),
  );
  const blocking = longTasks.reduce((sum, d) => sum + (d - 50), 0);
  test.info().annotations.push({ type: 'long tasks (ms)', description: JSON.stringify(longTasks) });
  expect(blocking, `long tasks: ${JSON.stringify(longTasks)}`).toBeLessThanOrEqual(50);
  expect(
    longTasks.every((d) => d < 100),
    `long tasks: ${JSON.stringify(longTasks)}`,
  ).toBe(true);
  const g = page.getByRole('region', { name: 'Computational graph' });
  for (let i = 0; i < 8; i++) await g.getByRole('button', { name: 'Step forward' }).click();
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('8');

  await p.getByRole('button', { name: 'Pause' }).click();
  await expect(p.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(status(page)).toContainText('Paused');
  const held = await done(page);
  await page.waitForTimeout(1500);
  expect(await done(page)).toBe(held);
  await p.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => done(page), { timeout: 30_000 }).toBeGreaterThan(held);
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(status(page)).toHaveText('Stopped');
  const stoppedAt = await done(page);
  await page.waitForTimeout(1000);
  expect(await done(page)).toBe(stoppedAt);
  await expect(p.getByRole('img', { name: 'Loss curve' }).locator('path.loss-raw')).toHaveAttribute('d', /M.+L/);
  await expect(p.getByRole('button', { name: 'Train' })).toBeEnabled();
});

test('bad hyperparameters are flagged beside their field and Train stays disabled', async ({ page }) => {
  await page.goto('/?lang=en');
  const p = panel(page);
  const cases: [string, string, RegExp][] = [
    ['Learning rate', '-0.1', /greater than 0/],
    ['Learning rate', 'abc', /not a number/],
    ['Batch size', '0', /whole number from 1/],
    ['Hidden layers', '2.5', /not a whole number/],
    ['Iterations', '', /Enter a number/],
    ['Weight init std', 'Infinity', /not a number/],
    ['Seed', '-1', /whole number/],
  ];
  for (const [label, value, message] of cases) {
    const field = p.getByLabel(label, { exact: true });
    const before = await field.inputValue();
    await field.fill(value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`)).toHaveText(message);
    await expect(p.getByRole('button', { name: 'Train' })).toBeDisabled();
    await field.fill(before);
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await expect(p.getByRole('button', { name: 'Train' })).toBeEnabled();
  }
  await p.getByLabel('Learning rate', { exact: true }).fill('-1');
  await shot(page, 'training-bad-input');
});

test('a diverging run (learning rate 50) stops with a clear message and keeps its curve', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en');
  const p = panel(page);
  await p.getByLabel('Learning rate', { exact: true }).fill('50');
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(status(page)).toContainText('diverged', { timeout: 60_000 });
  await expect(status(page)).toContainText('smaller learning rate');
  await expect(p.getByRole('img', { name: 'Loss curve' }).locator('path.loss-raw')).toHaveAttribute('d', /M/);
  await expect(p.getByRole('button', { name: 'Train' })).toBeEnabled();
  await shot(page, 'training-diverged');
});

test('the gradient check: backprop equals the numerical gradient, thousands of times faster', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/?lang=en');
  const p = panel(page);
  await p.getByRole('button', { name: 'Run gradient check' }).click();
  await expect(p.getByRole('progressbar', { name: 'Numerical gradient progress' })).toBeVisible();
  const table = p.getByRole('table', { name: 'Gradient check' });
  await expect(table.getByRole('columnheader', { name: 'Mean absolute difference' })).toBeVisible();
  const cellOf = (k: string) =>
    table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: k, exact: true }) })
      .getByRole('cell');
  await expect(cellOf('b2')).not.toHaveText('—', { timeout: 200_000 });
  for (const k of ['W1', 'b1', 'W2', 'b2']) {
    const v = Number(await cellOf(k).textContent());
    expect(v, k).toBeLessThanOrEqual(1e-9);
    expect(v, k).toBeGreaterThanOrEqual(0);
  }
  await expect(p.getByLabel('Numerical gradient time')).toHaveText(/\d+(\.\d+)? s/);
  await expect(p.getByLabel('Backpropagation time')).toHaveText(/\d+(\.\d+)? (µs|ms)/);
  await expect(p.getByLabel('Speedup')).toHaveText(/[\d,]+× faster/);
  await shot(page, 'gradient-check');
});
