import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { createGradcheck } from './gradcheck';
import { fakeContext } from './fakeContext';

describe('the gradient check job', () => {
  it('runs in slices, with progress, until cancelled', async () => {
    const f = fakeContext(8, 5);
    const data = syntheticMnist(10, 10);
    const gc = createGradcheck(
      f.ctx,
      async () => data,
      () => true,
    );
    await gc.start({ type: 'gradcheck', runId: 5, seed: 1, mnistBase: '' });
    f.runTasks(1);
    expect(f.types()).toEqual(['gc-progress']);
    f.runTasks(1);
    // (The whole check takes seconds: host.test.ts runs one to its result.)
    gc.cancel(5);
    f.runTasks();
    expect(f.out.at(-1)).toEqual({ type: 'gc-cancelled', runId: 5 });
  });

  it('a newer check cancels the one before; a failed load is a gc-error', async () => {
    const f = fakeContext();
    const data = syntheticMnist(10, 10);
    const gc = createGradcheck(
      f.ctx,
      async () => data,
      () => false,
    );
    await gc.start({ type: 'gradcheck', runId: 1, seed: 1, mnistBase: '' });
    await gc.start({ type: 'gradcheck', runId: 2, seed: 1, mnistBase: '' });
    gc.cancel(2);
    f.runTasks();
    expect(f.out).toEqual([
      { type: 'gc-cancelled', runId: 1 },
      { type: 'gc-cancelled', runId: 2 },
    ]);
    const broken = createGradcheck(
      f.ctx,
      () => Promise.reject(new Error('offline')),
      () => false,
    );
    await broken.start({ type: 'gradcheck', runId: 3, seed: 1, mnistBase: '' });
    expect(f.out.at(-1)).toEqual({
      type: 'gc-error',
      runId: 3,
      error: { code: 'internal', params: { message: 'offline' } },
    });
  });
});
