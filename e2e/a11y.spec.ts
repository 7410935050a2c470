import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, axeSerious } from './fixtures';
import { GRAPH_IDS } from '../src/graphs/registry';

/**
 * The accessibility audit (no serious or critical axe violation) on every graph, in both
 * languages, at both sizes, half-way through its steps, in the light and the dark theme: each of
 * the 40 views is opened once, audited in full, switched to dark and audited for colour (the
 * dark theme changes colours only: its one media query sets colours and backgrounds), which
 * keeps the whole spec near a minute.
 *
 * The other specs audit a few views each, all wide: graph.spec (the scalar graphs together,
 * sigmoid in Korean), matrix.spec (two-layer net, softmax-with-loss in Korean), stage.spec
 * (dark: apple-orange and affine, sigmoid in Korean), dark.spec (dark: your own graph with
 * practice, the tour, training). This one adds the narrow size, Korean and dark for every graph,
 * and a step in the middle, where forward values and gradients both show.
 *
 * Every view is audited before any expectation fails (soft expectations), so one run lists all.
 */
const SIZES = [
  { name: 'wide', width: 1440, height: 900 },
  { name: 'narrow', width: 390, height: 844 },
] as const;
const LANGS = ['en', 'ko'] as const;
const REGION = { en: 'Computational graph', ko: '계산 그래프' };
const STEP = { en: 'Step', ko: '단계' };

/** Steps of each graph, read once from the slider (the same in both languages and at both sizes). */
const totals = new Map<string, number>();

async function open(page: Page, id: string, lang: (typeof LANGS)[number]): Promise<number> {
  const slider = page
    .getByRole('region', { name: REGION[lang] })
    .getByRole('slider', { name: STEP[lang], exact: true });
  if (!totals.has(id)) {
    await page.goto(`/?lang=${lang}&graph=${id}`);
    totals.set(id, Number(await slider.getAttribute('max')));
  }
  const step = Math.floor(totals.get(id)! / 2);
  await page.goto(`/?lang=${lang}&graph=${id}&step=${step}`);
  await expect(page.locator('svg.graph-svg[data-font="ready"]')).toBeVisible({ timeout: 20_000 });
  await expect(slider).toHaveValue(String(step));
  return step;
}

/** The rules whose outcome depends on colour alone. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * As axeSerious, for the colour rules only. The full audit just before has left axe-core in the
 * page (window.axe), so this runs it there, without a new AxeBuilder's second injection and the
 * blank page it finishes in (about 0.3 s of each audit here). Without it, AxeBuilder runs it.
 */
async function axeSeriousColour(page: Page): Promise<string[]> {
  const inPage = await page.evaluate(async (rules) => {
    type Result = { violations: { id: string; impact?: string; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe?: { run(c: Document, o: object): Promise<Result> } }).axe;
    if (!axe) return null;
    const r = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) }));
  }, COLOUR_RULES);
  const violations = inPage ?? (await new AxeBuilder({ page }).withRules(COLOUR_RULES).analyze()).violations;
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const darkBackground = (page: Page) =>
  page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.querySelector('.graph-box') ?? document.body)
      .backgroundColor.match(/\d+/g)!
      .map(Number);
    return r + g + b < 120;
  });

test.describe('accessibility audit, every graph', () => {
  // No token flying along an edge while axe measures contrast.
  test.use({ reducedMotion: 'reduce' });

  for (const size of SIZES)
    test(`${size.name} (${size.width} × ${size.height}): both languages, light and dark, at the middle step`, async ({
      page,
    }) => {
      test.setTimeout(150_000); // a guard: about 35 s each on an idle 2-core machine
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const lang of LANGS)
        for (const id of GRAPH_IDS) {
          await page.emulateMedia({ colorScheme: 'light' });
          const step = await open(page, id, lang);
          const view = `${id} ${lang} ${size.name} step ${step}`;
          expect.soft(await axeSerious(page), `${view} light`).toEqual([]);
          await page.emulateMedia({ colorScheme: 'dark' });
          await expect.poll(() => darkBackground(page), `${view}: the dark theme applies`).toBe(true);
          expect.soft(await axeSeriousColour(page), `${view} dark`).toEqual([]);
        }
    });
});
