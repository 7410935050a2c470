import { readIdxSet } from '../data/idxFiles';
import { serveOnce } from './oneShot';

// Reads the learner's four IDX files off the page's thread: unzipping (bounded by each header's
// promise) and checking cost the page nothing. Each file's pixels and labels are views of its own buffer.
serveOnce(readIdxSet, (own) =>
  [own.train, own.test].flatMap((s) => [s.images.pixels.buffer as ArrayBuffer, s.labels.buffer as ArrayBuffer]),
);
