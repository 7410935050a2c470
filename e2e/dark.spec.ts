import { test, expect, axeSerious, shot } from './fixtures';

/**
 * The dark theme on everything added around the drawing: the learner's own graph, practice, the
 * tour's card, the link notice, and the training panel after an evaluation (its confusion
 * matrix). The audit fails on any text whose contrast is too low.
 */
test('dark theme: the expression field, practice, the tour, the notice and the confusion matrix pass the audit', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?lang=en&graph=custom&step=3&bogus=1&image=x');
  await expect(page.getByRole('status', { name: 'Ignored link parameters' })).toBeVisible();
  const g = page.getByRole('region', { name: 'Computational graph' });
  await g.getByRole('switch', { name: 'Practice' }).check();
  await expect(g.getByRole('group', { name: 'Your prediction' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await shot(page, 'dark-custom-practice');

  await page.getByRole('button', { name: 'Start the tour' }).click();
  await expect(page.getByRole('region', { name: 'Tour' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await page.getByRole('region', { name: 'Tour' }).getByRole('button', { name: 'End tour' }).click();

  const train = page.getByRole('region', { name: 'Two-layer net training' });
  await train.getByLabel('Iterations', { exact: true }).fill('600');
  await train.getByRole('button', { name: 'Train' }).click();
  await expect(train.getByRole('status', { name: 'Training status' })).toHaveText('Finished', { timeout: 60_000 });
  await expect(train.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await shot(page, 'dark-training');
});
