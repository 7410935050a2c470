import type { FileService } from './types';

/** Downloads through a temporary blob: URL and a link; reads with Blob.arrayBuffer. */
export const browserFiles: FileService = {
  download(name, bytes, type) {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    // Revoked once the browser has surely read it (revoking at once can cancel the download).
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  read: async (file) => new Uint8Array(await file.arrayBuffer()),
};
