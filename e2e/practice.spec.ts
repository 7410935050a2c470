import type { Locator, Page } from '@playwright/test';
import { test, expect, shot } from './fixtures';

const region = (page: Page) => page.getByRole('region', { name: 'Computational graph' });

/** Presses Tab until the element has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('practice: a walk through the apple-and-orange graph by keyboard alone, with right and wrong answers', async ({
  page,
}) => {
  await page.goto('/?lang=en&graph=apple-orange');
  const g = region(page);
  const slider = g.getByRole('slider', { name: 'Step' });
  const status = g.getByRole('status', { name: 'Step description' });
  const feedback = g.getByRole('status', { name: 'Practice feedback' });
  const score = g.getByLabel('Score');
  const field = (name: string) => g.getByLabel(`Gradient of ${name}`, { exact: true });
  const gradient = (name: string) =>
    g
      .getByRole('table', { name: 'Values' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
      .locator('td')
      .nth(1);

  const practice = g.getByRole('switch', { name: 'Practice' });
  await tabTo(page, practice);
  await page.keyboard.press('Space');
  await expect(practice).toBeChecked();
  await expect(score).toHaveText('0 / 0');

  // The forward pass runs as usual; the step before the first backward one asks for a prediction
  // and puts the cursor in its first field.
  await page.keyboard.press('Tab');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('4');
  const group = g.getByRole('group', { name: 'Your prediction' });
  await expect(group).toContainText('Before backward step 1/4');
  await expect(field('all_price')).toBeFocused();
  await expect(field('tax')).toBeVisible();
  await expect(group).toContainText('within 1% of the answer');
  // Nothing of the answer is on the screen yet.
  await expect(gradient('all_price')).toHaveText('—');

  // Wrong (the inputs not swapped) and right: the wrong one is explained from the local derivative.
  await page.keyboard.type('650');
  await page.keyboard.press('Tab');
  await page.keyboard.type('650');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText(
    'Not quite: × swaps its inputs: each input gets upstream × the other input. For all_price you wrote 650, but upstream 1 × local 1.1 = 1.1 → all_price. tax is right.',
  );
  await expect(score).toHaveText('1 / 2');
  await expect(field('all_price')).toBeFocused();
  // Step forward waits for the answer.
  await tabTo(page, g.getByRole('button', { name: 'Show answer' }));
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('4');
  await shot(page, 'practice-wrong');

  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText(
    'The answer: the gradient of all_price is 1.1 (upstream 1 × local 1.1 = 1.1 → all_price); the gradient of tax is 650 (upstream 1 × local 650 = 650 → tax).',
  );
  await expect(field('all_price')).toHaveValue('1.1');
  await expect(score).toHaveText('1 / 2');
  // Answered: the cursor goes to Step forward, and Enter goes on.
  await expect(g.getByRole('button', { name: 'Step forward' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(slider).toHaveValue('5');
  await expect(status).toContainText('Backward 1/4: upstream 1 × local 1.1 = 1.1 → all_price');
  await expect(gradient('all_price')).toHaveText('1.1');

  // The + node: right at once.
  await expect(field('apple_price')).toBeFocused();
  await page.keyboard.type('1.1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1.1');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText(
    'Correct: the gradient of apple_price is 1.1; the gradient of orange_price is 1.1.',
  );
  await expect(score).toHaveText('3 / 4');
  await page.keyboard.press('Enter');
  await expect(slider).toHaveValue('6');

  // The orange × node, rounded by hand within the tolerance.
  await expect(field('orange')).toBeFocused();
  await page.keyboard.type('3.3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('165.5');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText(/^Correct: the gradient of orange is 3\.3; the gradient of orange_num is 165\./);
  await expect(score).toHaveText('5 / 6');
  await page.keyboard.press('Enter');
  await expect(slider).toHaveValue('7');

  // The apple × node with the inputs not swapped: both wrong; fixed, it is right but scores no more.
  await expect(field('apple')).toBeFocused();
  await page.keyboard.type('110');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2.2');
  await page.keyboard.press('Enter');
  await expect(feedback).toContainText('For apple you wrote 110, but upstream 1.1 × local 2 = 2.2 → apple.');
  await expect(feedback).toContainText('For apple_num you wrote 2.2, but upstream 1.1 × local 100 = 110 → apple_num.');
  await expect(score).toHaveText('5 / 8');
  await expect(field('apple')).toBeFocused();
  await page.keyboard.type('2.2');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('110');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveText(/^Correct/);
  await expect(score).toHaveText('5 / 8');
  await page.keyboard.press('Enter');
  await expect(slider).toHaveValue('8');
  await expect(gradient('apple')).toHaveText('2.2');
  await expect(g.getByText('The walk through the graph is complete.')).toBeVisible();
  await shot(page, 'practice-done');

  // Reset (Home) starts a new walk: step 0, score 0 / 0.
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await expect(score).toHaveText('0 / 0');
});

test('practice: an empty or unreadable field is flagged and not scored; the forward pass can be asked too', async ({
  page,
}) => {
  await page.goto('/?lang=en&graph=sigmoid');
  const g = region(page);
  await g.getByRole('switch', { name: 'Practice' }).check();
  await g.getByRole('checkbox', { name: 'Predict forward values too' }).check();
  const feedback = g.getByRole('status', { name: 'Practice feedback' });
  const value = g.getByLabel('Value of a', { exact: true });
  await expect(value).toBeVisible();
  await g.getByRole('button', { name: 'Check' }).click();
  await expect(feedback).toHaveText('Enter your prediction for a.');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await value.fill('minus one');
  await value.press('Enter');
  await expect(value).toHaveAccessibleDescription('a number; a minus sign, decimals and e-notation are fine');
  await expect(feedback).toHaveText('Cannot read "minus one" for a: write a number in digits.');
  await expect(g.getByLabel('Score')).toHaveText('0 / 0');
  await value.fill('−1');
  await value.press('Enter');
  await expect(feedback).toHaveText('Correct: a is -1.');
  await expect(value).toHaveAttribute('aria-invalid', 'false');
  await expect(g.getByLabel('Score')).toHaveText('1 / 1');
  // The matrix graphs: Affine asks dW by its shape.
  await page.goto('/?lang=en&graph=affine&step=3');
  await g.getByRole('switch', { name: 'Practice' }).check();
  const dW = g.getByLabel('Gradient of W', { exact: true });
  // The note says what kind of answer the field takes, not the answer: dW's shape is (2, 3).
  await expect(dW).toHaveAccessibleDescription(
    'the shape only, as NumPy writes it: (rows, columns), or (n,) for a vector',
  );
  await expect(dW).not.toHaveAccessibleDescription(/\(2, 3\)/);
  await g.getByLabel('Gradient of X', { exact: true }).fill('(2, 2)');
  await dW.fill('(3, 2)');
  await dW.press('Enter');
  await expect(feedback).toContainText(
    'For W you wrote the shape (3, 2), but a gradient always has the shape of its variable: W is (2, 3), so its gradient is (2, 3) too',
  );
});
