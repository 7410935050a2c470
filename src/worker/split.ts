import type { Mnist } from '../data/mnist';
import { wasmSupport, type WasmKind } from '../kernels/wasmKernels';
import { archOf, type TrainConfig } from '../net/config';
import type { NetLayout } from '../net/netLayout';
import { SplitTrainer, splitLayout, splitMemory, type SplitHandle } from '../net/splitStep';
import { MAX_NET_BYTES } from '../net/trainer';
import { canShare, listsOf, type MnistLists } from './share';

export interface StepHelperIn {
  memory: WebAssembly.Memory;
  layout: NetLayout;
  kind: WasmKind;
  /** The run's settings: the helper's half of each update is the same optimizer's. */
  cfg: TrainConfig;
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
 * Both cores for every training step and evaluation, where the page is cross-origin isolated,
 * the kernels are WebAssembly and the images are already in shared memory: a new shared
 * memory for this run, and the step helper worker (started once) told to serve it. Null where
 * any of that is missing: the trainer then runs on one core. A helper that fails to start
 * costs nothing but the second core: the trainer takes back every half it does not take. One
 * that fails or stops answering later is ended, and the trainer goes on alone
 * (net/splitStep.ts says how).
 */
export function startSplit(cfg: TrainConfig, m: Mnist): SplitHandle | null {
  const kind = wasmSupport();
  if (kind === null || cfg.dtype !== 'float32') return null;
  if (!canShare() || !(m.train.images.pixels.buffer instanceof SharedArrayBuffer)) return null;
  let tr: SplitTrainer;
  try {
    const layout = splitLayout(cfg, archOf(cfg));
    if (layout.bytes > MAX_NET_BYTES) return null; // the trainer says why it cannot train this
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
    tr = new SplitTrainer(memory, layout, kind, cfg, { onLost: () => endHelper(served) });
    w.postMessage({ memory, layout, kind, cfg, data: m, lists: listsOf(m) } satisfies StepHelperIn);
    current = tr;
  } catch {
    return null; // no second worker here (e.g. a policy forbids it, or the memory is too large): one core it is
  }
  return { trainer: tr, evalOffload: tr.evalOffload(m), close: () => tr.close() };
}
