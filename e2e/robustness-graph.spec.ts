import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Issue 8: links, fields and focus that a hostile but fair user can throw at the graph panel. */

const region = (page: Page) => page.getByRole('region', { name: 'Computational graph' });
const table = (page: Page) => region(page).getByRole('table', { name: 'Values' });
const cell = (page: Page, name: string, col: 'Value' | 'Gradient' | 'Shape') =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell')
    .nth({ Value: 0, Gradient: 1, Shape: 2 }[col]);
const message = async (page: Page, field: Locator) =>
  page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`);
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    return el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
  });

test('the 9,000-bracket link opens a working page that names what it ignored', async ({ page }) => {
  for (const [graph, name, rowName] of [
    ['affine', 'W', 'Y'],
    ['softmax-loss', 'a', 'L'],
  ] as const) {
    await page.goto(`/?lang=en&graph=${graph}&${name}=${'['.repeat(9000)}`);
    const g = region(page);
    await expect(page.getByRole('combobox', { name: 'Graph' })).toHaveValue(graph);
    const notice = g.getByRole('status', { name: 'Ignored link parameters' });
    await expect(notice).toContainText(`Ignored from the link: ${name}=${'['.repeat(24)}… (not a valid literal)`);
    // On a phone the quote wraps: the notice stays within the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = (await notice.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1440, height: 900 });
    // The page works: the graph runs with the book's inputs, and the field is not flagged.
    await g.getByRole('button', { name: 'Run to end' }).click();
    await expect(cell(page, rowName, 'Value')).not.toHaveText('—');
    await expect(g.getByLabel(name, { exact: true })).toHaveAttribute('aria-invalid', 'false');
    // The bad value is gone from the address, so a reload opens cleanly.
    expect(page.url()).not.toContain('%5B%5B%5B');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  }
  await page.reload();
  await expect(region(page).getByRole('status', { name: 'Ignored link parameters' })).toHaveCount(0);
});

test('typed into the field, 9,000 brackets are flagged, and the graph keeps its values', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine&step=4');
  const W = region(page).getByLabel('W', { exact: true });
  await W.fill('['.repeat(9000));
  await expect(W).toHaveAttribute('aria-invalid', 'true');
  await expect(await message(page, W)).toHaveText(/up to 2 dimensions/);
  await expect(cell(page, 'Y', 'Value')).toHaveText('[[1, 2, 3], [11, 12, 13]]');
});

test('Affine: the batch size changes with X then dY; a link with both opens with both', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine&step=4');
  const g = region(page);
  const X = g.getByLabel('X', { exact: true });
  const dY = g.getByLabel('dY', { exact: true });
  await X.fill('[[1,2],[3,4],[5,6]]');
  await expect(X).toHaveAttribute('aria-invalid', 'true');
  await expect(await message(page, X)).toContainText('(2, 3)');
  await dY.fill('[[1,2,3],[4,5,6],[7,8,9]]');
  await expect(X).toHaveAttribute('aria-invalid', 'false');
  await expect(dY).toHaveAttribute('aria-invalid', 'false');
  await expect(cell(page, 'Y', 'Shape')).toHaveText('(3, 3)');
  await expect(cell(page, 'Y', 'Value')).toHaveText('[[11, 12, 13], [23, 26, 29], [35, 40, 45]]');
  await expect(cell(page, 'B', 'Gradient')).toHaveText('[12, 15, 18]');
  // The address now carries both; opened again, it shows the same graph.
  const url = page.url();
  await page.goto(url);
  await expect(cell(page, 'Y', 'Shape')).toHaveText('(3, 3)');
  await expect(g.getByRole('status', { name: 'Ignored link parameters' })).toHaveCount(0);
});

test('Softmax-with-Loss: the number of classes changes with a then t', async ({ page }) => {
  await page.goto('/?lang=en&graph=softmax-loss&step=4');
  const g = region(page);
  const a = g.getByLabel('a', { exact: true });
  const t = g.getByLabel('t', { exact: true });
  await a.fill('[1,2,3,4]');
  await expect(a).toHaveAttribute('aria-invalid', 'true');
  await t.fill('[0,0,0,1]');
  await expect(a).toHaveAttribute('aria-invalid', 'false');
  await expect(t).toHaveAttribute('aria-invalid', 'false');
  await expect(cell(page, 'y', 'Shape')).toHaveText('(4,)');
  await expect(cell(page, 'y', 'Value')).toHaveText('[0.0320586, 0.0871443, 0.236883, 0.643914]');
});

test('an 8 MB paste is refused with a message; a 100 KB bad number gets a short one', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine&step=4');
  const W = region(page).getByLabel('W', { exact: true });
  const paste = `[${'1, '.repeat(2 ** 23 / 3)}]`;
  expect(paste.length).toBe(2 ** 23); // 8 MB
  await W.fill(paste);
  await expect(W).toHaveAttribute('aria-invalid', 'true');
  await expect(await message(page, W)).toHaveText('Too long: 8388608 characters; a matrix field takes at most 100000.');
  // Refused: the field keeps its text rather than making the browser lay out 8 MB.
  await expect(W).toHaveValue('[[2, 4, 6], [4, 3, 2]]');
  await expect(cell(page, 'Y', 'Value')).toHaveText('[[1, 2, 3], [11, 12, 13]]');
  // The page still answers.
  await region(page).getByRole('button', { name: 'Reset' }).click();
  await expect(region(page).getByRole('slider', { name: 'Step' })).toHaveValue('0');
  await expect(cell(page, 'Y', 'Value')).toHaveText('—');

  await page.goto('/?lang=en&graph=apple');
  const apple = region(page).getByLabel('apple', { exact: true });
  await apple.fill('x'.repeat(100 * 1024));
  await expect(apple).toHaveAttribute('aria-invalid', 'true');
  const m = await message(page, apple);
  await expect(m).toHaveText('Too long: 102400 characters; this field takes at most 1000.');
  await expect(apple).toHaveValue('100');
  await apple.fill(`${'y'.repeat(900)}z`);
  await expect(m).toHaveText(`"${'y'.repeat(32)}…" is not a number. Use digits, e.g. 1.5 or -2e3.`);
});

test('a long valid literal is left out of the link, with a notice', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine');
  const g = region(page);
  const two = `2.${'0'.repeat(300)}`;
  const W = g.getByLabel('W', { exact: true });
  await W.fill(`[[${two}, 4, 6], [4, 3, ${two}]]`);
  await expect(W).toHaveAttribute('aria-invalid', 'false');
  const notice = g.getByRole('status', { name: 'Values left out of the link' });
  await expect(notice).toContainText('Not put in the link: W.');
  await g.getByLabel('B', { exact: true }).fill('[0, 0, 1]');
  await expect(page).toHaveURL(/B=%5B0%2C\+0%2C\+1%5D/);
  expect(page.url()).not.toContain('W=');
  expect(page.url().length).toBeLessThan(200);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // Told once: another long value in the same field says nothing more.
  await W.fill(`[[${two}, 4, 6], [4, 3, ${two}], ]`);
  await expect(W).toHaveAttribute('aria-invalid', 'false');
  await expect(notice).toHaveCount(0);
});

test('ignored link parameters are named once, in both languages', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple&step=abc&apple=xyz&W=[[1,2');
  const g = region(page);
  const en = g.getByRole('status', { name: 'Ignored link parameters' });
  await expect(en.getByRole('paragraph')).toHaveText(
    'Ignored from the link: apple=xyz (not a number); W=[[1,2 (not an input of this graph); step=abc (not a step of this graph)',
  );
  await page.goto('/?lang=ko&graph=affine&step=99&W=[[1,2');
  const ko = page
    .getByRole('region', { name: '계산 그래프' })
    .getByRole('status', { name: '링크에서 무시한 매개변수' });
  await expect(ko).toContainText(
    '링크에서 무시한 값: W=[[1,2 (올바른 NumPy 형식이 아님); step=99 (이 그래프에 없는 단계)',
  );
  await ko.getByRole('button', { name: '닫기' }).click();
  await expect(ko).toHaveCount(0);
  // The language switch keeps the rest of the page; the notice does not come back.
  await page.getByRole('button', { name: '언어' }).click();
  await expect(region(page).getByRole('status', { name: 'Ignored link parameters' })).toHaveCount(0);
});

test('a tour stop and a test image the page cannot use are named in the link notice', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple&image=5&tour=99');
  const notice = region(page).getByRole('status', { name: 'Ignored link parameters' });
  await expect(notice.getByRole('paragraph')).toHaveText(
    'Ignored from the link: image=5 (this graph shows no test image); tour=99 (not a stop of the tour)',
  );
  await expect(page.getByRole('region', { name: 'Tour' })).toHaveCount(0);
  // The link the page writes (at the first change) leaves both out.
  await region(page).getByRole('button', { name: 'Step forward' }).click();
  await expect(page).toHaveURL(/step=1/);
  expect(page.url()).not.toContain('image=');
  expect(page.url()).not.toContain('tour=');
  await page.goto('/?lang=ko&graph=two-layer-net&image=abc&tour=0');
  await expect(
    page.getByRole('region', { name: '계산 그래프' }).getByRole('status', { name: '링크에서 무시한 매개변수' }),
  ).toContainText(
    '링크에서 무시한 값: image=abc (0에서 9999 사이의 테스트 이미지 번호가 아님); tour=0 (둘러보기에 없는 곳)',
  );
});

test('focus never falls to the page body when a focused button is disabled or the graph changes', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple&step=1');
  const g = region(page);
  // Step back to 0 (by keyboard): Step back and Reset are disabled; focus goes to Step forward.
  await g.getByRole('button', { name: 'Step back' }).focus();
  await page.keyboard.press('Enter');
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('0');
  await expect.poll(() => focusedName(page)).toBe('Step forward');
  // Run to end: it and Step forward are disabled; focus goes to Step back.
  await g.getByRole('button', { name: 'Run to end' }).click();
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('4');
  await expect.poll(() => focusedName(page)).toBe('Step back');
  await g.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => focusedName(page)).toBe('Step forward');
  // Step forward up to the end, by keyboard on the button itself.
  for (let k = 0; k < 4; k++) await page.keyboard.press('Enter');
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('4');
  await expect.poll(() => focusedName(page)).toBe('Step back');

  // The graph changes: focus stays on the Graph select, or on the link that changed it.
  const select = page.getByRole('combobox', { name: 'Graph' });
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue('apple-orange');
  await expect(select).toBeFocused();
  await select.selectOption('sigmoid');
  await expect(select).toBeFocused();
  // Changed from elsewhere while a button of the old graph had focus: focus goes to the select.
  await g.getByRole('button', { name: 'Step forward' }).focus();
  await select.evaluate((el: HTMLSelectElement) => {
    el.value = 'relu';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(region(page).getByLabel('x', { exact: true })).toBeVisible();
  await expect(select).toBeFocused();
  await select.selectOption('sigmoid');
  await g.getByRole('button', { name: 'Compare with the one-node σ' }).click();
  await expect(select).toHaveValue('sigmoid-simple');
  await expect(g.getByRole('button', { name: 'Compare with the four-node graph' })).toBeFocused();

  // Training: Train hands focus to Stop (Pause waits for the data), Stop hands it back to Train.
  const p = page.getByRole('region', { name: 'Two-layer net training' });
  await p.getByLabel('Iterations', { exact: true }).fill('20');
  await p.getByRole('button', { name: 'Train' }).click();
  await expect(p.getByRole('button', { name: 'Train' })).toBeDisabled();
  await expect.poll(() => focusedName(page)).toMatch(/^(Stop|Pause)$/);
  await p.getByRole('button', { name: 'Stop' }).focus();
  await expect(p.getByRole('status', { name: 'Training status' })).toHaveText('Finished', { timeout: 120_000 });
  // The run ended under the focused Stop: focus is on Train.
  await expect.poll(() => focusedName(page)).toBe('Train');
  // A run long enough that Stop lands while it trains (20 iterations on cached data can end first).
  await p.getByLabel('Iterations', { exact: true }).fill('100000');
  await p.getByRole('button', { name: 'Train' }).click();
  await p.getByRole('button', { name: 'Stop' }).click();
  await expect(p.getByRole('status', { name: 'Training status' })).toHaveText('Stopped');
  await expect.poll(() => focusedName(page)).toBe('Train');
});
