/** The host's clock and task queue: enough to run work in slices between two looks at the messages. */
export interface SliceClock {
  now: () => number;
  /** Runs `fn` as a new task, after pending messages. */
  defer: (fn: () => void) => void;
  /** Longest piece of work between two looks at the message queue. */
  sliceMs: number;
}

export interface SliceHandlers<Y, R> {
  /** Asked before each slice; false ends the chain without a word (the job was cancelled or replaced). */
  proceed: () => boolean;
  /** After a slice that did not finish, with the value the iterator last yielded. */
  progress?: (value: Y) => void;
  done: (result: R) => void;
  /** A throw from the work (or from `progress` / `done`) ends the chain here. */
  fail: (e: unknown) => void;
}

/**
 * Runs an iterator to its end in slices of at most `sliceMs` each, one task per slice, so that a
 * message (stop, cancel, a newer job) is heard between two slices. The first slice is deferred too.
 */
export function runInSlices<Y, R>(it: Iterator<Y, R>, clock: SliceClock, h: SliceHandlers<Y, R>): void {
  const slice = () => {
    if (!h.proceed()) return;
    try {
      const deadline = clock.now() + clock.sliceMs;
      let r = it.next();
      while (!r.done && clock.now() < deadline) r = it.next();
      if (r.done) {
        h.done(r.value);
        return;
      }
      h.progress?.(r.value);
    } catch (e) {
      h.fail(e);
      return;
    }
    clock.defer(slice);
  };
  clock.defer(slice);
}
