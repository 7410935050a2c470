import { snapshotBuffers } from '../net/params';
import { weightsFromNpz, type ImportSettings } from '../net/weightsFile';
import { serveOnce } from './oneShot';

/** What the page sends: the file's name (for the messages), its bytes, and what the file cannot say. */
export type WeightsReaderIn = { name: string; bytes: Uint8Array; settings: ImportSettings };

// Reads an .npz of weights off the page's thread: unzipping (bounded by each entry's declared
// size) and checking cost the page nothing, so a lying zip cannot freeze it even for a moment.
serveOnce((f: WeightsReaderIn) => weightsFromNpz(f.name, f.bytes, f.settings), snapshotBuffers);
