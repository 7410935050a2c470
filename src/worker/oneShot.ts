import { toCodedError, type CodedError } from '../errors';

/** What a one-shot worker answers: its result, or the coded error that stopped it. */
export type OneShotOut<T> = { ok: true; value: T } | { ok: false; error: CodedError };

/**
 * A worker made for one piece of work on the learner's files (unzipping and checking them), so
 * the page's thread never does it and a hostile file cannot freeze the page: it takes one
 * message, answers with `work`'s result (its buffers moved, not copied) or its coded error.
 */
export function serveOnce<In, T>(work: (input: In) => T | Promise<T>, buffersOf: (value: T) => ArrayBuffer[]): void {
  const scope = self as unknown as {
    postMessage: (m: OneShotOut<T>, transfer?: Transferable[]) => void;
    onmessage: ((e: MessageEvent<In>) => void) | null;
  };
  scope.onmessage = async (e) => {
    try {
      const value = await work(e.data);
      scope.postMessage({ ok: true, value }, [...new Set(buffersOf(value))]);
    } catch (err) {
      scope.postMessage({ ok: false, error: toCodedError(err) });
    }
  };
}
