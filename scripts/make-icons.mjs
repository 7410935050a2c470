// Renders the app's icons (public/icons/*.png) from public/favicon.svg with Chromium, once;
// the PNGs are committed. Run: node scripts/make-icons.mjs
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
]) {
  await page.setViewportSize({ width: size, height: size });
  // A maskable icon fills its square and keeps the glyph inside the safe zone (the middle 80%).
  const inner = maskable ? `<div style="width:80%;height:80%">${svg}</div>` : svg;
  await page.setContent(
    `<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${
      maskable ? '#1d4ed8' : 'transparent'
    }">${inner}</body></html>`,
  );
  await page.addStyleTag({ content: 'svg{width:100%;height:100%;display:block}' });
  await page.screenshot({ path: new URL(name, out).pathname, omitBackground: !maskable });
}
await browser.close();
