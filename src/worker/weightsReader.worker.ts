import { toCodedError, type CodedError } from '../errors';
import type { ParamSnapshot } from '../net/params';
import { weightsFromNpz } from '../net/weightsFile';

export type WeightsReaderIn = { name: string; bytes: Uint8Array };
export type WeightsReaderOut = { ok: true; params: ParamSnapshot } | { ok: false; error: CodedError };

/**
 * Reads an .npz of weights off the page's thread: unzipping (bounded by each entry's declared
 * size) and checking cost the page nothing, so a lying zip cannot freeze it even for a moment.
 */
const scope = self as unknown as {
  postMessage: (m: WeightsReaderOut, transfer?: Transferable[]) => void;
  onmessage: ((e: MessageEvent<WeightsReaderIn>) => void) | null;
};

scope.onmessage = (e) => {
  try {
    const params = weightsFromNpz(e.data.name, e.data.bytes);
    const buffers = new Set([params.W1, params.b1, params.W2, params.b2].map((a) => a.buffer as ArrayBuffer));
    scope.postMessage({ ok: true, params }, [...buffers]);
  } catch (err) {
    scope.postMessage({ ok: false, error: toCodedError(err) });
  }
};
