import type { Page } from '@playwright/test';
import { idxImages, idxLabels } from '../src/testing/idxBytes';
import { syntheticMnist } from '../src/testing/syntheticMnist';
import { expect, test } from './fixtures';

/** Issue 24, item 5: a button pressed by keyboard that goes away or is disabled keeps focus in the page. */

const graph = (page: Page) => page.getByRole('region', { name: 'Computational graph' });
const panel = (page: Page) => page.getByRole('region', { name: 'Two-layer net training' });
const onBody = (page: Page) =>
  page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

async function pressOn(page: Page, button: ReturnType<Page['getByRole']>, key = 'Enter'): Promise<void> {
  await button.focus();
  await page.keyboard.press(key);
}

test('Enter on Dismiss moves focus to the other notice, then to the Graph select', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine&step=abc');
  const g = graph(page);
  const ignored = g.getByRole('status', { name: 'Ignored link parameters' });
  await expect(ignored).toBeVisible();
  const two = `2.${'0'.repeat(300)}`;
  await g.getByLabel('W', { exact: true }).fill(`[[${two}, 4, 6], [4, 3, ${two}]]`);
  const omitted = g.getByRole('status', { name: 'Values left out of the link' });
  await expect(omitted).toBeVisible();
  await pressOn(page, ignored.getByRole('button', { name: 'Dismiss' }));
  await expect(ignored).toHaveCount(0);
  await expect(omitted.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(omitted).toHaveCount(0);
  expect(await onBody(page)).toBe(false);
  await expect(page.getByRole('combobox', { name: 'Graph' })).toBeFocused();
});

test('Enter on Run gradient check focuses Cancel; Enter on Cancel focuses Run again', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?lang=en&view=training');
  const p = panel(page);
  const run = p.getByRole('button', { name: 'Run gradient check' });
  await pressOn(page, run);
  await expect(run).toBeDisabled();
  const cancel = p.getByRole('button', { name: 'Cancel gradient check' });
  await expect(cancel).toBeFocused();
  expect(await onBody(page)).toBe(false);
  await page.keyboard.press('Enter');
  await expect(p.getByText('Gradient check cancelled.')).toBeVisible({ timeout: 60_000 });
  await expect(run).toBeFocused();
  expect(await onBody(page)).toBe(false);
});

test('Enter on Clear saved run keeps focus beside it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en&view=training');
  const p = panel(page);
  await p.getByLabel('Iterations', { exact: true }).fill('1');
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(p.getByRole('status', { name: 'Training status' })).toHaveText('Finished', { timeout: 90_000 });
  const clear = p.getByRole('button', { name: 'Clear saved run' });
  await expect(clear).toBeEnabled();
  await pressOn(page, clear);
  await expect(p.getByText('The saved run is forgotten.')).toBeVisible();
  await expect(clear).toBeDisabled();
  await expect(p.getByLabel('Import weights')).toBeFocused();
  expect(await onBody(page)).toBe(false);
});

test('Enter on Use MNIST focuses Load IDX files', async ({ page }) => {
  await page.goto('/?lang=en&view=training');
  const p = panel(page);
  const data = syntheticMnist(100, 20, 3);
  const file = (name: string, bytes: Uint8Array) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(bytes),
  });
  await p
    .getByLabel('Load IDX files')
    .setInputFiles([
      file('train-images-idx3-ubyte', idxImages(data.train)),
      file('train-labels-idx1-ubyte', idxLabels(data.train.labels)),
      file('t10k-images-idx3-ubyte', idxImages(data.test)),
      file('t10k-labels-idx1-ubyte', idxLabels(data.test.labels)),
    ]);
  const mnist = p.getByRole('button', { name: 'Use MNIST' });
  await expect(mnist).toBeEnabled();
  await pressOn(page, mnist);
  await expect(mnist).toBeDisabled();
  await expect(p.getByLabel('Load IDX files')).toBeFocused();
  expect(await onBody(page)).toBe(false);
});
