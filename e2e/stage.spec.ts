import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, shot, axeSerious } from './fixtures';
import { GRAPH_IDS } from '../src/graphs/registry';

const NAMES = {
  en: { region: 'Computational graph', step: 'Step', forward: 'Step forward', status: 'Step description' },
  ko: { region: '계산 그래프', step: '단계', forward: '한 단계 앞으로', status: '단계 설명' },
};
type Lang = keyof typeof NAMES;

const region = (page: Page, lang: Lang = 'en') => page.getByRole('region', { name: NAMES[lang].region });
const drawing = (page: Page) => page.locator('svg.graph-svg');

/** Opens a graph and waits until its drawing is laid out in its own font. */
async function open(page: Page, id: string, lang: Lang = 'en', step = 0): Promise<void> {
  await page.goto(`/?lang=${lang}&graph=${id}${step ? `&step=${step}` : ''}`);
  await expect(page.locator('svg.graph-svg[data-font="ready"]')).toBeVisible({ timeout: 20_000 });
}

/**
 * Everything on the drawing that collides, measured in the page: the boxes of the labels
 * (getBBox), the outlines of the nodes, and points along every edge and backward arrow
 * (getPointAtLength); and every arrowhead's tip against the outline of the node it points to.
 */
function problemsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector<SVGGElement>('svg.graph-svg .stage-content')!;
    type Box = { x0: number; y0: number; x1: number; y1: number };
    const out: string[] = [];
    const bbox = (el: SVGGraphicsElement): Box => {
      const b = el.getBBox();
      return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
    };
    const overlap = (a: Box, b: Box, tol = 0.5) =>
      a.x0 < b.x1 - tol && b.x0 < a.x1 - tol && a.y0 < b.y1 - tol && b.y0 < a.y1 - tol;
    const labels = Array.from(
      root.querySelectorAll<SVGTextElement>('.edge-value, .edge-shape, .edge-grad, .op-label'),
    ).map((el) => ({ text: el.textContent ?? '', box: bbox(el) }));
    const shapes = Array.from(root.querySelectorAll<SVGGraphicsElement>('.node-shape')).map((el) => {
      const id = el.closest('[data-id]')!.getAttribute('data-id')!;
      if (el instanceof SVGCircleElement)
        return {
          id,
          circle: { cx: el.cx.baseVal.value, cy: el.cy.baseVal.value, r: el.r.baseVal.value },
          box: bbox(el),
        };
      return { id, circle: null, box: bbox(el) };
    });
    const hitsShape = (b: Box, s: (typeof shapes)[number]) => {
      if (!s.circle) return overlap(b, s.box);
      const { cx, cy, r } = s.circle;
      const dx = Math.max(b.x0 - cx, 0, cx - b.x1);
      const dy = Math.max(b.y0 - cy, 0, cy - b.y1);
      return Math.hypot(dx, dy) < r - 0.5;
    };
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++)
        if (overlap(labels[i].box, labels[j].box)) out.push(`"${labels[i].text}" overlaps "${labels[j].text}"`);
      for (const s of shapes) if (hitsShape(labels[i].box, s)) out.push(`"${labels[i].text}" overlaps node ${s.id}`);
    }
    for (const path of Array.from(root.querySelectorAll<SVGPathElement>('.edge-line, .back-line'))) {
      const edge = path.closest('[data-id]')!.getAttribute('data-id');
      const len = path.getTotalLength();
      for (let d = 0; d <= len; d += 2) {
        const p = path.getPointAtLength(d);
        const hit = labels.find(
          (l) => p.x > l.box.x0 + 0.5 && p.x < l.box.x1 - 0.5 && p.y > l.box.y0 + 0.5 && p.y < l.box.y1 - 0.5,
        );
        if (hit) {
          out.push(`edge ${edge} runs through "${hit.text}"`);
          break;
        }
      }
    }
    // Arrowheads: the first point of each head is its tip; it touches the target's outline (2 px stroke).
    for (const head of Array.from(root.querySelectorAll<SVGPathElement>('.edge-head'))) {
      const edge = head.closest('[data-id]')!.getAttribute('data-id')!;
      const target = edge.replace(/^.*->/, '').replace(/#\d+$/, '');
      const m = /^M([-\d.]+),([-\d.]+)/.exec(head.getAttribute('d') ?? '');
      const s = shapes.find((x) => x.id === target);
      if (!m || !s) {
        out.push(`edge ${edge}: no head or no target`);
        continue;
      }
      const [x, y] = [Number(m[1]), Number(m[2])];
      if (s.circle) {
        const gap = Math.hypot(x - s.circle.cx, y - s.circle.cy) - s.circle.r;
        if (gap < 0 || gap > 1.6) out.push(`edge ${edge}: tip ${gap.toFixed(2)} from the rim of ${target}`);
      } else {
        const b = s.box;
        const gap = Math.max(b.x0 - x, x - b.x1, b.y0 - y, y - b.y1);
        if (gap < 0 || gap > 1.6) out.push(`edge ${edge}: tip ${gap.toFixed(2)} from the outline of ${target}`);
      }
    }
    return out;
  });
}

/** Steps through every step of the graph (keys), running `check` at each. */
async function everyStep(page: Page, lang: Lang, check: (k: number, total: number) => Promise<void>): Promise<void> {
  const slider = region(page, lang).getByRole('slider', { name: NAMES[lang].step, exact: true });
  const total = Number(await slider.getAttribute('max'));
  for (let k = 0; k <= total; k++) {
    if (k > 0) await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveValue(String(k));
    await check(k, total);
  }
}

test.describe('the drawing', () => {
  test.use({ reducedMotion: 'reduce' });

  test('no label meets a label, a node or an edge, and arrowheads end at the rims: every graph, every step, both languages, wide', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    for (const lang of ['en', 'ko'] as Lang[])
      for (const id of GRAPH_IDS) {
        await open(page, id, lang);
        await page.locator('body').click({ position: { x: 2, y: 2 } });
        await everyStep(page, lang, async (k, total) => {
          expect(await problemsIn(page), `${id} (${lang}) at step ${k}`).toEqual([]);
          if (k === total - 1) await page.screenshot({ path: `e2e-artifacts/stage-wide-${lang}-${id}.png` });
        });
      }
  });

  test('at 390 × 844 the page never scrolls sideways and nothing collides: every graph, every step, both languages', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ['en', 'ko'] as Lang[])
      for (const id of GRAPH_IDS) {
        await open(page, id, lang);
        await page.locator('body').click({ position: { x: 2, y: 2 } });
        await everyStep(page, lang, async (k, total) => {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${id} (${lang}) at step ${k} scrolls sideways`).toBeLessThanOrEqual(0);
          expect(await problemsIn(page), `${id} (${lang}) at step ${k}`).toEqual([]);
          if (k === total - 1) await page.screenshot({ path: `e2e-artifacts/stage-narrow-${lang}-${id}.png` });
        });
      }
  });

  test('the drawing fills its panel width, every graph at one text size (the body size), whole, and follows a resize', async ({
    page,
  }) => {
    const sizes = async () =>
      page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('svg.graph-svg')!;
        const box = svg.parentElement!;
        const content = svg.querySelector('.stage-content')!.getBoundingClientRect();
        const s = svg.getBoundingClientRect();
        const body = parseFloat(getComputedStyle(document.body).fontSize);
        const k = svg.querySelector<SVGGElement>('.stage-content')!.getScreenCTM()!.a;
        const fonts = Array.from(svg.querySelectorAll<SVGTextElement>('.stage-content text')).map(
          (t) => parseFloat(getComputedStyle(t).fontSize) * k,
        );
        const labels = Array.from(
          svg.querySelectorAll<SVGTextElement>('.stage-content .edge-value, .edge-shape, .edge-grad'),
        ).map((t) => parseFloat(getComputedStyle(t).fontSize) * k);
        return {
          svgW: s.width,
          svgH: s.height,
          boxW: box.clientWidth,
          contentW: content.width,
          contentH: content.height,
          whole:
            content.left >= s.left - 1 &&
            content.right <= s.right + 1 &&
            content.top >= s.top - 1 &&
            content.bottom <= s.bottom + 1,
          smallest: Math.min(...fonts),
          label: labels.length ? Math.max(...labels) : body,
          body,
        };
      });
    const labelSizes = new Set<number>();
    for (const id of GRAPH_IDS) {
      await open(page, id, 'en', 4);
      const s = await sizes();
      expect(s.svgW, id).toBeGreaterThanOrEqual(s.boxW - 2);
      expect(s.svgH, id).toBeGreaterThanOrEqual(40);
      expect(s.whole, `${id}: the whole drawing in its box`).toBe(true);
      // Its box is no taller than the drawing needs (its labels' rows kept free, and margins), so
      // what comes under it stays near.
      expect(s.svgH - s.contentH, id).toBeLessThanOrEqual(100);
      expect(s.smallest, `${id}: the smallest text`).toBeGreaterThanOrEqual(s.body - 0.01);
      labelSizes.add(Math.round(s.label * 10) / 10);
    }
    // One text size across graphs: the numbers on the edges are the same size on every graph.
    expect([...labelSizes]).toEqual([16]);
    // A narrower window: the drawing follows its panel and lays itself out again.
    await open(page, 'two-layer-net', 'en', 4);
    const before = await sizes();
    await page.setViewportSize({ width: 1250, height: 900 });
    await expect.poll(async () => (await sizes()).svgW).toBeLessThan(before.svgW - 50);
    const after = await sizes();
    expect(after.svgW).toBeGreaterThanOrEqual(after.boxW - 2);
    expect(after.whole).toBe(true);
  });

  test('zoom and pan: the buttons, the keys, Ctrl + wheel and a drag', async ({ page }) => {
    await open(page, 'apple-orange', 'en', 8);
    const g = region(page);
    const t = () =>
      page.evaluate(() => {
        const m = document.querySelector('svg.graph-svg .stage-content')!.getAttribute('transform') ?? '';
        const k = /scale\(([-\d.e]+)/.exec(m);
        const tr = /translate\(([-\d.e]+),\s*([-\d.e]+)/.exec(m);
        return { k: k ? Number(k[1]) : 1, x: tr ? Number(tr[1]) : 0, y: tr ? Number(tr[2]) : 0 };
      });
    const k0 = (await t()).k;
    await g.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(async () => (await t()).k).toBeGreaterThan(k0 * 1.2);
    await g.getByRole('button', { name: 'Zoom out' }).click();
    await g.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(async () => (await t()).k).toBeLessThan(k0 * 0.9);
    await g.getByRole('button', { name: 'Fit to view' }).click();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const s = document.querySelector('svg.graph-svg')!.getBoundingClientRect();
          const c = document.querySelector('svg.graph-svg .stage-content')!.getBoundingClientRect();
          return c.left >= s.left - 1 && c.right <= s.right + 1 && c.top >= s.top - 1 && c.bottom <= s.bottom + 1;
        }),
      )
      .toBe(true);
    // Keys: + zooms in, 0 fits, Shift + arrow pans (and does not step).
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const fitK = (await t()).k;
    await page.keyboard.press('+');
    await expect.poll(async () => (await t()).k).toBeGreaterThan(fitK * 1.2);
    const x0 = (await t()).x;
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => (await t()).x).not.toBe(x0);
    await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('8');
    await page.keyboard.press('0');
    await expect.poll(async () => (await t()).k).toBeCloseTo(fitK, 3);
    // The mouse: Ctrl + wheel zooms, a plain wheel scrolls the page, a drag pans.
    const box = (await drawing(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await t()).k).toBeGreaterThan(fitK * 1.1);
    const kWheel = (await t()).k;
    await page.mouse.wheel(0, 120);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect((await t()).k).toBeCloseTo(kWheel, 5);
    const before = await t();
    const b2 = (await drawing(page).boundingBox())!;
    await page.mouse.move(b2.x + b2.width / 2, b2.y + b2.height / 2);
    await page.mouse.down();
    await page.mouse.move(b2.x + b2.width / 2 - 120, b2.y + b2.height / 2 - 10, { steps: 5 });
    await page.mouse.up();
    expect((await t()).x).toBeLessThan(before.x - 50);
  });

  test('Present (and F): the drawing and the step description alone, full screen; the step keys work; Escape leaves', async ({
    page,
  }) => {
    await open(page, 'apple-orange', 'en', 2);
    const g = region(page);
    const stage = page.locator('.stage');
    const status = g.getByRole('status', { name: 'Step description' });
    const fontScale = () =>
      page.evaluate(() => document.querySelector<SVGGElement>('svg.graph-svg .stage-content')!.getScreenCTM()!.a);
    const k0 = await fontScale();
    await g.getByRole('button', { name: 'Present' }).click();
    await expect(stage).toHaveAttribute('data-presenting', 'true');
    const vp = page.viewportSize()!;
    const b = (await stage.boundingBox())!;
    expect(b.width).toBeGreaterThanOrEqual(vp.width - 1);
    expect(b.height).toBeGreaterThanOrEqual(vp.height - 1);
    await expect(g.getByRole('button', { name: 'Step forward' })).toBeHidden();
    await expect(g.getByRole('button', { name: 'Download SVG' })).toBeHidden();
    await expect(status).toBeVisible();
    await expect.poll(async () => (await drawing(page).boundingBox())!.height).toBeGreaterThan(vp.height * 0.55);
    await expect.poll(fontScale).toBeGreaterThan(k0 * 1.2);
    await page.screenshot({ path: 'e2e-artifacts/stage-present.png' });
    await page.keyboard.press('ArrowRight');
    await expect(status).toHaveText('Forward 3/4: 200 + 450 = 650');
    await page.keyboard.press('Escape');
    await expect(stage).toHaveAttribute('data-presenting', 'false');
    await expect(g.getByRole('button', { name: 'Step forward' })).toBeVisible();
    await expect(g.getByRole('slider', { name: 'Step' })).toHaveValue('3');
    // The key F does the same.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('f');
    await expect(stage).toHaveAttribute('data-presenting', 'true');
    await page.keyboard.press('Escape');
    await expect(stage).toHaveAttribute('data-presenting', 'false');
  });

  test('Download SVG and Download PNG: the diagram at the current step, with its caption, standalone', async ({
    page,
  }) => {
    await open(page, 'apple-orange', 'en', 6);
    const g = region(page);
    const onScreen = await page.evaluate(() =>
      Array.from(document.querySelectorAll('svg.graph-svg .stage-content text'))
        .map((t) => t.textContent)
        .sort(),
    );
    expect(onScreen).toContain('715');
    const [svgDl] = await Promise.all([
      page.waitForEvent('download'),
      g.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    expect(svgDl.suggestedFilename()).toBe('apple-orange-step-6.svg');
    await svgDl.saveAs('e2e-artifacts/stage-download.svg');
    const svgText = await readFile((await svgDl.path())!, 'utf8');
    expect(svgText).toContain('@font-face');
    expect(svgText).toContain('data:font/woff2;base64,');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.nodeName,
        width: Number(root.getAttribute('width')),
        texts: Array.from(root.querySelectorAll('text')).map((t) => t.textContent),
        links: Array.from(root.querySelectorAll('[href], [src]')).length,
      };
    }, svgText);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.links).toBe(0);
    expect(parsed.texts).toContain('Buy apple and orange — step 6 of 8: backward 2/4');
    // The step's numbers, exactly those on screen (the caption aside).
    expect(parsed.texts.filter((x) => !x?.startsWith('Buy apple')).sort()).toEqual(onScreen);
    expect(parsed.texts).toContain('650');

    const content = (await page.locator('svg.graph-svg .stage-content').boundingBox())!;
    const [pngDl] = await Promise.all([
      page.waitForEvent('download'),
      g.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(pngDl.suggestedFilename()).toBe('apple-orange-step-6.png');
    await pngDl.saveAs('e2e-artifacts/stage-download.png');
    const png = await readFile((await pngDl.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      return { w: img.naturalWidth, h: img.naturalHeight };
    }, png.toString('base64'));
    expect(size.w).toBeGreaterThanOrEqual(content.width);
    expect(size.h).toBeGreaterThanOrEqual(content.height);
  });

  test('dark theme: follows the system, and passes the accessibility audit', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const id of ['apple-orange', 'affine']) {
      await open(page, id, 'en', 3);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.graph-box')!).backgroundColor);
      const [r, gr, b] = bg.match(/\d+/g)!.map(Number);
      expect(r + gr + b, bg).toBeLessThan(120);
      expect(await axeSerious(page)).toEqual([]);
      await shot(page, `stage-dark-${id}`);
    }
    await open(page, 'sigmoid', 'ko', 6);
    expect(await axeSerious(page)).toEqual([]);
  });

  test('print: the drawing, the step description and the Values table, without the controls', async ({ page }) => {
    await open(page, 'apple-orange', 'en', 6);
    await page.emulateMedia({ media: 'print' });
    const g = region(page);
    await expect(drawing(page)).toBeVisible();
    await expect(g.getByRole('status', { name: 'Step description' })).toBeVisible();
    await expect(g.getByRole('table', { name: 'Values' })).toBeVisible();
    for (const name of ['Step forward', 'Play', 'Present', 'Download SVG', 'Zoom in'])
      await expect(g.getByRole('button', { name })).toBeHidden();
    await expect(g.getByRole('combobox', { name: 'Graph' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Two-layer net training' })).toBeHidden();
    const caption = g.locator('.print-caption');
    await expect(caption).toBeVisible();
    expect(await caption.evaluate((el) => getComputedStyle(el, '::before').content)).toBe(
      '"Buy apple and orange — step 6 of 8: backward 2/4"',
    );
    await page.pdf({ path: 'e2e-artifacts/stage-print.pdf', format: 'A4' });
  });
});

test('motion: a step sends its value along its edge in half a second; reduced motion sends nothing', async ({
  page,
}) => {
  await open(page, 'apple-orange', 'en', 4);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  const tokens = page.locator('svg.graph-svg .tokens .token');
  await page.keyboard.press('ArrowRight');
  // Backward 1/4: the gradients leave node (4) along both of its input edges.
  await expect(tokens).toHaveCount(2);
  await expect(tokens.first()).toHaveClass(/backward/);
  await expect(tokens).toHaveCount(0, { timeout: 3000 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.keyboard.press('ArrowRight');
  await expect(region(page).getByRole('slider', { name: 'Step' })).toHaveValue('6');
  const seen = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let most = 0;
        const t0 = performance.now();
        const look = () => {
          most = Math.max(most, document.querySelectorAll('svg.graph-svg .tokens .token').length);
          if (performance.now() - t0 < 300) requestAnimationFrame(look);
          else resolve(most);
        };
        look();
      }),
  );
  expect(seen).toBe(0);
  const animation = await page.evaluate(() =>
    Array.from(document.querySelectorAll('svg.graph-svg .fresh')).map((el) => getComputedStyle(el).animationName),
  );
  expect(animation.length).toBeGreaterThan(0);
  expect(animation.every((a) => a === 'none')).toBe(true);
});
