// Ad-hoc screenshots while developing: node e2e/shot.mjs URL out.png [width height [scrollY|action...]]
import { chromium } from '@playwright/test';
const [url, out, w = '1440', h = '900', ...actions] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(url);
await page.waitForTimeout(800);
let full = true;
for (const a of actions) {
  if (a.startsWith('key:')) await page.keyboard.press(a.slice(4));
  else if (a.startsWith('wait:')) await page.waitForTimeout(Number(a.slice(5)));
  else if (a.startsWith('click:')) await page.getByRole('button', { name: a.slice(6), exact: true }).click();
  else if (a.startsWith('fill:')) { const [l, v] = a.slice(5).split('='); await page.getByLabel(l, { exact: true }).fill(v); }
  else if (a.startsWith('scroll:')) { full = false; await page.evaluate((y) => window.scrollTo(0, y), Number(a.slice(7))); await page.waitForTimeout(200); }
}
await page.screenshot({ path: out, fullPage: full });
await browser.close();
