import type { Mnist } from '../data/mnist';
import { wasmSupport, type WasmKind } from '../kernels/wasmKernels';
import { SplitTrainer, splitLayout, splitMemory, type SplitHandle, type SplitLayout } from '../net/splitStep';
import type { TrainConfig } from '../net/trainer';
import { canShare } from './offload';

export interface StepHelperIn {
  memory: WebAssembly.Memory;
  layout: SplitLayout;
  kind: WasmKind;
  data: Mnist;
}

let helper: Worker | null = null;
/** The run the helper serves now (told when the helper fails). */
let current: SplitTrainer | null = null;

/**
 * Both cores for every training step, where the page is cross-origin isolated, the kernels are
 * WebAssembly and the images are already in shared memory: a new shared memory for this run,
 * and the step helper worker (started once) told to serve it. Null where any of that is missing:
 * the trainer then runs on one core as before. A helper that fails to start costs nothing but
 * the second core: the trainer takes back every half it does not take.
 */
export function startSplit(cfg: TrainConfig, m: Mnist): SplitHandle | null {
  const kind = wasmSupport();
  if (kind === null || kind === 'ts' || cfg.dtype !== 'float32') return null;
  if (!canShare() || !(m.train.images.pixels.buffer instanceof SharedArrayBuffer)) return null;
  const layout = splitLayout(cfg.hiddenSize, cfg.batchSize);
  let tr: SplitTrainer;
  let memory: WebAssembly.Memory;
  try {
    memory = splitMemory(layout);
    tr = new SplitTrainer(memory, layout, kind);
    if (!helper) {
      const w = new Worker(new URL('./stepHelper.worker.ts', import.meta.url), { type: 'module' });
      // A helper that fails must not take the trainer down: the trainer does its halves instead.
      w.onerror = (e) => {
        e.preventDefault();
        current?.abandon();
        if (helper === w) helper = null;
      };
      helper = w;
    }
    helper.postMessage({ memory, layout, kind, data: m } satisfies StepHelperIn);
    current = tr;
  } catch {
    return null;
  }
  return { kernels: () => tr.net.k, step: tr, evalOffload: tr.evalOffload(m), close: () => tr.close() };
}
