import { describe, expect, it } from 'vitest';
import { runInSlices } from './slices';
import { fakeContext } from './fakeContext';

function* count(n: number): Generator<number, string> {
  for (let i = 0; i < n; i++) yield i;
  return 'end';
}

describe('runInSlices', () => {
  it('works until the deadline, yields to the queue, and finishes with the result', () => {
    const f = fakeContext(8);
    const seen: number[] = [];
    let result = '';
    runInSlices(count(20), f.ctx, {
      proceed: () => true,
      progress: (v) => seen.push(v),
      done: (r) => (result = r),
      fail: () => {},
    });
    expect(f.queue).toHaveLength(1); // even the first slice waits its turn
    f.runTasks(1);
    // One look for the deadline, one per step after the first: 8 steps in an 8 ms slice.
    expect(seen).toEqual([7]);
    f.runTasks();
    expect(result).toBe('end');
    expect(seen).toEqual([7, 15]);
    expect(f.queue).toHaveLength(0);
  });

  it('stops without a word when proceed says no, and hands a throw to fail', () => {
    const f = fakeContext(8);
    let go = true;
    const events: string[] = [];
    runInSlices(count(100), f.ctx, {
      proceed: () => go,
      done: () => events.push('done'),
      fail: () => events.push('fail'),
    });
    f.runTasks(1);
    go = false;
    f.runTasks();
    expect(events).toEqual([]);
    expect(f.queue).toHaveLength(0);

    function* broken(): Generator<number, string> {
      yield 1;
      throw new Error('bug');
    }
    let failed: unknown = null;
    runInSlices(broken(), f.ctx, { proceed: () => true, done: () => {}, fail: (e) => (failed = e) });
    f.runTasks();
    expect((failed as Error).message).toBe('bug');
  });
});
