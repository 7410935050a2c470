import { weightsFromNpz } from '../net/weightsFile';
import { serveOnce } from './oneShot';

/** What the page sends: the file's name (for the messages) and its bytes. */
export type WeightsReaderIn = { name: string; bytes: Uint8Array };

// Reads an .npz of weights off the page's thread: unzipping (bounded by each entry's declared
// size) and checking cost the page nothing, so a lying zip cannot freeze it even for a moment.
serveOnce(
  (f: WeightsReaderIn) => weightsFromNpz(f.name, f.bytes),
  (p) => [p.W1, p.b1, p.W2, p.b2].map((a) => a.buffer as ArrayBuffer),
);
