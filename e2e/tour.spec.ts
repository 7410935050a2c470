import type { Page } from '@playwright/test';
import { test, expect, shot, axeSerious } from './fixtures';
import { TOUR } from '../src/practice/tour';

const WORDS = {
  en: {
    graph: 'Computational graph',
    start: 'Start the tour',
    tour: 'Tour',
    next: 'Next',
    prev: 'Previous',
    end: 'End tour',
    show: 'Show answer',
    slider: 'Step',
    feedback: 'Practice feedback',
    position: (i: number) => `Stop ${i} of ${TOUR.length}`,
    first: 'A shopping trip as a graph',
    last: 'Learning with backprop',
  },
  ko: {
    graph: '계산 그래프',
    start: '둘러보기 시작',
    tour: '둘러보기',
    next: '다음',
    prev: '이전',
    end: '둘러보기 끝내기',
    show: '정답 보기',
    slider: '단계',
    feedback: '채점 결과',
    position: (i: number) => `${TOUR.length}곳 중 ${i}번째`,
    first: '장보기를 계산 그래프로',
    last: '오차역전파법으로 학습하기',
  },
};

async function walk(page: Page, lang: 'en' | 'ko') {
  const w = WORDS[lang];
  await page.goto(`/?lang=${lang}`);
  await page.getByRole('button', { name: w.start }).click();
  const tour = page.getByRole('region', { name: w.tour, exact: true });
  const g = page.getByRole('region', { name: w.graph });
  const next = tour.getByRole('button', { name: w.next, exact: true });
  await expect(tour.getByRole('heading', { name: w.first })).toBeFocused();
  await expect(tour.getByRole('button', { name: w.prev })).toBeDisabled();
  for (const [i, stop] of TOUR.entries()) {
    await expect(tour).toContainText(w.position(i + 1));
    await expect(tour).toContainText(stop.section);
    await expect.poll(() => new URL(page.url()).searchParams.get('tour')).toBe(String(i + 1));
    await expect(g.getByRole('combobox').first()).toHaveValue(stop.graph);
    await expect(g.getByRole('slider', { name: w.slider })).toHaveValue(String(stop.step));
    // What the stop talks about is highlighted.
    const id = stop.highlight.ids?.[0];
    if (id) {
      const shape = g.locator(`[data-id="${id}"] > :is(circle, rect, .edge-line)`);
      await expect(shape).toHaveCSS('stroke', 'rgb(219, 39, 119)');
    }
    if (stop.predict) {
      // A stop that asks waits for the prediction before Next.
      await expect(next).toBeDisabled();
      await g.getByRole('button', { name: w.show }).click();
      await expect(g.getByRole('status', { name: w.feedback })).not.toBeEmpty();
      await expect(next).toBeEnabled();
    }
    if (i < TOUR.length - 1) await next.click();
  }
  await expect(tour.getByRole('heading', { name: w.last })).toBeVisible();
  await expect(next).toBeDisabled();
  await shot(page, `tour-last-${lang}`);
  await tour.getByRole('button', { name: w.end }).click();
  await expect(tour).toHaveCount(0);
  await expect(page.getByRole('button', { name: w.start })).toBeFocused();
  await expect.poll(() => new URL(page.url()).searchParams.get('tour')).toBeNull();
}

test('the tour, from the first stop to the last, in English', async ({ page }) => {
  await walk(page, 'en');
});

test('the tour, from the first stop to the last, in Korean', async ({ page }) => {
  await walk(page, 'ko');
});

test('a link opens a middle stop; its prediction, then Next and Previous, by keyboard', async ({ page }) => {
  await page.goto('/?lang=en&tour=11');
  const tour = page.getByRole('region', { name: 'Tour', exact: true });
  const g = page.getByRole('region', { name: 'Computational graph' });
  await expect(tour).toContainText('Stop 11 of 19 · section 5.6.1');
  await expect(tour.getByRole('heading', { name: 'Affine: why dW = Xᵀ · dY' })).toBeFocused();
  await expect(tour).toContainText('the only product of the two that gives W’s (2, 3) is Xᵀ · dY');
  await expect(g.getByRole('combobox', { name: 'Graph' })).toHaveValue('affine');
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('3');
  await expect(g.getByRole('switch', { name: 'Practice' })).toBeChecked();
  // The shapes side by side: the Values table is highlighted.
  await expect(g.getByRole('table', { name: 'Values' })).toHaveCSS('outline-color', 'rgb(219, 39, 119)');
  expect(await axeSerious(page)).toEqual([]);
  await shot(page, 'tour-stop-11');

  // Next before predicting takes the cursor to the prediction.
  const next = tour.getByRole('button', { name: 'Next' });
  await next.focus();
  await page.keyboard.press('Enter');
  const dX = g.getByLabel('Gradient of X', { exact: true });
  await expect(dX).toBeFocused();
  await expect(tour).toContainText('Before Next: predict the next step');
  await page.keyboard.type('(2, 2)');
  await page.keyboard.press('Tab');
  await page.keyboard.type('(3, 2)');
  await page.keyboard.press('Enter');
  const feedback = g.getByRole('status', { name: 'Practice feedback' });
  await expect(feedback).toContainText('W is (2, 3), so its gradient is (2, 3) too (dW = Xᵀ · dX_dot_W');
  await expect(next).toBeDisabled();
  // The cursor is back in the wrong field, its text selected: typing replaces it.
  await expect(g.getByLabel('Gradient of W', { exact: true })).toBeFocused();
  await page.keyboard.type('(2, 3)');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText('Correct: the gradient of X has shape (2, 2); the gradient of W has shape (2, 3).');
  // Answered at a tour stop: the cursor goes to Next.
  await expect(next).toBeFocused();
  await expect(next).toBeEnabled();
  await page.keyboard.press('Enter');
  await expect(tour).toContainText('Stop 12 of 19');
  await expect(tour).toContainText('Batches: why dB is a sum');
  await expect.poll(() => new URL(page.url()).searchParams.get('tour')).toBe('12');
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('2');
  await tour.getByRole('button', { name: 'Previous' }).press('Enter');
  await expect(tour).toContainText('Stop 11 of 19');
  await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('3');

  // A link to a stop that does not exist opens no tour.
  await page.goto('/?lang=en&tour=99');
  await expect(page.getByRole('button', { name: 'Start the tour' })).toBeVisible();
  await expect(tour).toHaveCount(0);
});

test('the batch stop shows the division by the batch size in Korean', async ({ page }) => {
  const i = TOUR.findIndex((s) => s.id === 'batch') + 1;
  await page.goto(`/?lang=ko&tour=${i}`);
  const tour = page.getByRole('region', { name: '둘러보기', exact: true });
  await expect(tour).toContainText('배치 크기로 나누기');
  const row = page
    .getByRole('table', { name: '값' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'a', exact: true }) });
  await expect(row.locator('td').nth(1)).toHaveText('[[0.15, -0.4, 0.25], [0.15, 0.1, -0.25]]');
});
