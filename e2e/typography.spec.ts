import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, shot } from './fixtures';

const region = (page: Page) => page.getByRole('region', { name: 'Computational graph' });
const valuesRow = (page: Page, name: string) =>
  region(page)
    .getByRole('table', { name: 'Values' })
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) });

/** Every row and shape drawn as HTML text sits on one line: an inline box broken across lines has several rects. */
async function brokenRows(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.mrow'))
      .filter((el) => el.getClientRects().length > 1 || getComputedStyle(el).whiteSpace !== 'nowrap')
      .map((el) => el.textContent ?? ''),
  );
}

test('float noise in a matrix reads 0; the tooltip keeps the real value', async ({ page }) => {
  await page.goto('/?lang=en&graph=affine');
  const g = region(page);
  // X·W = [[0.1 + 0.2 − 0.3, …], [3, 3]]: the first row is 5.55e-17 in double, 0 on paper.
  await g.getByLabel('X', { exact: true }).fill('[[0.1, 0.2, -0.3], [1, 1, 1]]');
  await g.getByLabel('W', { exact: true }).fill('[[1, 1], [1, 1], [1, 1]]');
  await g.getByLabel('B', { exact: true }).fill('[0, 0]');
  await g.getByLabel('dY', { exact: true }).fill('[[1, 0], [0, 1]]');
  await g.getByLabel('dY', { exact: true }).press('Tab');
  await g.getByRole('button', { name: 'Run to end' }).click();
  const cell = valuesRow(page, 'X_dot_W').locator('td').first();
  await expect(cell).toHaveText('[[0, 0], [3, 3]]');
  await expect(cell).toHaveAttribute('title', '[[5.551115123125783e-17, 5.551115123125783e-17], [3, 3]]');
  // The edge's labels too (its SVG title, the tooltip, keeps every digit).
  const labels = await g.locator('[data-id="X_dot_W->add#0"] text').allTextContents();
  expect(labels).toContain('[0, 0]');
  expect(labels.join(' ')).not.toContain('e-17');

  // The two-layer net: dW2's mean is 0 on paper (each row of y − t sums to 0).
  await page.goto('/?lang=en&graph=two-layer-net&step=8');
  await expect(valuesRow(page, 'W2').locator('td').nth(1)).toHaveText(/mean 0$/);
  const tiny = await region(page)
    .getByRole('table', { name: 'Values' })
    .evaluate((t) => (t.textContent ?? '').match(/\de-(1[5-9]|[2-9]\d)/g));
  expect(tiny).toBeNull();
});

test('matrices wrap between rows, never inside one; a wider row scrolls in its cell', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of [
    '?lang=en&graph=affine&step=4',
    '?lang=ko&graph=softmax-loss&step=4',
    '?lang=en&graph=two-layer-net&step=8',
  ]) {
    await page.goto(`/${url}`);
    await expect(page.locator('.values table')).toBeVisible();
    expect(await page.locator('.mrow').count(), url).toBeGreaterThan(5);
    expect(await brokenRows(page), url).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
  }
  // dW2's neighbour a2 is one row of ten numbers: it scrolls inside its cell, which is then a named stop.
  const a2 = page.getByRole('region', { name: 'a2: Value, scrollable' });
  await expect(a2).toHaveAttribute('tabindex', '0');
  await expect(a2).toContainText('[[-0.0011322');
  // A short cell is no region and no stop.
  await expect(page.getByRole('region', { name: 'loss: Value, scrollable' })).toHaveCount(0);
  await shot(page, 'typography-two-layer-narrow');
});

test('formulas are typeset at reading size, fractions in display style, stacked ones apart', async ({ page }) => {
  await page.goto('/?lang=en&graph=apple-orange&step=7');
  const sizes = await page.evaluate(() => {
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const box = document.querySelector('.step-box')!;
    return {
      katex: Array.from(box.querySelectorAll('.katex')).map(px),
      context: Array.from(box.querySelectorAll('.step-formula')).map(px),
      // Every glyph of a numerator or denominator.
      frac: Array.from(document.querySelectorAll('.step-box .mfrac .mord, .inspector .mfrac .mord')).map(px),
    };
  });
  expect(Math.min(...sizes.context)).toBeGreaterThanOrEqual(16);
  expect(Math.min(...sizes.katex)).toBeGreaterThanOrEqual(16);
  expect(sizes.frac.length).toBeGreaterThan(8);
  expect(Math.min(...sizes.frac)).toBeGreaterThanOrEqual(12);
  // The × node's two local derivatives, one above the other in the inspector, do not touch.
  const gaps = await page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll('.inspector dd > div > .tex')).map((el) =>
      el.getBoundingClientRect(),
    );
    const fracs = Array.from(document.querySelectorAll('.inspector dd > div .mfrac')).map((el) =>
      el.getBoundingClientRect(),
    );
    return {
      lines: lines.slice(1).map((r, i) => r.top - lines[i].bottom),
      fracs: fracs.slice(1).map((r, i) => r.top - fracs[i].bottom),
    };
  });
  expect(gaps.lines.length).toBe(1);
  expect(Math.min(...gaps.lines)).toBeGreaterThanOrEqual(0);
  expect(Math.min(...gaps.fracs)).toBeGreaterThanOrEqual(4);
});

test('Korean prose breaks between words in a proportional Korean font; code and numbers stay monospace', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of ['?lang=ko&graph=sigmoid&step=6', '?lang=ko&graph=softmax-loss&step=4']) {
    await page.goto(`/${url}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    const prose = page.locator('.step-text, .step-box .explain, .inspector .explain, .graph-panel p.hint').first();
    await expect(prose).toBeVisible();
    const found = await page.evaluate(() => {
      const hangul = /[\uac00-\ud7a3]/;
      const splits: string[] = [];
      const els = Array.from(
        document.querySelectorAll<HTMLElement>('.step-text, .explain, .hint, .field-note, .tour-text'),
      );
      for (const el of els) {
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let prev: { ch: string; top: number } | null = null;
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const text = n.textContent ?? '';
          for (let i = 0; i < text.length; i++) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            const rect = r.getClientRects()[0];
            // A line may break at a space.
            if (/\s/.test(text[i])) prev = null;
            if (!rect || /\s/.test(text[i])) continue;
            // A new line that starts between two syllables of one word.
            if (prev && rect.top > prev.top + 2 && hangul.test(prev.ch) && hangul.test(text[i]))
              splits.push(`${prev.ch}|${text.slice(i, i + 4)}`);
            prev = { ch: text[i], top: rect.top };
          }
        }
      }
      const family = (sel: string) => {
        const el = document.querySelector(sel);
        return el ? getComputedStyle(el).fontFamily : null;
      };
      return {
        splits,
        wordBreak: getComputedStyle(document.querySelector('.step-text')!).wordBreak,
        stepText: family('.step-text'),
        explain: family('.step-box .explain'),
        mrow: family('.step-text .mrow'),
        code: family('.code pre'),
        proseEls: els.length,
      };
    });
    expect(found.proseEls, url).toBeGreaterThan(2);
    expect(found.splits, url).toEqual([]);
    expect(found.wordBreak).toBe('keep-all');
    for (const f of [found.stepText, found.explain]) {
      expect(f, url).toMatch(/^"?Noto Sans KR"?/);
      expect(f, url).not.toMatch(/mono/i);
    }
    expect(found.code, url).toMatch(/monospace/);
    if (found.mrow) expect(found.mrow, url).toMatch(/monospace/);
  }
  await shot(page, 'typography-korean-narrow');
});

test('every box that scrolls is focusable and named at 390 × 844; ← → scroll it while it has the focus', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const url of [
    '?lang=en&graph=affine&step=4',
    '?lang=ko&graph=softmax-loss&step=4',
    '?lang=ko&graph=sigmoid&step=6',
    '?lang=en&graph=two-layer-net&step=8',
  ]) {
    await page.goto(`/${url}`);
    await expect(page.locator('.values table')).toBeVisible();
    const r = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable']).analyze();
    expect(
      r.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' '))),
      url,
    ).toEqual([]);
  }
  // The names, in English, and the table keeps its own.
  const g = region(page);
  await expect(g.getByRole('table', { name: 'Values' })).toBeVisible();
  const values = g.getByRole('region', { name: 'Table of variables, scrollable' });
  await expect(values).toHaveAttribute('tabindex', '0');
  await expect(g.getByRole('region', { name: 'Code listing, scrollable' })).toHaveAttribute('tabindex', '0');
  await expect(g.getByRole('region', { name: 'Code listing, scrollable' })).toHaveJSProperty('tagName', 'PRE');
  await expect(g.getByRole('region', { name: 'What was computed, with its formula, scrollable' })).toBeVisible();
  await expect(g.getByRole('region', { name: 'Formulas and numbers of the node, scrollable' })).toBeVisible();

  // The table is wider than a phone: → scrolls it and leaves the step alone.
  const slider = g.getByRole('slider', { name: 'Step' });
  await expect(slider).toHaveValue('8');
  await values.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => values.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expect(slider).toHaveValue('8');
  // Where nothing is to scroll, the arrows step as everywhere else.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?lang=en&graph=affine&step=2');
  const step = region(page).getByRole('region', { name: 'What was computed, with its formula, scrollable' });
  await step.focus();
  await page.keyboard.press('ArrowRight');
  await expect(region(page).getByRole('slider', { name: 'Step' })).toHaveValue('3');

  // Korean names, written as Korean.
  await page.goto('/?lang=ko&graph=affine&step=4');
  const k = page.getByRole('region', { name: '계산 그래프' });
  await expect(k.getByRole('table', { name: '값', exact: true })).toBeVisible();
  await expect(k.getByRole('region', { name: '변수 표 (스크롤 가능)' })).toHaveAttribute('tabindex', '0');
  await expect(k.getByRole('region', { name: '코드 목록 (스크롤 가능)' })).toHaveAttribute('tabindex', '0');
});
