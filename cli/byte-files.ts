/**
 * Raw bundle tables kept in a temporary file and read back by offset, so that a bundle's pairs
 * (hundreds of megabytes at 100,000 pairs) are on disk, not in the process's memory. Rows read
 * in order come from one larger read; rows read by id are read on their own.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ByteStore } from '../shared/bundle/read';

const aheadBytes = 1 << 20;

export interface FileStores {
  store(path: string, data: Uint8Array): ByteStore;
  /** Closes the files and removes the folder. */
  close(): void;
}

export function temporaryFileStores(): FileStores {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-export-'));
  const handles: number[] = [];
  return {
    store(_path, data) {
      const file = join(folder, `${handles.length}.jsonl`);
      writeFileSync(file, data);
      const handle = openSync(file, 'r');
      handles.push(handle);
      return fileStore(handle, data.byteLength);
    },
    close() {
      for (const handle of handles.splice(0)) closeSync(handle);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function fileStore(handle: number, size: number): ByteStore {
  let window = Buffer.alloc(0);
  let windowStart = 0;
  let lastEnd = -1;
  const readAt = (start: number, length: number) => {
    const buffer = Buffer.allocUnsafe(length);
    const read = readSync(handle, buffer, 0, length, start);
    return buffer.subarray(0, read);
  };
  return {
    read(start, end) {
      const sequential = start === lastEnd;
      lastEnd = end;
      if (start >= windowStart && end <= windowStart + window.byteLength)
        return window.subarray(start - windowStart, end - windowStart);
      if (!sequential) return readAt(start, end - start);
      window = readAt(start, Math.min(size - start, Math.max(end - start, aheadBytes)));
      windowStart = start;
      return window.subarray(0, end - start);
    },
  };
}
