import { SplitHelper } from '../net/splitStep';
import { adoptLists } from './share';
import type { StepHelperIn } from './split';

/**
 * The second core's worker for the split step: it takes half of every training step and half
 * of every evaluation from the memory it shares with the trainer's worker, until the trainer
 * lets it go (then it waits for the next run's memory).
 */
const scope = self as unknown as { onmessage: ((e: MessageEvent<StepHelperIn>) => void) | null };

scope.onmessage = (e) => {
  const m = e.data;
  adoptLists(m.data.train.images.pixels, m.data.test.images.pixels, m.lists);
  new SplitHelper(m.memory, m.layout, m.kind, m.cfg, m.data).run();
};
