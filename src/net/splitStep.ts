import type { Mnist } from '../data/mnist';
import { CodedFailure } from '../errors';
import { paramCount } from '../kernels/types';
import { pagesFor, paramBytes, scratchBytes, wasmKernels, type WasmKind } from '../kernels/wasmKernels';
import { countRange, FastNet } from './fastNet';
import type { StepOffload } from './models';
import type { EvalOffload } from './trainer';
import type { NetKernels } from '../kernels/types';

/**
 * The training step on two cores. The trainer's worker and a helper worker share one
 * WebAssembly memory: the weights, one gradient per worker, the batch's rows and a few control
 * words. Each step is three tasks the trainer posts and both workers do half of:
 *
 *   gradient  the trainer's half of the batch into gradient 0, the helper's into gradient 1, each
 *             divided by the whole batch's size, so that their sum is the batch's gradient;
 *   update    W += −lr · (gradient 0 + gradient 1), the first half of the weights by the trainer,
 *             the second by the helper;
 *   loss      the loss after the update (the book records it), each on its half of the batch.
 *
 * A task's word goes POSTED → TAKEN (the helper, by compare-and-swap) → DONE, and the trainer
 * waits with Atomics.wait / Atomics.notify. When the trainer has finished its half and the
 * helper has not yet taken the other, the trainer takes it back (STOLEN) and does it itself: a
 * helper that is slow to wake costs a little, one that never started costs nothing but the
 * second core. Evaluations go the same way (the helper counts its ranges with the shared weights).
 *
 * A helper that throws marks its task FAILED; one that has taken a task and does not finish it
 * within `timeoutMs` is given up on (its word set to STOLEN, so whatever it does later is
 * ignored). Either way the helper is lost: the trainer redoes what it can (a gradient, a loss,
 * a count) and trains on one core from then on. Only an update it may have half applied cannot
 * be redone: that ends the run with a coded error rather than with wrong weights.
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
/** Float64 slots after the Int32 words. */
const F_LR = 8;
const F_LOSS = 9;
const CTL_BYTES = 128;

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
}

/** Where everything lives in the shared memory (byte offsets). */
export interface SplitLayout {
  hidden: number;
  batchSize: number;
  /** Images one kernel call takes (a half batch, or an evaluation chunk). */
  cap: number;
  rows: number;
  params: number;
  grads: [number, number];
  /** Buffers: 0 the trainer's, 1 the helper's, 2 the trainer's for the helper's half when it takes one back. */
  scratch: [number, number, number];
  pages: number;
}

const align = (x: number) => (x + 63) & ~63;

export function splitLayout(hidden: number, batchSize: number, cap = 500): SplitLayout {
  const c = Math.max(1, Math.min(cap, Math.max(Math.ceil(batchSize / 2), 250)));
  const rows = CTL_BYTES;
  const params = align(rows + batchSize * 4);
  const g0 = align(params + paramBytes(hidden));
  const g1 = align(g0 + paramBytes(hidden));
  const s0 = align(g1 + paramBytes(hidden));
  const sb = align(scratchBytes(hidden, c));
  return {
    hidden,
    batchSize,
    cap: c,
    rows,
    params,
    grads: [g0, g1],
    scratch: [s0, s0 + sb, s0 + 2 * sb],
    pages: pagesFor(s0 + 3 * sb),
  };
}

/** The memory both workers use: shared where it can be (it must be, for two workers). */
export function splitMemory(layout: SplitLayout, shared = true): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared });
}

/** The FastNet of one side: the parameters in common, its gradient, its buffers. */
function netAt(memory: WebAssembly.Memory, L: SplitLayout, kind: WasmKind, grad: 0 | 1, scratch: 0 | 1 | 2): FastNet {
  return new FastNet(
    wasmKernels(L.hidden, L.cap, kind, { memory, params: L.params, grad: L.grads[grad], scratch: L.scratch[scratch] }),
  );
}

function control(memory: WebAssembly.Memory, L: SplitLayout) {
  return {
    ctl: new Int32Array(memory.buffer, 0, CTL_BYTES / 4),
    f64: new Float64Array(memory.buffer, 0, CTL_BYTES / 8),
    rows: new Int32Array(memory.buffer, L.rows, L.batchSize),
  };
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

/** The split's evaluation offload: the weights are shared, so `start` needs none. */
export interface SplitEvalOffload extends EvalOffload {
  start(params: unknown, ranges: { train: [number, number]; test: [number, number] }): void;
  /** Never 'failed': when the helper is gone, this side counts its ranges. */
  result(): { train: number; test: number } | null;
}

/** The trainer's side. Its `net` holds the weights (in the shared memory) for everything else. */
export class SplitTrainer {
  readonly net: FastNet;
  private readonly spare: FastNet;
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private readonly rows: Int32Array;
  private readonly gradOf: [Float32Array, Float32Array];
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
    readonly layout: SplitLayout,
    kind: WasmKind,
    opts: SplitOptions = {},
  ) {
    this.net = netAt(memory, layout, kind, 0, 0);
    this.spare = netAt(memory, layout, kind, 1, 2);
    ({ ctl: this.ctl, f64: this.f64, rows: this.rows } = control(memory, layout));
    this.gradOf = [this.net.k.grad, this.spare.k.grad];
    this.turn = opts.turn;
    this.timeoutMs = opts.timeoutMs ?? SPLIT_TIMEOUT_MS;
    this.now = opts.now ?? (() => performance.now());
    this.onLost = opts.onLost;
  }

  /** True once the helper is known to be gone: every half is done here. */
  get failed(): boolean {
    return this.gone;
  }

  /** Gives the helper up: its word set aside (what it does later is ignored), its worker ended. */
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
      // Too long: set its word aside, unless it finished just now.
      if (this.now() - t0 > this.timeoutMs && Atomics.compareExchange(this.ctl, TASK, taken, base | STOLEN) === taken)
        break;
    }
    this.counts.stolen++;
    this.lose();
    return 'lost';
  }

  /** One SGD step on rows[0..n) of the training set; returns the batch loss after the update. */
  step(pixels: Uint8Array, labels: Uint8Array, rows: Int32Array, n: number, lr: number): number {
    // Without a helper, the single-core step on the same weights: nothing is posted.
    if (this.gone || n < 2 || n > this.layout.batchSize) return this.net.step(pixels, labels, rows, n, lr);
    const h = Math.ceil(n / 2);
    this.rows.set(rows.subarray(0, n));
    const mine = rows.subarray(0, h);
    const theirs = rows.subarray(h, n);
    this.ctl[N] = n;
    this.ctl[HALF] = h;
    this.ctl[STEP] = (this.ctl[STEP] + 1) | 0;
    this.f64[F_LR] = lr;
    const count = paramCount(this.layout.hidden);
    const mid = (count >> 3) << 2;
    this.ctl[MID] = mid;

    let task = this.post(Task.Gradient);
    this.net.gradient(pixels, labels, mine, h, n);
    let outcome = this.finish(task);
    // A lost helper may still write gradient 1: the whole step again on this side's gradient alone.
    if (outcome === 'lost') return this.net.step(pixels, labels, rows, n, lr);
    if (outcome === 'mine') this.spare.gradient(pixels, labels, theirs, n - h, n);

    task = this.post(Task.Update);
    this.net.k.updateSum(this.gradOf[1], 0, mid, -lr);
    outcome = this.finish(task);
    if (outcome === 'lost') throw new CodedFailure('worker.helperLost');
    if (outcome === 'mine') this.spare.k.updateSum(this.gradOf[0], mid, count, -lr);

    task = this.post(Task.Loss);
    const lossMine = this.net.lossSum(pixels, labels, mine, h);
    const lossTheirs =
      this.finish(task) === 'helped' ? this.f64[F_LOSS] : this.spare.lossSum(pixels, labels, theirs, n - h);
    return (lossMine + lossTheirs) / n;
  }

  /** The batch gradient of the last step (the sum of the two halves), for tests. */
  gradient(): Float32Array {
    const [a, b] = this.gradOf;
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
        train: countRange(this.net, train.images.pixels, train.labels, ranges.train[0], ranges.train[1]),
        test: countRange(this.net, test.images.pixels, test.labels, ranges.test[0], ranges.test[1]),
      };
    };
    return {
      get failed() {
        return gone();
      },
      start: (_params, r) => {
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
          // Counting: wait (the trainer takes messages meanwhile), but not for ever.
          const t = this.now();
          waitingSince ??= t;
          if (t - waitingSince <= this.timeoutMs) return null;
          if (Atomics.compareExchange(this.ctl, TASK, w, base | STOLEN) !== w) return null; // it finished just now
          this.lose();
          return countHere();
        }
        if (!this.gone && w === posted) {
          // Not taken yet: take it back, unless the helper takes it this instant.
          if (Atomics.compareExchange(this.ctl, TASK, posted, base | STOLEN) !== posted) return null;
          return countHere();
        }
        // The helper failed (FAILED), is gone, or its word was set aside: count its ranges here.
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

/** What the trainer's worker needs from a split: its kernels for the Trainer, the step, the evaluation. */
export interface SplitHandle {
  kernels: (hidden: number) => NetKernels;
  step: StepOffload;
  evalOffload: EvalOffload;
  /** Sends the helper back to its messages (before the next run's split). */
  close(): void;
}

/** The helper's side: it takes posted tasks until Exit. */
export class SplitHelper {
  private readonly net: FastNet;
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private readonly rows: Int32Array;
  private readonly other: Float32Array;
  private view: { step: number; rows: Int32Array } = { step: -1, rows: new Int32Array(0) };

  constructor(
    memory: WebAssembly.Memory,
    readonly layout: SplitLayout,
    kind: WasmKind,
    private readonly data: Mnist,
  ) {
    this.net = netAt(memory, layout, kind, 1, 1);
    ({ ctl: this.ctl, f64: this.f64, rows: this.rows } = control(memory, layout));
    this.other = new Float32Array(memory.buffer, layout.grads[0], paramCount(layout.hidden));
  }

  /** This step's half of the rows: one view per step, so the kernels load it once for gradient and loss. */
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
    const n = this.ctl[N];
    const h = this.ctl[HALF];
    // The word says how it went, unless the trainer has set it aside or posted something else
    // meanwhile (Exit, after a run was stopped).
    const end = (state: number) => {
      Atomics.compareExchange(this.ctl, TASK, (w & ~7) | TAKEN, (w & ~7) | state);
      Atomics.notify(this.ctl, TASK);
    };
    try {
      if (kind === Task.Gradient) this.net.gradient(train.images.pixels, train.labels, this.myRows(), n - h, n);
      else if (kind === Task.Update)
        this.net.k.updateSum(this.other, this.ctl[MID], paramCount(this.layout.hidden), -this.f64[F_LR]);
      else if (kind === Task.Loss)
        this.f64[F_LOSS] = this.net.lossSum(train.images.pixels, train.labels, this.myRows(), n - h);
      else if (kind === Task.Eval) {
        const r = this.ctl.slice(RANGES, RANGES + 4);
        this.ctl[COUNTS] = countRange(this.net, train.images.pixels, train.labels, r[0], r[1]);
        this.ctl[COUNTS + 1] = countRange(this.net, test.images.pixels, test.labels, r[2], r[3]);
      }
    } catch (e) {
      end(FAILED); // the trainer redoes its half (or, after a half-done update, ends the run)
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
