import { test, expect, shot, axeSerious } from './fixtures';

const region = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Computational graph' });
const values = (page: import('@playwright/test').Page) => region(page).getByRole('table', { name: 'Values' });
function row(page: import('@playwright/test').Page, name: string) {
  return values(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}
async function cell(page: import('@playwright/test').Page, name: string, col: 1 | 2 | 3) {
  return row(page, name)
    .locator('td')
    .nth(col - 1);
}

test("buy apple and orange, step by step, with the book's numbers", async ({ page }) => {
  await page.goto('/?lang=en&graph=apple-orange');
  const g = region(page);
  const status = g.getByRole('status', { name: 'Step description' });
  const slider = g.getByRole('slider', { name: 'Step' });
  await expect(slider).toHaveAttribute('max', '8');
  await expect(slider).toHaveValue('0');
  await expect(await cell(page, 'price', 1)).toHaveText('—');
  await expect(await cell(page, 'apple', 1)).toHaveText('—');

  const forward = ['100 × 2 = 200', '150 × 3 = 450', '200 + 450 = 650', '650 × 1.1 = 715'];
  for (const [i, expr] of forward.entries()) {
    await g.getByRole('button', { name: 'Step forward' }).click();
    await expect(status).toHaveText(`Forward ${i + 1}/4: ${expr}`);
  }
  await expect(await cell(page, 'price', 1)).toHaveText('715');
  await expect(await cell(page, 'price', 1)).toHaveAttribute('title', /^715/);
  await expect(await cell(page, 'price', 2)).toHaveText('—');
  await shot(page, 'apple-orange-forward');

  await g.getByRole('button', { name: 'Step forward' }).click();
  await expect(status).toContainText('Backward 1/4: upstream 1 × local 1.1 = 1.1 → all_price');
  await expect(status).toContainText('upstream 1 × local 650 = 650 → tax');
  await expect(await cell(page, 'tax', 2)).toHaveText('650');
  await expect(await cell(page, 'apple', 2)).toHaveText('—');
  for (let i = 0; i < 3; i++) await g.getByRole('button', { name: 'Step forward' }).click();
  await expect(status).toContainText('Backward 4/4');
  const expected: Record<string, [string, string]> = {
    apple: ['100', '2.2'],
    apple_num: ['2', '110'],
    orange: ['150', '3.3'],
    orange_num: ['3', '165'],
    tax: ['1.1', '650'],
    apple_price: ['200', '1.1'],
    orange_price: ['450', '1.1'],
    all_price: ['650', '1.1'],
    price: ['715', '1'],
  };
  for (const [name, [v, d]] of Object.entries(expected)) {
    await expect(await cell(page, name, 1)).toHaveText(v);
    await expect(await cell(page, name, 2)).toHaveText(d);
  }
  // The numerical derivative agrees with backprop.
  await expect(await cell(page, 'apple', 3)).toHaveText('2.2');
  await expect(g.getByRole('button', { name: 'Step forward' })).toBeDisabled();
  await expect(slider).toHaveValue('8');
  await shot(page, 'apple-orange-backward');

  await g.getByRole('button', { name: 'Step back' }).click();
  await expect(slider).toHaveValue('7');
  await expect(await cell(page, 'apple', 2)).toHaveText('—');
  await g.getByRole('button', { name: 'Reset' }).click();
  await expect(slider).toHaveValue('0');
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(slider).toHaveValue('8');
  // Every drawn node and edge carries data-id.
  await expect(g.locator('[data-id="mul_tax"]')).toBeVisible();
  await expect(g.locator('[data-id="all_price->mul_tax#0"]')).toHaveCount(1);
  await expect(g.locator('svg[role="group"]')).toHaveAttribute('aria-label', /Buy apple and orange/);
});

test('editing an input recomputes and keeps the step; bad input is flagged and loses nothing', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple&step=4');
  const g = region(page);
  await expect(await cell(page, 'price', 1)).toHaveText('220');
  await expect(await cell(page, 'apple', 2)).toHaveText('2.2');
  await expect(await cell(page, 'apple_num', 2)).toHaveText('110');
  await expect(await cell(page, 'tax', 2)).toHaveText('200');
  const apple = g.getByLabel('apple', { exact: true });
  await apple.fill('200');
  await expect(await cell(page, 'price', 1)).toHaveText('440');
  await expect(await cell(page, 'tax', 2)).toHaveText('400');
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('4');

  for (const bad of ['abc', '', 'NaN', 'Infinity', '1e400', '99999999999']) {
    await apple.fill(bad);
    await expect(apple).toHaveAttribute('aria-invalid', 'true');
    const describedBy = await apple.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy}"]`)).not.toBeEmpty();
    await expect(await cell(page, 'price', 1)).toHaveText('440');
  }
  await expect(page.locator(`[id="${await apple.getAttribute('aria-describedby')}"]`)).toContainText('from');
  await apple.fill('abc');
  await expect(page.locator(`[id="${await apple.getAttribute('aria-describedby')}"]`)).toContainText(
    '"abc" is not a number',
  );
  await shot(page, 'apple-bad-input');
  await apple.fill('100');
  await expect(apple).toHaveAttribute('aria-invalid', 'false');
  await expect(await cell(page, 'price', 1)).toHaveText('220');
});

test('keyboard: arrows, space, home and end', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple-orange');
  const slider = region(page).getByRole('slider', { name: 'Step' });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('2');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('1');
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('8');
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await page.keyboard.press(' ');
  await expect(region(page).getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(region(page).getByRole('button', { name: 'Play' })).toBeVisible();
  // Typing in a field does not step the graph.
  await region(page).getByLabel('tax', { exact: true }).press('ArrowRight');
  const v = await slider.inputValue();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue(v);
});

test('play advances on its own, pause holds, and playing stops at the end', async ({ page }) => {
  await page.goto('/?lang=en&graph=chain-rule');
  const g = region(page);
  const slider = g.getByRole('slider', { name: 'Step' });
  await g.getByLabel('Speed').selectOption('900');
  await g.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => Number(await slider.inputValue()), { timeout: 5000 }).toBeGreaterThanOrEqual(1);
  await g.getByRole('button', { name: 'Pause' }).click();
  const held = await slider.inputValue();
  expect(Number(held)).toBeLessThan(4);
  await page.waitForTimeout(1000);
  await expect(slider).toHaveValue(held);
  await g.getByLabel('Speed').selectOption('200');
  await g.getByRole('button', { name: 'Play' }).click();
  await expect(slider).toHaveValue('4', { timeout: 5000 });
  await expect(g.getByRole('button', { name: 'Play' })).toBeVisible();
  const status = g.getByRole('status', { name: 'Step description' });
  await expect(status).toContainText('Backward 2/2: upstream 10 × local 1 = 10 → x; upstream 10 × local 1 = 10 → y');
});

test('the language switch keeps every bit of state; Korean is complete', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple-orange&step=6');
  await region(page).getByLabel('orange', { exact: true }).fill('200');
  await expect(await cell(page, 'price', 1)).toHaveText('880');
  await page.getByRole('button', { name: 'Language' }).click();
  const g = page.getByRole('region', { name: '계산 그래프' });
  await expect(g).toBeVisible();
  await expect(g.getByRole('slider', { name: '단계' })).toHaveValue('6');
  await expect(g.getByLabel('orange', { exact: true })).toHaveValue('200');
  await expect(g.getByRole('status', { name: '단계 설명' })).toContainText('역전파 2/4');
  await expect(page.getByRole('combobox', { name: '그래프' })).toHaveValue('apple-orange');
  await expect(page.getByRole('region', { name: '2층 신경망 학습' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page).toHaveURL(/lang=ko/);
  await shot(page, 'korean');
  await page.getByRole('button', { name: '언어' }).click();
  await expect(region(page).getByRole('slider', { name: 'Step' })).toHaveValue('6');
});

test('the URL carries graph, inputs and step, so a link opens that moment', async ({ page }) => {
  await page.goto('/?lang=en&graph=sigmoid');
  const g = region(page);
  await g.getByLabel('x', { exact: true }).fill('0');
  for (let i = 0; i < 5; i++) await g.getByRole('button', { name: 'Step forward' }).click();
  await expect(page).toHaveURL(/graph=sigmoid/);
  await expect(page).toHaveURL(/x=0/);
  await expect(page).toHaveURL(/step=5/);
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  const g2 = other.getByRole('region', { name: 'Computational graph' });
  await expect(g2.getByRole('slider', { name: 'Step' })).toHaveValue('5');
  await expect(g2.getByLabel('x', { exact: true })).toHaveValue('0');
  await expect(g2.getByRole('status', { name: 'Step description' })).toHaveText(
    'Backward 1/4: upstream 1 × local -0.25 = -0.25 → c',
  );
  await other.close();
});

const GRAPHS: [string, string, string, string][] = [
  ['apple', 'Buy apple', 'price', '220'],
  ['apple-orange', 'Buy apple and orange', 'price', '715'],
  ['chain-rule', 'Chain rule', 'z', '25'],
  ['sigmoid', 'Sigmoid', 'y', '0.731059'],
  ['sigmoid-simple', 'Sigmoid (simplified)', 'y', '0.731059'],
  ['relu', 'ReLU', 'y', '2'],
];

test('every graph renders from the combobox, runs to the end and passes an accessibility audit', async ({ page }) => {
  await page.goto('/?lang=en');
  const select = page.getByRole('combobox', { name: 'Graph' });
  for (const [id, label, out, value] of GRAPHS) {
    await select.selectOption({ label });
    await expect(select).toHaveValue(id);
    await region(page).getByRole('button', { name: 'Run to end' }).click();
    await expect(await cell(page, out, 1)).toHaveText(value);
    await expect(region(page).locator('svg[role="group"] [data-id]').first()).toBeVisible();
    await shot(page, `graph-${id}`);
  }
  expect(await axeSerious(page)).toEqual([]);
  await page.goto('/?lang=ko&graph=sigmoid&step=8');
  expect(await axeSerious(page)).toEqual([]);
});

test('sigmoid: four nodes and one node give the same gradient y(1 − y); ReLU stops at x ≤ 0', async ({ page }) => {
  await page.goto('/?lang=en&graph=sigmoid&step=8');
  await expect(await cell(page, 'x', 2)).toHaveText('0.196612');
  await page.goto('/?lang=en&graph=sigmoid-simple&step=2');
  await expect(await cell(page, 'x', 2)).toHaveText('0.196612');
  await page.goto('/?lang=en&graph=relu&step=2&x=-3');
  await expect(await cell(page, 'y', 1)).toHaveText('0');
  await expect(await cell(page, 'x', 2)).toHaveText('0');
});

test('narrow screen: panels stack and nothing is cut off', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lang=ko&graph=apple-orange&step=8');
  const panel = page.getByRole('region', { name: '계산 그래프' });
  const train = page.getByRole('region', { name: '2층 신경망 학습' });
  const a = (await panel.boundingBox())!;
  const b = (await train.boundingBox())!;
  expect(b.y).toBeGreaterThanOrEqual(a.y + a.height - 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'narrow-ko');
  await page.goto('/?lang=en&graph=sigmoid&step=8');
  await shot(page, 'narrow-en-sigmoid');
});
