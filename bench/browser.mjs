// npm run bench:browser (after npm run build): the book's whole run (10,000 iterations at batch
// 100, an evaluation on all 70,000 images every epoch and after the last iteration) in headless
// Chromium's worker, timed from the first iteration to the last evaluation. A benchmark, not a
// test: it prints its figures and a JSON line.
import { spawn } from 'node:child_process';
import { launchChromium } from './chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4174);
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
  stdio: 'ignore',
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
try {
  const url = `http://127.0.0.1:${PORT}/?lang=en`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  const iterations = process.argv.includes('--short') ? '1200' : '10000';
  await page.getByLabel('Iterations', { exact: true }).fill(iterations);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Training progress' });
  await page.waitForFunction(
    () => Number(document.querySelector('[aria-label="Training progress"]')?.getAttribute('aria-valuenow')) > 0,
    null,
    { timeout: 60_000 },
  );
  const t0 = Date.now();
  await page
    .getByRole('status', { name: 'Training status' })
    .filter({ hasText: 'Finished' })
    .waitFor({ timeout: 900_000 });
  const seconds = (Date.now() - t0) / 1000;
  const rows = await page.getByRole('table', { name: 'Accuracy by epoch' }).getByRole('row').allInnerTexts();
  const kernel = ((await page.locator('.progress-text').innerText()).match(/(wasm-relaxed-simd|wasm-simd|ts)/) ??
    [])[1];
  const last = rows[rows.length - 1].split('\t');
  // Memory of the page and its worker (needs cross-origin isolation, which preview sends).
  const memory = await page
    .evaluate(async () => {
      if (!crossOriginIsolated || !('measureUserAgentSpecificMemory' in performance)) return null;
      const m = await performance.measureUserAgentSpecificMemory();
      const workers = m.breakdown.filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'));
      const worker = workers.reduce((s, b) => s + b.bytes, 0);
      const each = workers.map(
        (b) => `${b.attribution.map((a) => (a.url ?? '').split('/').pop()).join(',')}: ${Math.round(b.bytes / 1e6)} MB`,
      );
      return { totalMB: Math.round(m.bytes / 1e6), workerMB: Math.round(worker / 1e6), each };
    })
    .catch(() => null);
  if (memory)
    console.log(
      `memory: page and workers ${memory.totalMB} MB, the workers ${memory.workerMB} MB (${memory.each.join('; ')})`,
    );
  console.log(
    `the book's run in Chromium (${kernel}): ${seconds.toFixed(1)} s, final train ${last[1]}, test ${last[2]}`,
  );
  console.log(
    JSON.stringify({
      browserBookRunS: Number(seconds.toFixed(1)),
      workerMB: memory?.workerMB ?? null,
      kernel,
      iterations: Number(iterations),
      finalTest: Number(last[2]),
      done: await progress.getAttribute('aria-valuenow'),
    }),
  );
  await browser.close();
} finally {
  stop();
}
