import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { GRAPH_IDS } from '../src/graphs/registry';

/**
 * The page as a stage (issue 18): one view per task, the whole drawing at load on every graph at
 * both sizes, the lit line of the book's code on the same screen as the drawing and the step
 * controls on a desktop, a transport bar that stays on a phone's screen, a step that stands out.
 */

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
type Lang = 'en' | 'ko';
const NAMES = {
  en: { forward: 'Step forward', back: 'Step back', reset: 'Reset', end: 'Run to end', play: 'Play' },
  ko: { forward: '한 단계 앞으로', back: '한 단계 뒤로', reset: '처음으로', end: '끝까지 실행', play: '재생' },
};

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.locator('svg.graph-svg[data-font="ready"]')).toBeVisible({ timeout: 20_000 });
}

/** Where things are on the screen, in window coordinates, as the learner sees them at load. */
function layout(page: Page) {
  return page.evaluate(() => {
    const r = (sel: string) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const b = el.getBoundingClientRect();
      return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    };
    const svg = document.querySelector<SVGSVGElement>('svg.graph-svg')!;
    const k = svg.querySelector<SVGGElement>('.stage-content')!.getScreenCTM()!.a;
    const fonts = Array.from(svg.querySelectorAll<SVGTextElement>('.stage-content text')).map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * k,
    );
    return {
      content: r('svg.graph-svg .stage-content')!,
      box: r('svg.graph-svg')!,
      controls: r('.stage > .controls')!,
      lit: r('.code .line.current'),
      code: r('.code pre'),
      rows: Number(svg.dataset.rows),
      scale: Number(svg.dataset.scale),
      smallest: Math.min(...fonts),
      body: parseFloat(getComputedStyle(document.body).fontSize),
      window: { width: window.innerWidth, height: window.innerHeight },
      scrollWidth: document.documentElement.scrollWidth,
    };
  });
}

type Box = { left: number; top: number; right: number; bottom: number };
const inside = (a: Box, b: Box, tol = 1) =>
  a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;

test.describe('the stage at load', () => {
  test.use({ reducedMotion: 'reduce' });

  test('1440 × 900: the whole drawing at one text size, the step controls and the lit code line on one screen, both languages', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(WIDE);
    for (const lang of ['en', 'ko'] as Lang[])
      for (const id of GRAPH_IDS) {
        // The first backward step: the code's lit line is the one that starts backprop.
        const slider = () => page.getByRole('slider', { name: lang === 'en' ? 'Step' : '단계', exact: true });
        await open(page, `lang=${lang}&graph=${id}`);
        const half = Number(await slider().getAttribute('max')) / 2;
        for (const step of [1, half + 1]) {
          await open(page, `lang=${lang}&graph=${id}&step=${step}`);
          await expect(page.locator('.code .line.current')).toHaveCount(1);
          // The lit line is kept in the listing's view as the page settles.
          await expect
            .poll(async () => {
              const l = await layout(page);
              return l.lit !== null && l.lit.top >= 0 && l.lit.bottom <= l.window.height;
            }, `${id} (${lang}) step ${step}: the lit line is on screen`)
            .toBe(true);
          const l = await layout(page);
          const screen = { left: 0, top: 0, right: l.window.width, bottom: l.window.height };
          expect(inside(l.content, l.box), `${id} (${lang}): the drawing is whole in its box`).toBe(true);
          expect(inside(l.content, screen), `${id} (${lang}): the drawing is on screen`).toBe(true);
          expect(inside(l.controls, screen), `${id} (${lang}): the step controls are on screen`).toBe(true);
          // One text size across graphs: every graph at scale 1, its text the body's size.
          expect(l.scale, `${id} (${lang}): scale`).toBe(1);
          expect(l.smallest, `${id} (${lang}): smallest text`).toBeGreaterThanOrEqual(l.body - 0.01);
          expect(l.scrollWidth).toBeLessThanOrEqual(l.window.width);
        }
      }
  });

  test('1440 px: the sigmoid and Softmax-with-Loss are one row, as the book draws them; the two-layer net shows its right end', async ({
    page,
  }) => {
    await page.setViewportSize(WIDE);
    for (const id of ['sigmoid', 'softmax-loss', 'two-layer-net']) {
      await open(page, `lang=en&graph=${id}`);
      const l = await layout(page);
      expect(l.rows, id).toBe(1);
      await expect(page.locator('svg.graph-svg')).toHaveAttribute('data-orientation', 'LR');
    }
    // The two-layer net's right end (SoftmaxWithLoss and L, where backprop starts) is in view.
    const loss = await page.locator('svg.graph-svg [data-id="loss"]').boundingBox();
    const box = await page.locator('svg.graph-svg').boundingBox();
    expect(loss!.x + loss!.width).toBeLessThanOrEqual(box!.x + box!.width);
  });

  test('390 × 844: every graph whole and readable at load, above the transport bar, never sideways, both languages', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(PHONE);
    for (const lang of ['en', 'ko'] as Lang[])
      for (const id of GRAPH_IDS) {
        await open(page, `lang=${lang}&graph=${id}&step=1`);
        const l = await layout(page);
        const above = { left: 0, top: 0, right: l.window.width, bottom: l.controls.top };
        expect(inside(l.content, l.box), `${id} (${lang}): whole in its box`).toBe(true);
        expect(inside(l.content, above), `${id} (${lang}): on screen above the transport bar`).toBe(true);
        expect(inside(l.controls, { left: 0, top: 0, right: l.window.width, bottom: l.window.height })).toBe(true);
        // Shrunk only as much as showing all of it takes: never below half the body size.
        expect(l.smallest, `${id} (${lang}): smallest text`).toBeGreaterThanOrEqual(8);
        expect(l.scrollWidth, `${id} (${lang}) scrolls sideways`).toBeLessThanOrEqual(l.window.width);
      }
  });

  test('390 × 844: the transport bar stays on screen while the drawing is in view', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await open(page, 'lang=en&graph=two-layer-net&step=2');
    // Scrolled so that the drawing runs past the bottom of the window: the bar stays at the bottom.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 390, height: 600 });
    const l = await layout(page);
    expect(l.box.bottom).toBeGreaterThan(600);
    expect(l.controls.bottom).toBeLessThanOrEqual(600 + 1);
    expect(l.controls.top).toBeGreaterThanOrEqual(0);
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(page.getByRole('slider', { name: 'Step', exact: true })).toHaveValue('3');
  });
});

test.describe('views', () => {
  test('the graph view and the training view: the nav, the link, and scrolling between them', async ({ page }) => {
    await page.setViewportSize(WIDE);
    await open(page, 'lang=en&graph=relu');
    const nav = page.getByRole('navigation', { name: 'Views' });
    const graphs = nav.getByRole('link', { name: 'Graphs' });
    const training = nav.getByRole('link', { name: /^Training/ });
    await expect(graphs).toHaveAttribute('aria-current', 'page');
    // The trainer does not share the graph's screen: it starts below it.
    const trainRegion = page.getByRole('region', { name: 'Two-layer net training' });
    expect((await trainRegion.boundingBox())!.y).toBeGreaterThanOrEqual(900);
    await training.click();
    await expect(training).toHaveAttribute('aria-current', 'page');
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('training');
    await expect.poll(async () => (await trainRegion.boundingBox())!.y).toBeLessThan(200);
    await graphs.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBeNull();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(5);
    // A link to the trainer opens at the trainer; the graph's own state travels with it.
    await page.goto('/?lang=ko&graph=relu&step=1&view=training');
    await expect(page.getByRole('navigation', { name: '화면' }).getByRole('link', { name: /^학습/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect
      .poll(async () => (await page.getByRole('region', { name: '2층 신경망 학습' }).boundingBox())!.y)
      .toBeLessThan(200);
    await expect(page.getByRole('combobox', { name: '그래프' })).toHaveValue('relu');
    // A view the page does not know is named in the notice.
    await page.goto('/?lang=en&view=lab');
    await expect(page.getByText('not a view of this page')).toBeVisible();
  });

  test('the graph view shows the run live: its progress while it trains, its test accuracy after', async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(WIDE);
    await open(page, 'lang=en&graph=apple');
    const training = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Training/ });
    await expect(training).toHaveText('Training');
    await page.getByLabel('Iterations').fill('1200');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect(training).toHaveText(/Training\s*\d+% done/);
    await expect(training).toHaveText(/Training\s*test 0\.\d{4}/, { timeout: 45_000 });
    const status = page.getByRole('status', { name: 'Training status' });
    await expect(status).toHaveText(/Finished/);
    const last = (await page
      .getByRole('table', { name: 'Accuracy by epoch' })
      .locator('tbody tr')
      .last()
      .textContent())!;
    expect(last).toContain((await training.textContent())!.replace(/.*test /, ''));
  });
});

test.describe('the step', () => {
  test('what the current step computed stands out; the slider shows its forward and backward halves', async ({
    page,
  }) => {
    await open(page, 'lang=en&graph=apple-orange&step=6');
    // Backward 2/4 at the + node: both its input edges get their gradient now, haloed; the three
    // gradients of the step before (price's 1, all_price's 1.1, tax's 650) go quieter.
    const fresh = page.locator('svg.graph-svg .edge-back.fresh');
    await expect(fresh).toHaveCount(2);
    await expect(page.locator('svg.graph-svg .edge-back:not(.fresh)')).toHaveCount(3);
    const halo = await fresh
      .first()
      .locator('.edge-grad')
      .evaluate((t) => getComputedStyle(t).strokeWidth);
    expect(parseFloat(halo)).toBeGreaterThan(3);
    const quiet = await page
      .locator('svg.graph-svg .edge-back:not(.fresh) .back-line')
      .first()
      .evaluate((p) => Number(getComputedStyle(p).opacity));
    expect(quiet).toBeLessThan(1);
    // The slider: forward half full blue, the backward half stepped to 6 of 8.
    const slider = page.getByRole('slider', { name: 'Step', exact: true });
    await expect(slider).toHaveAttribute('aria-valuetext', 'step 6 of 8: backward 2 of 4');
    expect(await slider.evaluate((s) => [s.style.getPropertyValue('--fw'), s.style.getPropertyValue('--bw')])).toEqual([
      '50%',
      '75%',
    ]);
    await expect(page.locator('.step-halves')).toHaveText(/forward\s*backward/);
  });

  test('every transport button has its own icon, in both languages', async ({ page }) => {
    for (const lang of ['en', 'ko'] as Lang[]) {
      await open(page, `lang=${lang}&graph=apple&step=1`);
      const n = NAMES[lang];
      const icons = await Promise.all(
        [n.reset, n.back, n.play, n.forward, n.end].map((name) =>
          page.getByRole('button', { name, exact: true }).locator('svg path').getAttribute('d'),
        ),
      );
      expect(new Set(icons).size).toBe(5);
    }
  });
});

test.describe('the tour card', () => {
  const rect = (page: Page, sel: string) =>
    page.evaluate((s) => Array.from(document.querySelectorAll(s), (e) => e.getBoundingClientRect().toJSON()), sel);
  const meets = (a: Box, b: Box) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

  test('1440 × 900: beside what each stop talks about, covering neither it nor the step controls', async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(WIDE);
    for (const stop of [1, 3, 7, 11, 17]) {
      await open(page, `lang=en&tour=${stop}`);
      const card = page.getByRole('region', { name: 'Tour' });
      await expect(card).toHaveAttribute('data-placed', 'beside');
      await page.waitForTimeout(700);
      const c = (await rect(page, '.tour'))[0] as Box;
      expect(c.top).toBeGreaterThanOrEqual(0);
      expect(c.bottom).toBeLessThanOrEqual(900);
      for (const r of (await rect(page, '.stage > .controls')) as Box[])
        expect(meets(c, r), `stop ${stop}: the card covers the step controls`).toBe(false);
      for (const r of (await rect(page, '.graph-svg .op-node, .graph-svg .var-node')) as Box[])
        if (r.bottom > 0 && r.top < 900) expect(meets(c, r), `stop ${stop}: the card covers a node`).toBe(false);
    }
  });

  test('390 × 844: docked above the graph, it covers nothing', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await open(page, 'lang=ko&tour=3');
    const card = page.getByRole('region', { name: '둘러보기' });
    await expect(card).toHaveAttribute('data-placed', 'docked');
    expect(await card.evaluate((e) => getComputedStyle(e).position)).toBe('static');
    const c = (await rect(page, '.tour'))[0] as Box;
    const g = (await rect(page, '.graph-panel'))[0] as Box;
    expect(c.bottom).toBeLessThanOrEqual(g.top);
  });
});
