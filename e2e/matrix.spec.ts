import type { Page } from '@playwright/test';
import { test, expect, shot, axeSerious } from './fixtures';

const region = (page: Page) => page.getByRole('region', { name: 'Computational graph' });
const table = (page: Page) => region(page).getByRole('table', { name: 'Values' });
const row = (page: Page, name: string) =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const cell = (page: Page, name: string, col: 'Value' | 'Gradient' | 'Shape') =>
  row(page, name).getByRole('cell').nth({ Value: 0, Gradient: 1, Shape: 2 }[col]);

test("Affine: the book's batch example, with shapes and dB = Σ dY over axis 0", async ({ page }) => {
  await page.goto('/?lang=en&graph=affine');
  await expect(page.getByRole('combobox', { name: 'Graph' })).toHaveValue('affine');
  await expect(table(page).getByRole('columnheader', { name: 'Shape' })).toBeVisible();
  const names = await table(page).getByRole('rowheader').allInnerTexts();
  expect(names).toEqual(['X', 'W', 'X_dot_W', 'B', 'Y']);
  const g = region(page);
  await g.getByRole('button', { name: 'Step forward' }).click();
  await expect(g.getByRole('status', { name: 'Step description' })).toContainText('Forward 1/2');
  await expect(cell(page, 'X_dot_W', 'Value')).toHaveText('[[0, 0, 0], [10, 10, 10]]');
  await expect(cell(page, 'Y', 'Value')).toHaveText('—');
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(cell(page, 'Y', 'Value')).toHaveText('[[1, 2, 3], [11, 12, 13]]');
  await expect(cell(page, 'Y', 'Shape')).toHaveText('(2, 3)');
  await expect(cell(page, 'B', 'Shape')).toHaveText('(3,)');
  await expect(cell(page, 'B', 'Gradient')).toHaveText('[5, 7, 9]');
  await expect(cell(page, 'Y', 'Gradient')).toHaveText('[[1, 2, 3], [4, 5, 6]]');
  await expect(cell(page, 'W', 'Gradient')).toHaveText('[[4, 5, 6], [8, 10, 12]]');
  await expect(g.getByRole('status', { name: 'Step description' })).toContainText(
    'dX = dX_dot_W · Wᵀ: (2, 3) · (3, 2) → (2, 2)',
  );
  // Edit the upstream gradient: dB follows.
  await g.getByLabel('dY', { exact: true }).fill('[[1, 1, 1], [1, 1, 1]]');
  await expect(cell(page, 'B', 'Gradient')).toHaveText('[2, 2, 2]');
  await shot(page, 'affine');
});

test('bad literals and shapes that do not fit are flagged, naming the shapes; nothing is lost', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine&step=4');
  const g = region(page);
  const X = g.getByLabel('X', { exact: true });
  const W = g.getByLabel('W', { exact: true });
  const message = async (field: typeof X) => page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`);
  for (const [text, expected] of [
    ['[[1, 2], [3]', /does not parse/],
    ['[[1, 2], [3]]', /same number of entries/],
    ['[[1, abc]]', /does not parse/],
    ['', /Enter a number or a NumPy-style literal/],
  ] as const) {
    await X.fill(text);
    await expect(X).toHaveAttribute('aria-invalid', 'true');
    await expect(await message(X)).toHaveText(expected);
    await expect(cell(page, 'Y', 'Value')).toHaveText('[[1, 2, 3], [11, 12, 13]]');
  }
  await X.fill('[[1, 2], [3, 4]]');
  await expect(X).toHaveAttribute('aria-invalid', 'false');
  await W.fill('[[1, 2, 3]]');
  await expect(W).toHaveAttribute('aria-invalid', 'true');
  await expect(await message(W)).toContainText('X (2, 2) · W (1, 3)');
  await shot(page, 'affine-bad-shape');
  await W.fill('[[1, 0, 0], [0, 1, 0]]');
  await expect(W).toHaveAttribute('aria-invalid', 'false');
  await expect(cell(page, 'Y', 'Value')).toHaveText('[[2, 4, 3], [4, 6, 3]]');
  await g.getByLabel('B', { exact: true }).fill('[1, 2]');
  await expect(await message(g.getByLabel('B', { exact: true }))).toContainText('B (2,)');
});

test("Softmax-with-Loss: the book's two cases give y − t", async ({ page }) => {
  await page.goto('/?lang=en&graph=softmax-loss');
  const g = region(page);
  expect(await table(page).getByRole('rowheader').allInnerTexts()).toEqual(['a', 'y', 't', 'L']);
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(cell(page, 'y', 'Value')).toHaveText('[0.3, 0.2, 0.5]');
  await expect(cell(page, 'a', 'Gradient')).toHaveText('[0.3, -0.8, 0.5]');
  await expect(g.getByRole('status', { name: 'Step description' })).toContainText('y − t');
  await g.getByRole('button', { name: /a small error/ }).click();
  await expect(cell(page, 'y', 'Value')).toHaveText('[0.01, 0.99, 0]');
  await expect(cell(page, 'a', 'Gradient')).toHaveText('[0.01, -0.01, 0]');
  await shot(page, 'softmax-loss');
  const t = g.getByLabel('t', { exact: true });
  await t.fill('[0.5, 0.5, 0]');
  await expect(page.locator(`[id="${await t.getAttribute('aria-describedby')}"]`)).toContainText('one-hot');
  await t.fill('[0, 1]');
  await expect(page.locator(`[id="${await t.getAttribute('aria-describedby')}"]`)).toContainText(
    't (2,) does not match y (3,)',
  );
  await expect(cell(page, 'a', 'Gradient')).toHaveText('[0.01, -0.01, 0]');
  await g.getByRole('button', { name: /a large error/ }).click();
  await expect(t).toHaveAttribute('aria-invalid', 'false');
  await expect(cell(page, 'a', 'Gradient')).toHaveText('[0.3, -0.8, 0.5]');
});

test('the two-layer net: one MNIST test image forward to the loss and back to W1', async ({ page }) => {
  await page.goto('/?lang=en&graph=two-layer-net');
  const g = region(page);
  const trace = g.getByRole('region', { name: 'Trace one image through the two-layer net' });
  await expect(trace.getByText('Input x: 28 × 28 pixels, label 7')).toBeVisible();
  const names = await table(page).getByRole('rowheader').allInnerTexts();
  for (const n of ['x', 'W1', 'b1', 'W2', 'b2', 'loss']) expect(names).toContain(n);
  await expect(cell(page, 'x', 'Shape')).toHaveText('(1, 784)');
  await expect(cell(page, 'W1', 'Shape')).toHaveText('(784, 50)');
  for (let i = 0; i < 4; i++) await g.getByRole('button', { name: 'Step forward' }).click();
  // A fresh net guesses: the loss is close to ln 10.
  const loss = Number(await cell(page, 'loss', 'Value').textContent());
  expect(loss).toBeGreaterThan(2.2);
  expect(loss).toBeLessThan(2.4);
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(trace.getByRole('img', { name: /dW1 = xᵀ · dout/ })).toBeVisible();
  await expect(trace.getByRole('img', { name: /W1: what each of the 50 hidden units/ })).toBeVisible();
  await expect(cell(page, 'W1', 'Gradient')).toContainText('min');
  await trace.getByLabel('Test image').fill('1');
  await expect(trace.getByText('Input x: 28 × 28 pixels, label 2')).toBeVisible();
  await expect(page).toHaveURL(/image=1/);
  // Draw a vertical stroke on the pad: the drawing is traced instead.
  const pad = trace.getByRole('img', { name: /Drawing pad/ });
  // The mouse draws where the pad is on screen: bring it into view first.
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + 0.06 * i));
  await page.mouse.up();
  await expect(trace.getByText('Input x: your drawing, meant as 0')).toBeVisible();
  await trace.getByLabel('It is a').selectOption('1');
  await expect(trace.getByText('Input x: your drawing, meant as 1')).toBeVisible();
  expect(Number(await cell(page, 'loss', 'Value').textContent())).toBeGreaterThan(0);
  await shot(page, 'two-layer-net-drawn');
  await trace.getByRole('button', { name: 'Clear the drawing' }).click();
  await expect(trace.getByText('Input x: 28 × 28 pixels, label 2')).toBeVisible();
  await shot(page, 'two-layer-net');
  expect(await axeSerious(page)).toEqual([]);
  await page.goto('/?lang=ko&graph=softmax-loss&step=4');
  expect(await axeSerious(page)).toEqual([]);
});

test('the two-layer net follows the net actually trained: hidden size 30 gives W1 (784, 30), 30 units and 30 tiles', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en&graph=two-layer-net');
  const train = page.getByRole('region', { name: 'Two-layer net training' });
  await train.getByLabel('Hidden layers', { exact: true }).fill('30');
  await train.getByLabel('Iterations', { exact: true }).fill('20');
  await train.getByRole('button', { name: 'Train' }).click();
  await expect(train.getByRole('status', { name: 'Training status' })).toHaveText('Finished', { timeout: 60_000 });
  const g = region(page);
  await expect(cell(page, 'W1', 'Shape')).toHaveText('(784, 30)');
  await expect(cell(page, 'b1', 'Shape')).toHaveText('(30,)');
  await g.getByRole('button', { name: 'Run to end' }).click();
  const trace = g.getByRole('region', { name: 'Trace one image through the two-layer net' });
  await expect(trace.getByText('Hidden activations z1 = ReLU(x·W1 + b1), 30 units').first()).toBeVisible();
  await expect(trace.getByRole('img', { name: /W1: what each of the 30 hidden units/ })).toBeVisible();
  await expect(trace).not.toContainText(/\b50\b/);
});

test('a deeper net traced: a node per layer (Affine, BatchNorm, Relu, Dropout, …, SoftmaxWithLoss), its shapes, in test mode', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(
    '/?lang=en&graph=two-layer-net&layers=20,12&batchnorm=1&dropout=0.2&init=he&optimizer=adam&lr=0.001&iters=30',
  );
  const train = page.getByRole('region', { name: 'Two-layer net training' });
  await train.getByRole('button', { name: 'Train' }).click();
  await expect(train.getByRole('status', { name: 'Training status' })).toHaveText('Finished', { timeout: 60_000 });
  const g = region(page);
  // Every array of the net is an input, with the book's shapes.
  await expect(cell(page, 'W1', 'Shape')).toHaveText('(784, 20)');
  await expect(cell(page, 'W2', 'Shape')).toHaveText('(20, 12)');
  await expect(cell(page, 'W3', 'Shape')).toHaveText('(12, 10)');
  await expect(cell(page, 'gamma2', 'Shape')).toHaveText('(12,)');
  await expect(cell(page, 'running_var1', 'Shape')).toHaveText('(20,)');
  await expect(cell(page, 'n1', 'Shape')).toHaveText('(1, 20)');
  await expect(cell(page, 'a3', 'Shape')).toHaveText('(1, 10)');
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(g.getByRole('slider', { name: 'Step', exact: true })).toHaveValue('20');
  const trace = g.getByRole('region', { name: 'Trace one image through the two-layer net' });
  await expect(trace).toContainText('784-20-12-10, after iteration 30, traced in test mode');
  await expect(trace.getByText("The first hidden layer's output z1 (Relu1), 20 units").first()).toBeVisible();
  await expect(trace.getByText('Scores a3 = d2·W3 + b3').first()).toBeVisible();
  await expect(trace.getByRole('img', { name: /dW1 = xᵀ · dout/ })).toBeVisible();
  // The listing is MultiLayerNetExtend's, each layer on its line.
  const code = page.getByRole('region', { name: 'Book code for Two-layer net' });
  await expect(code).toContainText('common/multi_layer_net_extend.py: 784-20-12-10');
  for (const label of ['Affine1', 'BatchNorm1', 'Relu1', 'Dropout1', 'Affine3', 'BatchNorm2'])
    await expect(code).toContainText(`# ${label}`);
  expect(Number(await cell(page, 'loss', 'Value').textContent())).toBeGreaterThan(0);
  await shot(page, 'deep-net-traced');
});
