import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, axeSerious } from './fixtures';

/** Where the panel's screenshots go (SHOTS_DIR lets a reviewer collect them elsewhere). */
const SHOTS = process.env.SHOTS_DIR ?? 'e2e-artifacts/multilayer';

/** The names the settings go by, per language (UI-CONTRACT.md, "Multi-layer nets"). */
const NAMES = {
  en: {
    region: 'Two-layer net training',
    train: 'Train',
    hiddenLayers: 'Hidden layers',
    activation: 'Activation',
    weightInit: 'Weight init',
    weightInitStd: 'Weight init std',
    batchNorm: 'Batch norm',
    optimizer: 'Optimizer',
    learningRate: 'Learning rate',
    momentum: 'Momentum',
    decayRate: 'Decay rate',
    beta1: 'Beta1',
    beta2: 'Beta2',
    weightDecay: 'Weight decay',
    dropout: 'Dropout ratio',
    trainImages: 'Training images',
    batchSize: 'Batch size',
    iterations: 'Iterations',
    seed: 'Seed',
    he: 'He',
    std: 'Standard deviation',
    relu: 'ReLU',
    notice: 'Ignored link parameters',
    fix: 'Fix the highlighted fields to train.',
    messages: {
      emptyEntry: 'Size 2 is empty: enter a size there or remove the extra comma.',
      belowOne: 'Size 1 is 0: a layer has 1 to 1000 units.',
      tooMany: '11 layers: the net takes at most 10 hidden layers.',
      nan: 'Size 1, "abc", is not a whole number.',
      dropout: 'Use a ratio from 0 (no dropout) up to, but not including, 1: a ratio of 1 would drop every neuron.',
      beta: 'Use a number from 0 up to, but not including, 1.',
      images: 'Use a whole number from 1 to 60000.',
      decay: 'Use a number from 0 to 10.',
    },
  },
  ko: {
    region: '2층 신경망 학습',
    train: '학습',
    hiddenLayers: '은닉층',
    activation: '활성화 함수',
    weightInit: '가중치 초기화',
    weightInitStd: '가중치 초기화 표준편차',
    batchNorm: '배치 정규화',
    optimizer: '옵티마이저',
    learningRate: '학습률',
    momentum: '모멘텀',
    decayRate: '감쇠율',
    beta1: '베타1',
    beta2: '베타2',
    weightDecay: '가중치 감소',
    dropout: '드롭아웃 비율',
    trainImages: '훈련 이미지 수',
    batchSize: '배치 크기',
    iterations: '반복 횟수',
    seed: '시드',
    he: 'He 초깃값',
    std: '표준편차',
    relu: 'ReLU',
    notice: '링크에서 무시한 매개변수',
    fix: '표시된 칸을 고쳐야 학습할 수 있습니다.',
    messages: {
      emptyEntry: '2번째 크기가 비어 있습니다. 크기를 넣거나 남는 쉼표를 지우세요.',
      belowOne: '1번째 크기가 0입니다. 층마다 뉴런은 1~1000개여야 합니다.',
      tooMany: '11층입니다. 은닉층은 10층까지 쓸 수 있습니다.',
      nan: '1번째 크기 "abc"은(는) 정수가 아닙니다.',
      dropout: '0(드롭아웃 없음) 이상 1 미만의 비율을 입력하세요. 비율이 1이면 모든 뉴런이 삭제됩니다.',
      beta: '0 이상 1 미만인 숫자를 입력하세요.',
      images: '1에서 60000 사이의 정수를 입력하세요.',
      decay: '0에서 10 사이의 숫자를 입력하세요.',
    },
  },
} as const;
type Lang = keyof typeof NAMES;

const panel = (page: Page, lang: Lang) => page.getByRole('region', { name: NAMES[lang].region });
const field = (page: Page, lang: Lang, name: string) => panel(page, lang).getByLabel(name, { exact: true });

/** The message tied to a field by aria-describedby. */
async function messageOf(page: Page, f: Locator): Promise<Locator> {
  const id = await f.getAttribute('aria-describedby');
  expect(id).toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

/** The settings whole: the viewport grown for the shot, so that the sticky header covers none of them. */
async function settingsShot(page: Page, path: string) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2400 });
  await page.locator('.train-settings').screenshot({ path });
  await page.setViewportSize(size);
}

async function expectNoSidewaysScroll(page: Page) {
  const { width, scroll } = await page.evaluate(() => ({
    width: window.innerWidth,
    scroll: document.scrollingElement!.scrollWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

for (const lang of ['en', 'ko'] as const) {
  const n = NAMES[lang];

  test(`${lang}: every setting is there with its name and the book's default`, async ({ page }) => {
    await page.goto(`/?lang=${lang}&view=training`);
    const p = panel(page, lang);
    for (const [name, value] of [
      [n.hiddenLayers, '50'],
      [n.weightInitStd, '0.01'],
      [n.learningRate, '0.1'],
      [n.weightDecay, '0'],
      [n.dropout, '0'],
      [n.trainImages, '60000'],
      [n.batchSize, '100'],
      [n.iterations, '10000'],
      [n.seed, '1'],
    ]) {
      await expect(p.getByRole('textbox', { name, exact: true }), name).toHaveValue(value);
    }
    const activation = p.getByRole('combobox', { name: n.activation, exact: true });
    await expect(activation.getByRole('option')).toHaveText([n.relu, lang === 'en' ? 'Sigmoid' : '시그모이드']);
    await expect(activation.locator('option:checked')).toHaveText(n.relu);
    const init = p.getByRole('combobox', { name: n.weightInit, exact: true });
    await expect(init.getByRole('option')).toHaveText(
      lang === 'en' ? ['He', 'Xavier', 'Standard deviation'] : ['He 초깃값', 'Xavier 초깃값', '표준편차'],
    );
    await expect(init.locator('option:checked')).toHaveText(n.std);
    const optimizer = p.getByRole('combobox', { name: n.optimizer, exact: true });
    await expect(optimizer.getByRole('option')).toHaveText([
      'SGD',
      'Momentum',
      'Nesterov',
      'AdaGrad',
      'RMSprop',
      'Adam',
    ]);
    await expect(optimizer.locator('option:checked')).toHaveText('SGD');
    await expect(p.getByRole('checkbox', { name: n.batchNorm, exact: true })).not.toBeChecked();
    // SGD uses none of the other optimizers' hyperparameters.
    for (const name of [n.momentum, n.decayRate, n.beta1, n.beta2])
      await expect(field(page, lang, name)).toHaveCount(0);
    await expect(p.getByRole('button', { name: n.train, exact: true })).toBeEnabled();
    expect(await axeSerious(page)).toEqual([]);
  });

  test(`${lang}: each optimizer shows its own hyperparameters; the std applies to its init only`, async ({ page }) => {
    await page.goto(`/?lang=${lang}&view=training`);
    const optimizer = field(page, lang, n.optimizer);
    const shown: [string, string[]][] = [
      ['Momentum', [n.momentum]],
      ['Nesterov', [n.momentum]],
      ['AdaGrad', []],
      ['RMSprop', [n.decayRate]],
      ['Adam', [n.beta1, n.beta2]],
      ['SGD', []],
    ];
    const all = [n.momentum, n.decayRate, n.beta1, n.beta2];
    for (const [name, fields] of shown) {
      await optimizer.selectOption({ label: name });
      for (const f of all) await expect(field(page, lang, f), `${name}: ${f}`).toHaveCount(fields.includes(f) ? 1 : 0);
    }
    await optimizer.selectOption({ label: 'Adam' });
    await expect(field(page, lang, n.beta1)).toHaveValue('0.9');
    await expect(field(page, lang, n.beta2)).toHaveValue('0.999');
    await expect(field(page, lang, n.momentum)).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]optimizer=adam(&|$)/);
    await optimizer.selectOption({ label: 'Momentum' });
    await expect(field(page, lang, n.momentum)).toHaveValue('0.9');
    await optimizer.selectOption({ label: 'RMSprop' });
    await expect(field(page, lang, n.decayRate)).toHaveValue('0.99');

    const std = field(page, lang, n.weightInitStd);
    await field(page, lang, n.weightInit).selectOption({ label: n.he });
    await expect(std).toBeDisabled();
    await expect(std).toHaveValue('0.01');
    await expect(page).toHaveURL(/[?&]init=he(&|$)/);
    await field(page, lang, n.weightInit).selectOption({ label: n.std });
    await expect(std).toBeEnabled();
  });

  test(`${lang}: a link fills the settings, and what it cannot use is named and shown to fix`, async ({ page }) => {
    await page.goto(`/?lang=${lang}&view=training&layers=100,100,100,100&optimizer=adam&batchnorm=1&dropout=0.2`);
    await expect(field(page, lang, n.hiddenLayers)).toHaveValue('100,100,100,100');
    await expect(field(page, lang, n.optimizer).locator('option:checked')).toHaveText('Adam');
    await expect(field(page, lang, n.batchNorm)).toBeChecked();
    await expect(field(page, lang, n.dropout)).toHaveValue('0.2');
    await expect(field(page, lang, n.beta1)).toBeVisible();
    await expect(panel(page, lang).getByText('784-100-100-100-100-10')).toBeVisible();
    await expect(page.getByRole('status', { name: n.notice })).toHaveCount(0);
    await expect(panel(page, lang).getByRole('button', { name: n.train, exact: true })).toBeEnabled();

    await page.goto(`/?lang=${lang}&view=training&layers=100,,100&optimizer=rmsprop2&dropout=1`);
    const notice = page.getByRole('status', { name: n.notice });
    await expect(notice).toContainText('layers=100,,100');
    await expect(notice).toContainText('optimizer=rmsprop2');
    await expect(notice).toContainText('dropout=1');
    const layers = field(page, lang, n.hiddenLayers);
    await expect(layers).toHaveValue('100,,100');
    await expect(layers).toHaveAttribute('aria-invalid', 'true');
    await expect(await messageOf(page, layers)).toHaveText(n.messages.emptyEntry);
    await expect(field(page, lang, n.dropout)).toHaveValue('1');
    await expect(panel(page, lang).getByRole('button', { name: n.train, exact: true })).toBeDisabled();
    // The old link's one hidden size still opens.
    await page.goto(`/?lang=${lang}&view=training&hidden=30`);
    await expect(field(page, lang, n.hiddenLayers)).toHaveValue('30');
  });

  test(`${lang}: bad settings get a message beside the field, Train waits, and nothing typed is lost`, async ({
    page,
  }) => {
    await page.goto(`/?lang=${lang}&view=training`);
    const p = panel(page, lang);
    const train = p.getByRole('button', { name: n.train, exact: true });
    const m = n.messages;
    await field(page, lang, n.optimizer).selectOption({ label: 'Adam' });
    const cases: [string, string, string][] = [
      [n.hiddenLayers, '100,,100', m.emptyEntry],
      [n.hiddenLayers, '0', m.belowOne],
      [n.hiddenLayers, Array(11).fill('10').join(', '), m.tooMany],
      [n.hiddenLayers, 'abc', m.nan],
      [n.dropout, '1', m.dropout],
      [n.beta1, '1', m.beta],
      [n.beta2, '-0.1', m.beta],
      [n.trainImages, '60001', m.images],
      [n.weightDecay, '-1', m.decay],
    ];
    for (const [name, value, message] of cases) {
      const f = field(page, lang, name);
      const before = await f.inputValue();
      await f.fill(value);
      await expect(f, `${name}=${value}`).toHaveAttribute('aria-invalid', 'true');
      await expect(await messageOf(page, f)).toHaveText(message);
      await expect(train).toBeDisabled();
      await expect(p.getByText(n.fix)).toBeVisible();
      // What was typed stays, in the field and in the link, through a reload.
      await expect(f).toHaveValue(value);
      await f.fill(before);
      await expect(f).toHaveAttribute('aria-invalid', 'false');
      await expect(train).toBeEnabled();
    }
    await field(page, lang, n.dropout).fill('1');
    await page.reload();
    await expect(field(page, lang, n.dropout)).toHaveValue('1');
    await expect(field(page, lang, n.dropout)).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page, lang, n.beta1)).toBeVisible(); // Adam came back with it
    // An invalid hyperparameter of an optimizer not in use holds nothing back.
    await field(page, lang, n.dropout).fill('0.5');
    await field(page, lang, n.beta1).fill('7');
    await expect(train).toBeDisabled();
    await field(page, lang, n.optimizer).selectOption({ label: 'SGD' });
    await expect(train).toBeEnabled();
    await field(page, lang, n.optimizer).selectOption({ label: 'Adam' });
    await expect(field(page, lang, n.beta1)).toHaveValue('7');
    await expect(train).toBeDisabled();
  });

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    test(`${lang}: the panel at ${width}×${height} reads in its groups and never scrolls sideways`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      // The longest panel: Adam's two betas, and two messages.
      await page.goto(
        `/?lang=${lang}&view=training&layers=100,100,100,100&optimizer=adam&batchnorm=1&dropout=0.2&weightdecay=0.1`,
      );
      const p = panel(page, lang);
      await expect(field(page, lang, n.beta2)).toBeVisible();
      mkdirSync(SHOTS, { recursive: true });
      await settingsShot(page, `${SHOTS}/settings-valid-${lang}-${width}.png`);
      await expectNoSidewaysScroll(page);
      await field(page, lang, n.hiddenLayers).fill('100,,100');
      await field(page, lang, n.beta1).fill('1');
      await expect(p.locator('.train-settings').getByRole('group')).toHaveCount(4);
      await expectNoSidewaysScroll(page);
      // No field spills out of its group.
      const spills = await p.locator('fieldset').evaluateAll((sets) =>
        sets.flatMap((fs) => {
          const box = fs.getBoundingClientRect();
          return Array.from(fs.querySelectorAll('input, select, .field-error, .field-note, label'))
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
            })
            .map((el) => el.id || el.textContent);
        }),
      );
      expect(spills).toEqual([]);
      await settingsShot(page, `${SHOTS}/settings-invalid-${lang}-${width}.png`);
      await p.evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: `${SHOTS}/page-${lang}-${width}.png` });
    });
  }
}
