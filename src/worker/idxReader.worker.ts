import { readIdxSet, type NamedBytes, type OwnData } from '../data/idxFiles';
import { toCodedError, type CodedError } from '../errors';

export type IdxReaderOut = { ok: true; own: OwnData } | { ok: false; error: CodedError };

/**
 * Reads the learner's four IDX files off the page's thread: unzipping (bounded by each header's
 * promise) and checking cost the page nothing, so a hostile file cannot freeze it.
 */
const scope = self as unknown as {
  postMessage: (m: IdxReaderOut, transfer?: Transferable[]) => void;
  onmessage: ((e: MessageEvent<NamedBytes[]>) => void) | null;
};

scope.onmessage = async (e) => {
  try {
    const own = await readIdxSet(e.data);
    // Moved, not copied: each file's pixels and labels are views of its own buffer.
    const buffers = new Set<ArrayBuffer>();
    for (const s of [own.train, own.test]) {
      buffers.add(s.images.pixels.buffer as ArrayBuffer);
      buffers.add(s.labels.buffer as ArrayBuffer);
    }
    scope.postMessage({ ok: true, own }, [...buffers]);
  } catch (err) {
    scope.postMessage({ ok: false, error: toCodedError(err) });
  }
};
