// Ad-hoc screenshots while developing: node e2e/shot.mjs URL out.png [width height]
import { chromium } from '@playwright/test';
const [url, out, w = '1440', h = '900', ...actions] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(url);
await page.waitForTimeout(800);
for (const a of actions) {
  if (a.startsWith('key:')) await page.keyboard.press(a.slice(4));
  else if (a.startsWith('wait:')) await page.waitForTimeout(Number(a.slice(5)));
  else if (a.startsWith('click:')) await page.getByRole('button', { name: a.slice(6), exact: true }).click();
}
await page.screenshot({ path: out, fullPage: true });
await browser.close();
