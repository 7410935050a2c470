// npm run -s bench:latency (after npm run build): how long a learner's click in the graph panel
// takes to be answered on screen, measured inside the page, while the two-layer net trains on
// both cores (split step, `×2` on the progress line), and the same with no training running as
// the reference (same run, same machine). A benchmark, not a test: it prints a table and exits 0.
//
// Each sample is one click on `Step forward`, `Step back` or `Reset` (Playwright's mouse), 100–300
// ms apart. Two measures of the same clicks, both from the `click` event's timeStamp (the moment
// the browser got the mouse release, which is what the app answers):
// - Event Timing: the `click` entry's duration (PerformanceObserver type 'event'), i.e. input to
//   the next paint after the handlers ran, rounded by the browser to 8 ms. The browser reports
//   only entries of 16 ms or more, so a click answered faster has no entry: it counts as "< 16".
// - rAF: a MutationObserver on the Step description sees the DOM change; requestAnimationFrame,
//   then a MessageChannel message (which runs after that frame is painted) takes performance.now().
// The training run asks for 1,000,000 iterations, so that it is still going when the clicks end.
// Options: --clicks N (default 40 per phase); --json (one JSON line after the table, with every
// click, and its interaction's duration: the longest of its pointerdown, pointerup and click
// entries); --ch6 trains the book's chapter 6 net instead (784-100-100-100-100-10, He, Adam,
// batch norm, dropout 0.2, batch 128, set through the link); BENCH_PORT=N serves on that port
// instead of a free one.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { devices } from '@playwright/test';
import { launchChromium } from './chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const CLICKS = Math.max(10, arg('--clicks', 40));
const CH6 = process.argv.includes('--ch6')
  ? '&layers=100,100,100,100&init=he&optimizer=adam&lr=0.001&batchnorm=1&dropout=0.2&batch=128'
  : '';
const WARMUP = 4;
const BUDGET_MS = 170_000; // the whole run, server and browser included; normally about a minute
const log = (s) => process.stderr.write(`${s}\n`);

if (!existsSync('dist/index.html')) {
  log('bench:latency: dist/ has no build. Run `npm run build` first.');
  process.exit(1);
}
/** The newest modification time under a folder (to warn about a stale build). */
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
if (existsSync('src') && newest('src') > statSync('dist/index.html').mtimeMs)
  log('bench:latency: note: src/ has changed since the last build; this measures the build in dist/.');

const cpu =
  (spawnSync('lscpu', { encoding: 'utf8' }).stdout?.match(/Model name:\s*(.+)/) ?? [])[1]?.trim() ?? 'unknown';
const loadBefore = loadavg();
const cores = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim()) || null;

const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' ');

/** A port nobody listens on now (BENCH_PORT overrides it). */
function freePort() {
  const fixed = Number(process.env.BENCH_PORT);
  if (fixed) return Promise.resolve(fixed);
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// --- the preview server: its own process group, so that stopping it stops vite and its children
let server = null;
let browser = null;
let stopping = false; // after a signal or the watchdog: the page closing under the run is no failure
async function stopAll() {
  const b = browser;
  browser = null;
  if (b) await Promise.race([b.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  const s = server;
  server = null;
  if (!s || s.exitCode !== null || s.signalCode !== null) return;
  const gone = new Promise((r) => s.once('exit', r));
  try {
    process.kill(-s.pid, 'SIGTERM');
  } catch {
    return; /* already gone */
  }
  const t = setTimeout(() => {
    try {
      process.kill(-s.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 3000);
  await gone;
  clearTimeout(t);
}
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    stopping = true;
    log(`bench:latency: ${sig}, stopping the server`);
    void stopAll().finally(() => process.exit(130));
  });
const watchdog = setTimeout(() => {
  stopping = true;
  log(`bench:latency: gave up after ${BUDGET_MS / 1000} s`);
  void stopAll().finally(() => process.exit(1));
}, BUDGET_MS);

/** Installed in the page before its scripts: the Event Timing observer and the click probe. */
function probe() {
  const w = window;
  const lat = { entries: [], samples: [], pending: null, target: null };
  w.__lat = lat;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (e.name === 'click' || e.name === 'pointerdown' || e.name === 'pointerup')
          lat.entries.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    lat.eventTiming = true;
  } catch {
    lat.eventTiming = false;
  }
  const painted = (sample) => {
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        sample.paint = performance.now() - sample.t0;
        lat.pending = null;
      };
      ch.port2.postMessage(0);
    });
  };
  // Only changes inside the watched element (the Step description) count: the training panel changes often.
  new MutationObserver((records) => {
    const s = lat.pending;
    if (!lat.target || !records.some((r) => lat.target.contains(r.target))) return;
    if (s && s.paint === undefined && s.changed === undefined) {
      s.changed = performance.now() - s.t0;
      painted(s);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  w.addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted || !lat.armed) return;
      lat.armed = false;
      const s = { label: lat.armed_label, t0: e.timeStamp, at: performance.now() };
      lat.samples.push(s);
      lat.pending = s;
    },
    true,
  );
  lat.watch = (el) => {
    lat.target = el;
  };
}

/** Percentile (nearest rank) of sorted numbers. */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (x) => (x === null ? '—' : x === -1 ? '< 16' : x.toFixed(1));

try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let serverErr = '';
  server.stderr.on('data', (d) => (serverErr += d));
  let up = false;
  for (let i = 0; i < 150 && !up && server.exitCode === null; i++) {
    try {
      up = (await fetch(base)).ok;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  if (!up) throw new Error(`vite preview did not answer on ${base}: ${serverErr.trim()}`);

  browser = await launchChromium();
  // No service worker: its first install (12 MB of precache) would compete with the reference phase.
  const context = await browser.newContext({
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(probe);
  await page.goto(`${base}?lang=en&graph=apple-orange${CH6}`);
  const isolated = await page.evaluate(() => crossOriginIsolated);

  const graph = page.getByRole('region', { name: 'Computational graph' });
  const slider = graph.getByRole('slider', { name: 'Step', exact: true });
  const button = (name) => graph.getByRole('button', { name, exact: true });
  const status = graph.getByRole('status', { name: 'Step description' });
  await status.waitFor();
  await status.evaluate((el) => window.__lat.watch(el));
  const total = Number(await slider.getAttribute('max'));

  /** One click, then wait until the probe saw it painted (or 5 s pass). */
  async function clickOnce(name) {
    await page.evaluate((label) => {
      window.__lat.armed = true;
      window.__lat.armed_label = label;
    }, name);
    await button(name).click();
    await page
      .waitForFunction(() => window.__lat.pending === null, null, { timeout: 5000, polling: 20 })
      .catch(() => page.evaluate(() => (window.__lat.pending = null)));
  }
  let walk = 0;
  /** Forward, forward, back, … walks through the steps; Reset at the end. Returns the clicks' labels. */
  async function clicks(n) {
    const from = await page.evaluate(() => window.__lat.samples.length);
    for (let i = 0; i < n; i++) {
      const value = Number(await slider.inputValue());
      const name = value >= total ? 'Reset' : value > 0 && walk++ % 3 === 2 ? 'Step back' : 'Step forward';
      await clickOnce(name);
      await page.waitForTimeout(100 + Math.random() * 200);
    }
    return from;
  }

  /** The samples from index `from` on, each with its Event Timing duration (or -1 when under 16 ms). */
  async function collect(from) {
    await page.waitForTimeout(600); // entries arrive a frame or two after the paint
    return page.evaluate((from) => {
      const lat = window.__lat;
      return lat.samples.slice(from).map((s) => {
        const click = lat.entries.find((e) => e.name === 'click' && Math.abs(e.start - s.t0) < 0.5);
        const inter = click ? lat.entries.filter((e) => e.id === click.id && e.id > 0) : [];
        return {
          label: s.label,
          paint: s.paint ?? null,
          eventTiming: click ? click.duration : -1,
          interaction: inter.length ? Math.max(...inter.map((e) => e.duration)) : -1,
        };
      });
    }, from);
  }

  // Reference: nothing trains. A few clicks first so that the code on the click's path is compiled.
  log(`bench:latency: ${base}, ${cpu}, ${CLICKS} clicks per phase`);
  await clicks(WARMUP);
  const idle = await collect(await clicks(CLICKS));
  log(`bench:latency: reference done (${idle.length} clicks); starting training`);

  // Training on both cores, then the same clicks. 1,000,000 iterations (the field's most): 100,000
  // take only about 30 s on a fast machine, which a slow run of clicks could outlast.
  const train = page.getByRole('region', { name: 'Two-layer net training' });
  await train.getByLabel('Iterations', { exact: true }).fill('1000000');
  await train.getByRole('button', { name: 'Train', exact: true }).click();
  const progress = train.getByRole('progressbar', { name: 'Training progress' });
  await page.waitForFunction(
    () =>
      Number(
        document.querySelector('[role="progressbar"][aria-label="Training progress"]')?.getAttribute('aria-valuenow'),
      ) > 0,
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(500);
  const kernel = ((await train.innerText()).match(/\b(wasm-relaxed-simd|wasm-simd|ts)( ×\d)?/) ?? [])[0] ?? 'unknown';
  const iter0 = Number(await progress.getAttribute('aria-valuenow'));
  const t0 = Date.now();
  await clicks(WARMUP);
  const busy = await collect(await clicks(CLICKS));
  const iter1 = Number(await progress.getAttribute('aria-valuenow'));
  const trainingSeconds = (Date.now() - t0) / 1000;
  const stillRunning = (await train.getByRole('button', { name: 'Stop', exact: true }).isEnabled()) && iter1 > iter0;
  await train
    .getByRole('button', { name: 'Stop', exact: true })
    .click({ timeout: 5000 })
    .catch(() => {});

  // --- the table
  const summary = (samples, key) => {
    const values = samples.map((s) => s[key]).filter((v) => v !== null);
    const sorted = [...values].sort((a, b) => a - b);
    const under = values.filter((v) => v === -1).length;
    return {
      count: values.length,
      under16: key === 'paint' ? undefined : under,
      p50: sorted.length ? pct(sorted, 50) : null,
      p95: sorted.length ? pct(sorted, 95) : null,
      max: sorted.length ? sorted[sorted.length - 1] : null,
    };
  };
  const rows = [];
  for (const [phase, samples] of [
    ['no training', idle],
    [`training ${kernel}`, busy],
  ])
    for (const [method, key] of [
      ['Event Timing (click)', 'eventTiming'],
      ['rAF after change', 'paint'],
    ])
      rows.push({ phase, method, ...summary(samples, key) });
  const missed = [...idle, ...busy].filter((s) => s.paint === null).length;

  const head = ['phase', 'method', 'count', 'p50 ms', 'p95 ms', 'max ms'];
  const body = rows.map((r) => [
    r.phase,
    r.method,
    r.under16 === undefined ? String(r.count) : `${r.count} (${r.under16} < 16)`,
    ms(r.p50),
    ms(r.p95),
    ms(r.max),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(`Click to paint in the graph panel (${CLICKS} clicks a phase, 100–300 ms apart), ${base}`);
  console.log(
    `CPU: ${cpu}, ${cores} cores; load average (1, 5, 15 min) before ${fmtLoad(loadBefore)}, ` +
      `after ${fmtLoad(loadavg())} (other work on this machine inflates both phases)`,
  );
  console.log(
    `crossOriginIsolated: ${isolated}; trainer: ${kernel}; training ran ${iter0} → ${iter1} iterations ` +
      `in ${trainingSeconds.toFixed(1)} s of clicking${stillRunning ? '' : ' (NOT running throughout!)'}`,
  );
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(
    'Event Timing reports only clicks of 16 ms or more, in steps of 8 ms; "< 16" where the percentile is below.',
  );
  if (missed) console.log(`${missed} click(s) showed no change of the Step description within 5 s.`);
  if (!kernel.includes('×2')) console.log('Note: the progress line does not say ×2: training did not use both cores.');
  if (pageErrors.length) console.log(`Page errors: ${pageErrors.join('; ')}`);
  if (process.argv.includes('--json'))
    console.log(
      JSON.stringify({
        cpu,
        cores,
        kernel,
        crossOriginIsolated: isolated,
        clicks: CLICKS,
        iterations: [iter0, iter1],
        rows,
        samples: { idle, busy },
      }),
    );
} catch (e) {
  if (!stopping) log(`bench:latency failed: ${e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await stopAll();
}
