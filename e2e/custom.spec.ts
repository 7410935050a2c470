import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const region = (page: Page) => page.getByRole('region', { name: 'Computational graph' });
const cell = (page: Page, name: string, col: 1 | 2 | 3) =>
  region(page)
    .getByRole('table', { name: 'Values' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
    .locator('td')
    .nth(col - 1);

test('your own graph: write lines, step through their backprop, edit an input, share the link', async ({
  page,
  context,
}) => {
  await page.goto('/?lang=en');
  await page.getByRole('combobox', { name: 'Graph' }).selectOption({ label: 'Your own graph' });
  const g = region(page);
  const field = g.getByLabel('Expression', { exact: true });
  await expect(field).toBeVisible();
  await field.fill('x = 2.0\ny = -3.0\nt = x + y\nz = t ** 2');
  await field.blur();
  const slider = g.getByRole('slider', { name: 'Step' });
  await expect(slider).toHaveAttribute('max', '4');
  await expect(g.getByLabel('x', { exact: true })).toHaveValue('2');
  const status = g.getByRole('status', { name: 'Step description' });
  const forward = g.getByRole('button', { name: 'Step forward' });
  await forward.click();
  await expect(status).toHaveText('Forward 1/2: 2 + -3 = -1');
  await forward.click();
  await expect(status).toHaveText('Forward 2/2: -1² = 1');
  await expect(cell(page, 'z', 1)).toHaveText('1');
  await forward.click();
  await expect(status).toContainText('Backward 1/2: upstream 1 × local -2 = -2 → t');
  await forward.click();
  await expect(status).toContainText('upstream -2 × local 1 = -2 → x; upstream -2 × local 1 = -2 → y');
  await expect(cell(page, 'x', 2)).toHaveText('-2');
  // The book-style backward line the engine ran is lit in the code panel.
  await expect(g.locator('.code .line.current')).toHaveText(/dx, dy = dt \* 1, dt \* 1/);

  // An input edit recomputes at the same step.
  await g.getByLabel('x', { exact: true }).fill('4');
  await expect(cell(page, 'z', 1)).toHaveText('1');
  await expect(cell(page, 'x', 2)).toHaveText('2');
  await expect(slider).toHaveValue('4');

  // A variable used twice: its gradient is the sum along both uses, and the step says so.
  await field.fill('x = 3\nz = x * x');
  await field.blur();
  // The step is kept, within the new graph's two steps: its end.
  await expect(slider).toHaveValue('2');
  await expect(g.locator('.step-box')).toContainText('∂z/∂x = 3 + 3 = 6');
  await expect(cell(page, 'x', 2)).toHaveText('6');

  // A broken line is flagged where it is; the last valid graph stays.
  await field.fill('x = 3\nz = sigmod(x)');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const message = page.locator(`[id="${(await field.getAttribute('aria-describedby'))!.split(' ')[0]}"]`);
  await expect(message).toContainText("line 2, column 5: unknown function 'sigmod'; did you mean 'sigmoid'?");
  await expect(cell(page, 'x', 2)).toHaveText('6');

  // Mended, and shared: a new page opens the same graph at the same step.
  await field.fill('x = 3\nz = sigmoid(x)');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(slider).toHaveValue('2');
  await expect(page).toHaveURL(/expr=/);
  const other = await context.newPage();
  await other.goto(page.url());
  const g2 = region(other);
  await expect(g2.getByLabel('Expression', { exact: true })).toHaveValue('x = 3\nz = sigmoid(x)');
  await expect(g2.getByRole('slider', { name: 'Step' })).toHaveValue('2');
  await expect(cell(other, 'x', 2)).toHaveText('0.0451767');
});

test('your own graph in Korean: the message names the line and column in Korean; a bad link is named', async ({
  page,
}) => {
  await page.goto(`/?lang=ko&graph=custom&expr=${encodeURIComponent('x = 1\ny = log(x - 2)')}`);
  const g = page.getByRole('region', { name: '계산 그래프' });
  await expect(page.getByRole('status', { name: '링크에서 무시한 매개변수' })).toContainText('expr');
  const field = g.getByLabel('식', { exact: true });
  // The link's lines were refused: the example stays, its comment in Korean.
  await expect(field).toHaveValue(/^# 10% 할인한 다음 소비세\n/);
  await field.fill('x = 1\ny = x +* 2');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(g.locator('#expression-error')).toContainText('2행');
});
