// npm run -s bench:compare (-s: npm prints no banner, stdout is the one line): NumPy (bench/compare.py, the book's loop in float64), our Node run and
// our Chromium run, one after the other on this machine, then ONE JSON line on stdout with the
// ratios (ours / NumPy's: below 1 is faster) and the figures they come from. Progress goes to
// stderr. Without python3 and NumPy it says so and prints ours alone. A benchmark, not a test.
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';

const log = (s) => process.stderr.write(`${s}\n`);
/** Runs a command, echoes its output to stderr, returns its last JSON line (or null). */
function run(cmd, args, env = process.env) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.stdout) process.stderr.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  if (r.error || r.status !== 0) return { error: r.error?.message ?? `exit ${r.status}` };
  const line = r.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  return line ? JSON.parse(line) : { error: 'no JSON line' };
}

const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
const cpu = (cpuinfo.match(/model name\s*:\s*(.+)/) ?? [])[1] ?? 'unknown';
const flags = (cpuinfo.match(/flags\s*:\s*(.+)/) ?? [])[1] ?? '';
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const out = {
  cpu,
  cores: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()) || null,
  avx512: /\bavx512f\b/.test(flags),
  loadBefore: load(),
};

// The production build for the Chromium run (its output to stderr: stdout is the JSON line's).
const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 2, 2] });
if (build.status !== 0) {
  log('npm run build failed');
  process.exit(1);
}

// NumPy, with OpenBLAS free to pick its own kernel (this workplace may pin an older one).
const pyEnv = { ...process.env };
delete pyEnv.OPENBLAS_CORETYPE;
delete pyEnv.OPENBLAS_L2_SIZE;
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { env: pyEnv }).status === 0;
const numpy = hasNumpy ? run('python3', ['bench/compare.py'], pyEnv) : null;
if (!hasNumpy) log('python3 with NumPy is not here: printing our figures alone');

// Node, with the relaxed-SIMD kernels Chromium runs (Node 20 has them behind a flag).
const node = run(process.execPath, [
  '--experimental-wasm-relaxed-simd',
  '--import',
  'tsx',
  'bench/run.ts',
  '--compare',
  '--profile',
  '--full',
]);
const chromium = run(process.execPath, ['bench/browser.mjs']);
out.loadAfter = load();

/** The chapter 6 net's configurations (bench/run.ts --compare and bench/compare.py name them alike). */
const CH6 = ['Adam', 'AdamBn', 'AdamDropout', 'AdamBnDropout'];
const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' ? Number((a / b).toFixed(3)) : null);
const result = {
  ...out,
  ratios: numpy
    ? {
        step: ratio(node.stepMs, numpy.stepMs),
        stepH200: ratio(node.stepMsH200, numpy.stepMsH200),
        stepH500: ratio(node.stepMsH500, numpy.stepMsH500),
        bookRunChromium: ratio(chromium.browserBookRunS, numpy.bookRunS),
        bookRunNode: ratio(node.bookRunS, numpy.bookRunS),
        evalAllVsF32: ratio(node.evalAllMs, numpy.evalAllMsF32),
        ...Object.fromEntries(CH6.map((c) => [`ch6Step${c}`, ratio(node[`ch6StepMs${c}`], numpy[`ch6StepMs${c}`])])),
      }
    : null,
  numpy: numpy ?? 'python3 with numpy not found',
  node,
  chromium,
};
if (numpy)
  result.targets = {
    'step ≤ 0.5': result.ratios.step !== null && result.ratios.step <= 0.5,
    'bookRunChromium ≤ 0.5': result.ratios.bookRunChromium !== null && result.ratios.bookRunChromium <= 0.5,
    'evalAll ≤ 0.5 × float32': result.ratios.evalAllVsF32 !== null && result.ratios.evalAllVsF32 <= 0.5,
    ...Object.fromEntries(
      CH6.map((c) => [
        `ch6 ${c} step ≤ 0.5`,
        result.ratios[`ch6Step${c}`] !== null && result.ratios[`ch6Step${c}`] <= 0.5,
      ]),
    ),
    'final test 0.96–0.98': chromium.finalTest >= 0.96 && chromium.finalTest <= 0.98,
    'trainer ≤ 150 MB': typeof chromium.workerMB === 'number' && chromium.workerMB <= 150,
  };
console.log(JSON.stringify(result));
