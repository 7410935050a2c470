import type { HostContext } from './context';
import type { FromWorker } from './protocol';

/**
 * A host context driven by hand, for the host's parts' tests: every look at the clock costs
 * 1 ms, deferred tasks wait in a queue until `runTasks` runs them, posted messages gather in `out`.
 */
export function fakeContext(sliceMs = 8, reportMs = 20) {
  const out: FromWorker[] = [];
  const queue: (() => void)[] = [];
  let clock = 0;
  const ctx: HostContext = {
    post: (m) => out.push(m),
    now: () => (clock += 1),
    defer: (fn) => queue.push(fn),
    sliceMs,
    reportMs,
  };
  const runTasks = (n = Infinity) => {
    for (let i = 0; i < n && queue.length; i++) queue.shift()!();
  };
  return { ctx, out, queue, runTasks, types: () => out.map((m) => m.type) };
}
