import { describe, expect, it } from 'vitest';
import { syntheticMnist } from '../testing/syntheticMnist';
import { createLoads } from './loads';
import { fakeContext } from './fakeContext';

describe('the host’s loads', () => {
  it('fetches MNIST once, and again after a failure', async () => {
    const f = fakeContext();
    let calls = 0;
    const loads = createLoads(f.ctx, async () => {
      if (++calls === 1) throw new Error('offline');
      return syntheticMnist(10, 10);
    });
    await expect(loads.mnist('/m/')).rejects.toThrow('offline');
    await loads.mnist('/m/');
    await loads.mnist('/m/');
    expect(calls).toBe(2);
  });

  it('says loading; a newer load or a cancel makes the one before resolve null', async () => {
    const f = fakeContext();
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const loads = createLoads(f.ctx, async () => (await gate, syntheticMnist(10, 10)));
    const first = loads.begin({ runId: 1, mnistBase: '/m/' });
    const second = loads.begin({ runId: 2, mnistBase: '/m/' });
    const third = loads.begin({ runId: 3, mnistBase: '/m/' });
    expect(loads.cancel(1)).toBe(false); // no longer the load under way
    expect(loads.cancel(3)).toBe(true);
    open();
    expect(await Promise.all([first, second, third])).toEqual([null, null, null]);
    expect(f.types()).toEqual(['loading', 'loading', 'loading']);
    const own = syntheticMnist(5, 5);
    expect(await loads.begin({ runId: 4, mnistBase: '/m/', dataset: own })).toBe(own);
  });
});
