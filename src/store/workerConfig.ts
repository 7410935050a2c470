import type { TrainConfig } from '../net/config';
import type { ToWorker } from '../worker/protocol';

type StartConfig = Extract<ToWorker, { type: 'start' }>['config'];

/**
 * The config as the worker's start message takes it. A bridge while the trainer moves to
 * net/config.ts's TrainConfig (issue 20, in parallel): until then the worker reads the one
 * hidden size it trains as `hiddenSize`. Once trainer.ts re-exports config.ts's TrainConfig,
 * this is the identity and goes.
 */
export const toWorkerConfig = (c: TrainConfig): StartConfig =>
  ({ ...c, hiddenSize: c.hidden[0] }) as unknown as StartConfig;
