import { test, expect } from './fixtures';
import { GRAPH_IDS } from '../src/graphs/registry';

/**
 * English words that the engine or the components could build into a step's text, a message
 * or a caption. Layer names the Korean edition keeps in English (Affine, ReLU, Softmax, Sigmoid)
 * and the book's code names (X_dot_W, cross_entropy_error, batch_size) are not among them.
 */
const ENGLISH =
  /\b(forward|backward|upstream|local|broadcast|over|axis|rows?|pass(es)?|where|else|nothing|computed|step|gradient|shape|must|columns?|vector|label|units?|appears|the|and|of|is|to|from|with)\b/i;

test('Korean: no English word built by the code reaches the screen, on any graph at any step', async ({ page }) => {
  test.setTimeout(120_000);
  for (const id of GRAPH_IDS) {
    await page.goto(`/?lang=ko&graph=${id}`);
    const g = page.getByRole('region', { name: '계산 그래프' });
    const slider = g.getByRole('slider', { name: '단계' });
    const total = Number(await slider.getAttribute('max'));
    for (let k = 0; k <= total; k++) {
      if (k > 0) await g.getByRole('button', { name: '한 단계 앞으로', exact: true }).click();
      await expect(slider).toHaveValue(String(k));
      // The text a reader sees, without the book's code (Python) and the typeset formulas (math).
      const text = await g.evaluate((el) => {
        const lines: string[] = [];
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (n.parentElement?.closest('pre, .katex, option, title')) continue;
          const s = n.textContent?.trim();
          if (s) lines.push(s);
        }
        return lines.join('\n');
      });
      const hit = text.split('\n').find((line) => ENGLISH.test(line));
      expect(hit, `${id} at step ${k}: "${hit}"`).toBeUndefined();
    }
  }
});
