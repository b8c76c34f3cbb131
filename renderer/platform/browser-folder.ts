/**
 * Streaming folders in the browser shell: into a folder the person picked (File System Access
 * API writable streams, written to disk as they go), or, where the browser has no such API, into
 * a zip that is assembled as Blobs — which Chromium keeps outside the page's heap — and
 * downloaded when the folder is closed.
 */
import { Zip, ZipDeflate } from 'fflate';
import { isSafeRelativePath } from '../../shared/ipc';
import { PlatformError, type FileStream, type FolderWriter } from './platform';

export interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}
export interface FileHandle {
  createWritable(): Promise<WritableFile>;
}
export interface DirectoryHandle {
  name: string;
  getDirectoryHandle(name: string, options: { create: boolean }): Promise<DirectoryHandle>;
  getFileHandle(name: string, options: { create: boolean }): Promise<FileHandle>;
  removeEntry?(name: string, options: { recursive: boolean }): Promise<void>;
}

/** Enough for "export (2)" … "export (99)", as the desktop shell does. */
const maxNameAttempts = 99;

function checkedPath(path: string): string[] {
  if (!isSafeRelativePath(path))
    throw new PlatformError('invalid-request', `Unsafe path in export: ${path}`);
  return path.split('/');
}

/** A new folder inside `parent`, numbered when the name is taken: never merged into another. */
export async function directoryFolderWriter(
  parent: DirectoryHandle,
  folderName: string,
): Promise<FolderWriter> {
  const name = await freshName(parent, folderName);
  const folder = await parent.getDirectoryHandle(name, { create: true });
  let current: WritableFile | null = null;
  return {
    location: `${parent.name}/${name}`,
    async createFile(path) {
      const parts = checkedPath(path);
      const fileName = parts.pop() ?? path;
      let directory = folder;
      for (const part of parts)
        directory = await directory.getDirectoryHandle(part, { create: true });
      const writable = await (
        await directory.getFileHandle(fileName, { create: true })
      ).createWritable();
      current = writable;
      return {
        write: (chunk) => writable.write(chunk),
        close: async () => {
          current = null;
          await writable.close();
        },
      };
    },
    close: () => Promise.resolve(),
    async abort() {
      await current?.abort?.().catch(() => undefined);
      current = null;
      await parent.removeEntry?.(name, { recursive: true }).catch(() => undefined);
    },
  };
}

async function freshName(parent: DirectoryHandle, name: string): Promise<string> {
  for (let attempt = 1; attempt <= maxNameAttempts; attempt += 1) {
    const candidate = attempt === 1 ? name : `${name} (${attempt})`;
    try {
      await parent.getDirectoryHandle(candidate, { create: false });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'NotFoundError') return candidate;
      // A file of that name, say: take the next number.
      if (error instanceof DOMException && error.name === 'TypeMismatchError') continue;
      throw error;
    }
  }
  throw new PlatformError(
    'io-error',
    `"${name}" and ${maxNameAttempts - 1} numbered variants already exist.`,
  );
}

/** Zip output is gathered into a Blob every few megabytes, so the page holds little of it. */
const blobPartBytes = 4 * 1024 * 1024;

/**
 * A zip of the folder, entries under `<folderName>/`, handed to `deliver` as one Blob when the
 * folder is closed (the browser platform downloads it).
 */
export function zipFolderWriter(
  folderName: string,
  deliver: (name: string, zip: Blob) => void,
): FolderWriter {
  const blobs: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let failure: Error | null = null;
  const flush = () => {
    if (pending.length === 0) return;
    blobs.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };
  const zip = new Zip((error, data) => {
    if (error) {
      failure = error;
      return;
    }
    pending.push(data);
    pendingBytes += data.byteLength;
    if (pendingBytes >= blobPartBytes) flush();
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    location: `${folderName}.zip (downloads)`,
    createFile(path) {
      // Inside the executor, an unsafe path rejects the promise instead of throwing.
      return new Promise<FileStream>((resolve) => {
        checkedPath(path);
        const entry = new ZipDeflate(`${folderName}/${path}`, { level: 6 });
        zip.add(entry);
        check();
        resolve({
          write(chunk) {
            entry.push(chunk);
            check();
            return Promise.resolve();
          },
          close() {
            entry.push(new Uint8Array(0), true);
            check();
            return Promise.resolve();
          },
        });
      });
    },
    close() {
      zip.end();
      check();
      flush();
      deliver(`${folderName}.zip`, new Blob(blobs, { type: 'application/zip' }));
      return Promise.resolve();
    },
    abort() {
      zip.terminate();
      blobs.length = 0;
      pending = [];
      return Promise.resolve();
    },
  };
}
