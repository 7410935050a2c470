import type { Mnist } from '../data/mnist';
import { CodedFailure } from '../errors';
import type { WasmKind } from '../kernels/wasmKernels';
import type { NetArch } from './arch';
import type { TrainConfig } from './config';
import { FastNet, netMemory, type Side } from './fastNet';
import { FastOptimizer } from './fastOptimizer';
import { netLayout, round4, type NetLayout } from './netLayout';

/**
 * The training step on two cores, for any net of the family. The trainer's worker and a helper
 * worker share one WebAssembly memory (net/netLayout.ts): the weights, one gradient per worker,
 * the optimizer's state, the batch's activations and a few control words. A step is a list of
 * tasks the trainer posts and both workers do half of:
 *
 *   gradient  without batch norm: each half of the batch forward and backward into its own
 *             gradient (divided by the whole batch's size, so the two add up to the batch's);
 *   phases    with batch norm, whose statistics need every row: the same, cut at each batch
 *             norm, whose forward and backward are tasks of their own that split the columns;
 *   update    the optimizer on the first half of the params (trainer), the second (helper),
 *             from the sum of the two gradients;
 *   loss      the loss after the update (the book records it), in test mode, each on its half.
 *
 * Evaluations go the same way (the helper counts its ranges with the shared weights). A task's
 * word goes POSTED → TAKEN (the helper, by compare-and-swap) → DONE, and the trainer waits with
 * Atomics.wait / Atomics.notify. When the trainer has finished its half and the helper has not
 * yet taken the other, the trainer takes it back (STOLEN) and does it itself: a helper slow to
 * wake costs a little, one that never started costs nothing but the second core.
 *
 * A helper that throws marks its task FAILED; one that has taken a task and does not finish it
 * within `timeoutMs` is given up on. Either way the trainer redoes what it can (the whole
 * gradient, a loss, a count) and trains on one core from then on. Only an update it may have
 * half applied cannot be redone: that ends the run with a coded error rather than wrong weights.
 */

/** Control words (Int32 indices at the start of the memory). */
const TASK = 0;
const KIND = 1;
const N = 2;
const HALF = 3;
const STEP = 4;
const MID = 5;
const RANGES = 6; // train from, to, test from, to
const COUNTS = 10; // train, test
const PHASE = 12;
/** Float64 slots after the Int32 words. */
const F_RATE = 8;
const F_LOSS = 9;

const POSTED = 1;
const TAKEN = 2;
const DONE = 3;
const STOLEN = 4;
const FAILED = 5;

/**
 * How long a task the helper has taken may run before the helper is given up on. Half a step
 * takes it well under a millisecond and half an evaluation well under a second.
 */
export const SPLIT_TIMEOUT_MS = 10_000;

export const enum Task {
  Gradient = 1,
  Update = 2,
  Loss = 3,
  Eval = 4,
  Exit = 5,
  Phase = 6,
}

/** One phase of a batch-norm net's gradient: rows of a segment, or columns of a batch norm. */
export type Phase =
  | { kind: 'forward'; s: number }
  | { kind: 'bnForward'; k: number }
  | { kind: 'back'; k: number }
  | { kind: 'bnBack'; k: number }
  | { kind: 'sparse' };

/** The phases of a batch-norm net's gradient, in order (both workers compute the same list). */
export function phasesOf(arch: NetArch): Phase[] {
  const L = arch.hidden.length;
  const out: Phase[] = [];
  for (let s = 0; s <= L; s++) {
    out.push({ kind: 'forward', s });
    if (s < L) out.push({ kind: 'bnForward', k: s });
  }
  for (let k = L + 1; k >= 2; k--) {
    out.push({ kind: 'back', k });
    out.push({ kind: 'bnBack', k: k - 2 });
  }
  out.push({ kind: 'sparse' });
  return out;
}

/** The shared layout of a run: rows for whole batches with batch norm, for pieces without. */
export function splitLayout(cfg: Pick<TrainConfig, 'batchSize'>, arch: NetArch): NetLayout {
  const rows = arch.batchNorm ? Math.max(cfg.batchSize, 1024) : 1024;
  return netLayout(arch, rows, cfg.batchSize);
}

/** The memory both workers use: shared where it can be (it must be, for two workers). */
export function splitMemory(layout: NetLayout, shared = true): WebAssembly.Memory {
  return netMemory(layout, shared);
}

function control(memory: WebAssembly.Memory, L: NetLayout) {
  return {
    ctl: new Int32Array(memory.buffer, 0, 32),
    f64: new Float64Array(memory.buffer, 0, 16),
    rows: new Int32Array(memory.buffer, L.batchRows, L.batch),
  };
}

/** Where the helper's half of a batch starts: a whole block of 4 rows past the middle. */
export const halfOf = (n: number): number => Math.min(n, round4(Math.ceil(n / 2)));

/** A column split of a hidden layer's batch norm: the trainer's columns, then the helper's (multiples of 4). */
const colsOf = (hp: number, helper: boolean): [number, number] => {
  const mid = round4(hp >> 1);
  return helper ? [mid, hp] : [0, mid];
};

/** The training data both workers read. */
interface Batch {
  pixels: Uint8Array;
  labels: Uint8Array;
}

/**
 * Runs one phase on one side's part: rows [r0, r0 + m) of the batch (images rows[..m)), or,
 * for a batch norm, its columns. Shared by the trainer and the helper.
 */
function runPhase(
  net: FastNet,
  p: Phase,
  side: Side,
  d: Batch,
  rows: Int32Array,
  r0: number,
  m: number,
  n: number,
  step: number,
): void {
  const helperHalf = side !== 0;
  switch (p.kind) {
    case 'forward':
      net.rowBase = r0;
      net.forwardSegment(p.s, side, d.pixels, rows, r0, m, { train: true, step });
      if (p.s === net.L.hidden.length) net.head(d.labels, rows, r0, m, n);
      return;
    case 'bnForward': {
      const [c0, c1] = colsOf(net.L.hidden[p.k].hp, helperHalf);
      net.bnForward(p.k, 0, n, c0, c1, true);
      return;
    }
    case 'back':
      net.backSegment(p.k, side, r0, m, 0);
      return;
    case 'bnBack': {
      const [c0, c1] = colsOf(net.L.hidden[p.k].hp, helperHalf);
      net.bnBackward(p.k, side, 0, n, c0, c1);
      return;
    }
    case 'sparse':
      net.sparseBackward(side, r0, m, 0, d.pixels, rows);
  }
}

export interface SplitOptions {
  /** Tests: called where the trainer would wait for the helper, to let a helper in the same thread run. */
  turn?: () => void;
  /** Longest wait for a helper that has taken a task, before giving up on it (ms). */
  timeoutMs?: number;
  /** The clock for that wait (tests). */
  now?: () => number;
  /** Called once when the helper is given up on (it failed or timed out): its worker can be ended. */
  onLost?: () => void;
}

/** How the helper's half of a task went: it did it, the trainer took it back before it began, or the helper is lost. */
type Outcome = 'helped' | 'mine' | 'lost';

/** A second core's evaluation: `start` posts the ranges, `result` is null while it counts. */
export interface SplitEvalOffload {
  start(ranges: { train: [number, number]; test: [number, number] }): void;
  result(): { train: number; test: number } | null;
  /** True once the helper is gone. */
  readonly failed: boolean;
}

/** What the trainer's worker needs from a split: the trainer (its net holds the weights), the evaluation, and the way out. */
export interface SplitHandle {
  trainer: SplitTrainer;
  evalOffload: SplitEvalOffload;
  /** Sends the helper back to its messages (before the next run's split). */
  close(): void;
}

/** The configuration the optimizer needs, on both sides. */
type OptConfig = ConstructorParameters<typeof FastOptimizer>[1] & { seed?: number };

/** The trainer's side. Its `net` holds the weights (in the shared memory) for everything else. */
export class SplitTrainer {
  readonly net: FastNet;
  readonly optimizer: FastOptimizer;
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private readonly rows: Int32Array;
  private readonly phases: Phase[];
  private seq = 0;
  private readonly turn?: () => void;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly onLost?: () => void;
  /** Set when the helper is known to be gone: the trainer then does every half itself. */
  private gone = false;
  /** Tasks the helper did, and tasks the trainer took back (for the benchmark and tests). */
  readonly counts = { helped: 0, stolen: 0 };

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly layout: NetLayout,
    kind: WasmKind,
    cfg: OptConfig & { weightDecay: number },
    opts: SplitOptions = {},
  ) {
    this.net = new FastNet(layout.arch, kind, layout.rows, { memory, layout });
    this.net.split = true;
    this.net.dropoutSeed = cfg.seed ?? 1;
    this.optimizer = new FastOptimizer(this.net, cfg);
    ({ ctl: this.ctl, f64: this.f64, rows: this.rows } = control(memory, layout));
    this.phases = phasesOf(layout.arch);
    this.turn = opts.turn;
    this.timeoutMs = opts.timeoutMs ?? SPLIT_TIMEOUT_MS;
    this.now = opts.now ?? (() => performance.now());
    this.onLost = opts.onLost;
  }

  /** True once the helper is known to be gone: every half is done here. */
  get failed(): boolean {
    return this.gone;
  }

  private lose(): void {
    if (this.gone) return;
    this.gone = true;
    this.onLost?.();
  }

  private post(kind: Task): number {
    this.seq = (this.seq + 1) & 0x0fffffff;
    this.ctl[KIND] = kind;
    const word = (this.seq << 3) | POSTED;
    Atomics.store(this.ctl, TASK, word);
    Atomics.notify(this.ctl, TASK, 1);
    return word;
  }

  /**
   * After the trainer's own half: whether the helper did the other half, the trainer takes it
   * back (the helper had not begun it), or the helper is lost (it failed, or took too long).
   */
  private finish(posted: number): Outcome {
    this.turn?.();
    const base = posted & ~7;
    if (Atomics.compareExchange(this.ctl, TASK, posted, base | STOLEN) === posted) {
      this.counts.stolen++;
      return 'mine';
    }
    const taken = base | TAKEN;
    const t0 = this.now();
    let spins = 0;
    for (;;) {
      const w = Atomics.load(this.ctl, TASK);
      if (w === (base | DONE)) {
        this.counts.helped++;
        return 'helped';
      }
      if (w !== taken) break; // FAILED: the helper threw
      if (this.turn) this.turn();
      else if (++spins > 2000) Atomics.wait(this.ctl, TASK, taken, 20);
      if (this.now() - t0 > this.timeoutMs && Atomics.compareExchange(this.ctl, TASK, taken, base | STOLEN) === taken)
        break;
    }
    this.counts.stolen++;
    this.lose();
    return 'lost';
  }

  /** The step on this core alone (no helper, or a batch too small to split). */
  private single(d: Batch, rows: Int32Array, n: number, step: number): number {
    // Batch norm takes the whole batch's rows: those of an idle helper, or of one given up on
    // (its worker is being ended).
    const bn = this.layout.arch.batchNorm;
    if (bn) this.net.split = false;
    this.net.gradient(0, d.pixels, d.labels, rows, n, n, step);
    this.optimizer.begin();
    this.optimizer.apply(0, this.net.L.paramFloats, false);
    const loss = this.lossAfter(d, rows, n);
    if (bn) this.net.split = !this.gone;
    return loss;
  }

  private lossAfter(d: Batch, rows: Int32Array, n: number): number {
    return (
      this.net.lossSum(0, d.pixels, d.labels, rows, n) / n + this.net.weightDecayLoss(this.optimizer.cfg.weightDecay)
    );
  }

  /** One step on images rows[0..n) of the training set (`step` seeds the dropout masks); the loss after the update. */
  step(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, step: number): number {
    const d = { pixels, labels };
    if (this.gone || n < 8 || n > this.layout.batch) return this.single(d, rows, n, step);
    // Batch norm's phases share one block of rows, so its halves meet at a whole block of 4;
    // without it each side has rows of its own, and the halves are even.
    const h = this.layout.arch.batchNorm ? halfOf(n) : Math.ceil(n / 2);
    this.rows.set(rows.subarray(0, n));
    const mine = rows.subarray(0, h);
    const theirs = rows.subarray(h, n);
    this.ctl[N] = n;
    this.ctl[HALF] = h;
    this.ctl[STEP] = step | 0;

    // A lost helper may still write gradient 1: the whole step again on this side's gradient alone.
    if (!this.gradient(d, mine, theirs, n, h, step)) return this.single(d, rows, n, step);

    const total = this.layout.paramFloats;
    const mid = round4(total >> 1);
    this.ctl[MID] = mid;
    this.optimizer.begin();
    this.f64[F_RATE] = this.optimizer.rate;
    let task = this.post(Task.Update);
    this.optimizer.apply(0, mid, true);
    const outcome = this.finish(task);
    if (outcome === 'lost') throw new CodedFailure('worker.helperLost');
    if (outcome === 'mine') this.optimizer.apply(mid, total, true);

    task = this.post(Task.Loss);
    const lossMine = this.net.lossSum(0, pixels, labels, mine, h);
    const lossTheirs =
      this.finish(task) === 'helped' ? this.f64[F_LOSS] : this.net.lossSum(2, pixels, labels, theirs, n - h);
    return (lossMine + lossTheirs) / n + this.net.weightDecayLoss(this.optimizer.cfg.weightDecay);
  }

  /** The batch's gradient on both cores into gradients 0 and 1; false when the helper was lost. */
  private gradient(d: Batch, mine: Int32Array, theirs: Int32Array, n: number, h: number, step: number): boolean {
    const net = this.net;
    if (!this.layout.arch.batchNorm) {
      const task = this.post(Task.Gradient);
      net.gradient(0, d.pixels, d.labels, mine, h, n, step, 0);
      const outcome = this.finish(task);
      if (outcome === 'lost') return false;
      if (outcome === 'mine') net.gradient(2, d.pixels, d.labels, theirs, n - h, n, step, h);
      return true;
    }
    for (let i = 0; i < this.phases.length; i++) {
      const p = this.phases[i];
      this.ctl[PHASE] = i;
      const task = this.post(Task.Phase);
      runPhase(net, p, 0, d, mine, 0, h, n, step);
      const outcome = this.finish(task);
      if (outcome === 'lost') return false;
      if (outcome === 'mine') runPhase(net, p, 2, d, theirs, h, n - h, n, step);
    }
    return true;
  }

  /** The batch gradient of the last step (the sum of the two halves), for tests. */
  gradientSum(): Float32Array {
    const [a, b] = this.net.grads;
    return a.map((v, i) => v + b[i]);
  }

  /**
   * An evaluation split with the helper: `start` posts its ranges (the weights are already
   * shared and do not change while the trainer evaluates), `result` is null while it counts.
   */
  evalOffload(data: Mnist): SplitEvalOffload {
    /** The task word of the evaluation handed over; 0 when none was (the helper was gone). */
    let posted = 0;
    let ranges = { train: [0, 0], test: [0, 0] };
    let waitingSince: number | null = null;
    const gone = () => this.gone;
    const countHere = () => {
      this.counts.stolen++;
      const { train, test } = data;
      return {
        train: this.net.countRange(0, train.images.pixels, train.labels, ranges.train[0], ranges.train[1]),
        test: this.net.countRange(0, test.images.pixels, test.labels, ranges.test[0], ranges.test[1]),
      };
    };
    return {
      get failed() {
        return gone();
      },
      start: (r) => {
        ranges = r;
        waitingSince = null;
        posted = 0;
        if (this.gone) return;
        this.ctl.set([...r.train, ...r.test], RANGES);
        posted = this.post(Task.Eval);
      },
      result: () => {
        if (posted === 0) return countHere();
        this.turn?.();
        const base = posted & ~7;
        const w = Atomics.load(this.ctl, TASK);
        if (w === (base | DONE)) {
          this.counts.helped++;
          return { train: this.ctl[COUNTS], test: this.ctl[COUNTS + 1] };
        }
        if (!this.gone && w === (base | TAKEN)) {
          const t = this.now();
          waitingSince ??= t;
          if (t - waitingSince <= this.timeoutMs) return null;
          if (Atomics.compareExchange(this.ctl, TASK, w, base | STOLEN) !== w) return null;
          this.lose();
          return countHere();
        }
        if (!this.gone && w === posted) {
          if (Atomics.compareExchange(this.ctl, TASK, posted, base | STOLEN) !== posted) return null;
          return countHere();
        }
        this.lose();
        return countHere();
      },
    };
  }

  /** The helper worker failed (it never started, or it died): do everything here from now on. */
  abandon(): void {
    this.lose();
  }

  /** Lets the helper leave its loop (it then takes messages again). */
  close(): void {
    this.post(Task.Exit);
  }
}

/** The helper's side: it takes posted tasks until Exit. */
export class SplitHelper {
  private readonly net: FastNet;
  private readonly optimizer: FastOptimizer;
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private readonly rows: Int32Array;
  private readonly phases: Phase[];
  private view: { step: number; rows: Int32Array } = { step: -1, rows: new Int32Array(0) };

  constructor(
    memory: WebAssembly.Memory,
    readonly layout: NetLayout,
    kind: WasmKind,
    cfg: OptConfig,
    private readonly data: Mnist,
  ) {
    this.net = new FastNet(layout.arch, kind, layout.rows, { memory, layout });
    this.net.split = true;
    this.net.dropoutSeed = cfg.seed ?? 1;
    this.optimizer = new FastOptimizer(this.net, cfg);
    ({ ctl: this.ctl, f64: this.f64, rows: this.rows } = control(memory, layout));
    this.phases = phasesOf(layout.arch);
  }

  /** This step's half of the rows: one view per step, so the lists are loaded once per step. */
  private myRows(): Int32Array {
    const step = this.ctl[STEP];
    if (this.view.step !== step) this.view = { step, rows: this.rows.subarray(this.ctl[HALF], this.ctl[N]) };
    return this.view.rows;
  }

  /** Runs the posted task if there is one: 'exit' after Exit, true after another, false when there was none. */
  poll(): boolean | 'exit' {
    const w = Atomics.load(this.ctl, TASK);
    if ((w & 7) !== POSTED || Atomics.compareExchange(this.ctl, TASK, w, (w & ~7) | TAKEN) !== w) return false;
    const kind = this.ctl[KIND] as Task;
    const { train, test } = this.data;
    const d = { pixels: train.images.pixels, labels: train.labels };
    const n = this.ctl[N];
    const h = this.ctl[HALF];
    const step = this.ctl[STEP];
    const end = (state: number) => {
      Atomics.compareExchange(this.ctl, TASK, (w & ~7) | TAKEN, (w & ~7) | state);
      Atomics.notify(this.ctl, TASK);
    };
    try {
      if (kind === Task.Gradient) this.net.gradient(1, d.pixels, d.labels, this.myRows(), n - h, n, step, h);
      else if (kind === Task.Phase)
        runPhase(this.net, this.phases[this.ctl[PHASE]], 1, d, this.myRows(), h, n - h, n, step);
      else if (kind === Task.Update) {
        this.optimizer.rate = this.f64[F_RATE];
        this.optimizer.apply(this.ctl[MID], this.layout.paramFloats, true);
      } else if (kind === Task.Loss) this.f64[F_LOSS] = this.net.lossSum(1, d.pixels, d.labels, this.myRows(), n - h);
      else if (kind === Task.Eval) {
        const r = this.ctl.slice(RANGES, RANGES + 4);
        this.ctl[COUNTS] = this.net.countRange(1, train.images.pixels, train.labels, r[0], r[1]);
        this.ctl[COUNTS + 1] = this.net.countRange(1, test.images.pixels, test.labels, r[2], r[3]);
      }
    } catch (e) {
      end(FAILED);
      throw e;
    }
    end(DONE);
    return kind === Task.Exit ? 'exit' : true;
  }

  /**
   * Takes tasks until Exit: after each it spins `spinMs` for the next (the trainer posts the
   * next one within microseconds during training), then sleeps in Atomics.wait.
   */
  run(spinMs = 0.3): void {
    let last = performance.now();
    for (;;) {
      const r = this.poll();
      if (r === 'exit') return;
      if (r) {
        last = performance.now();
        continue;
      }
      const w = Atomics.load(this.ctl, TASK);
      if ((w & 7) === POSTED) continue;
      if (performance.now() - last > spinMs) Atomics.wait(this.ctl, TASK, w, 1000);
    }
  }
}
