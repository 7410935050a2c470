// The helper of the two-core step as a Node worker thread (the browser's is
// src/worker/stepHelper.worker.ts): it takes its halves from the shared memory until Exit.
import { parentPort } from 'node:worker_threads';
import type { Mnist } from '../src/data/mnist';
import type { WasmKind } from '../src/kernels/wasmKernels';
import { SplitHelper, type SplitLayout } from '../src/net/splitStep';

parentPort!.once('message', (m: { memory: WebAssembly.Memory; layout: SplitLayout; kind: WasmKind; data: Mnist }) => {
  parentPort!.postMessage('ready');
  new SplitHelper(m.memory, m.layout, m.kind, m.data).run();
  parentPort!.close();
});
