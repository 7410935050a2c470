import type { Mnist } from '../data/mnist';
import { wasmSupport, type WasmKind } from '../kernels/wasmKernels';
import { SplitTrainer, splitLayout, splitMemory, type SplitHandle, type SplitLayout } from '../net/splitStep';
import type { TrainConfig } from '../net/trainer';
import { canShare, listsOf, type MnistLists } from './offload';

export interface StepHelperIn {
  memory: WebAssembly.Memory;
  layout: SplitLayout;
  kind: WasmKind;
  data: Mnist;
  /** The non-zero pixel lists of both image sets, made here once, in shared memory: the helper reads them too. */
  lists: MnistLists;
}

let helper: Worker | null = null;
/** The run the helper serves now (told when the helper fails). */
let current: SplitTrainer | null = null;

/** Ends the helper worker; the next run's split starts a fresh one. */
function endHelper(w: Worker): void {
  w.onerror = null;
  w.terminate();
  if (helper === w) helper = null;
}

/**
 * Both cores for every training step, where the page is cross-origin isolated, the kernels are
 * WebAssembly and the images are already in shared memory: a new shared memory for this run,
 * and the step helper worker (started once) told to serve it. Null where any of that is missing:
 * the trainer then runs on one core as before. A helper that fails to start costs nothing but
 * the second core: the trainer takes back every half it does not take. One that fails or stops
 * answering later is ended, and the trainer goes on alone (net/splitStep.ts says how).
 */
export function startSplit(cfg: TrainConfig, m: Mnist): SplitHandle | null {
  const kind = wasmSupport();
  if (kind === null || kind === 'ts' || cfg.dtype !== 'float32') return null;
  if (!canShare() || !(m.train.images.pixels.buffer instanceof SharedArrayBuffer)) return null;
  const layout = splitLayout(cfg.hidden[0], cfg.batchSize);
  let tr: SplitTrainer;
  try {
    const memory = splitMemory(layout);
    let w = helper;
    if (!w) {
      const created = new Worker(new URL('./stepHelper.worker.ts', import.meta.url), { type: 'module' });
      // A helper that fails must not take the trainer down: the trainer does its halves instead.
      created.onerror = (e) => {
        e.preventDefault();
        current?.abandon();
      };
      w = helper = created;
    }
    const served = w;
    tr = new SplitTrainer(memory, layout, kind, { onLost: () => endHelper(served) });
    w.postMessage({ memory, layout, kind, data: m, lists: listsOf(m) } satisfies StepHelperIn);
    current = tr;
  } catch {
    return null; // no second worker here (e.g. a policy forbids it): one core it is
  }
  return { kernels: () => tr.net.k, step: tr, evalOffload: tr.evalOffload(m), close: () => tr.close() };
}
