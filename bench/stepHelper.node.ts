// The helper of the two-core step as a Node worker thread (the browser's is
// src/worker/stepHelper.worker.ts): it takes its halves from the shared memory until Exit.
import { parentPort } from 'node:worker_threads';
import { SplitHelper } from '../src/net/splitStep';
import { adoptLists } from '../src/worker/share';
import type { StepHelperIn } from '../src/worker/split';

parentPort!.once('message', (m: StepHelperIn) => {
  adoptLists(m.data.train.images.pixels, m.data.test.images.pixels, m.lists);
  parentPort!.postMessage('ready');
  new SplitHelper(m.memory, m.layout, m.kind, m.cfg, m.data).run();
  parentPort!.close();
});
