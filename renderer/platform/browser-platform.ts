import { zipSync } from 'fflate';
import type { OpenedFile } from '../../shared/ipc';
import { isSafeRelativePath } from '../../shared/ipc';
import {
  directoryFolderWriter,
  zipFolderWriter,
  type DirectoryHandle,
  type FileHandle,
} from './browser-folder';
import { PlatformError, type FileFilter, type FolderFile, type Platform } from './platform';

interface FileSystemAccess {
  showDirectoryPicker?: (options: { mode: 'readwrite' }) => Promise<DirectoryHandle>;
  showSaveFilePicker?: (options: {
    suggestedName: string;
  }) => Promise<FileHandle & { name: string }>;
}

/**
 * The browser shell: a file input for opening, the File System Access API for saving where the
 * browser has it, and downloads (a zip for folders) where it does not.
 */
export function createBrowserPlatform(version: string, scope: Window = window): Platform {
  const access = scope as unknown as FileSystemAccess;
  return {
    appInfo: () =>
      Promise.resolve({
        name: 'Tessera',
        version,
        shell: 'browser',
        platform: scope.navigator.platform,
      }),
    openFiles: ({ filters, multiple }) => pickFiles(scope.document, filters, multiple),
    async saveFile(name, data, _filters) {
      if (access.showSaveFilePicker) {
        const handle = await cancellable(access.showSaveFilePicker({ suggestedName: name }));
        if (!handle) return { isSaved: false };
        await writeTo(handle, data);
        return { isSaved: true, location: handle.name };
      }
      download(scope.document, name, data);
      return { isSaved: true, location: `${name} (downloads)` };
    },
    async saveFolder(folderName, files) {
      for (const file of files) {
        if (!isSafeRelativePath(file.path)) {
          throw new PlatformError('invalid-request', `Unsafe path in export: ${file.path}`);
        }
      }
      if (access.showDirectoryPicker) {
        const parent = await cancellable(access.showDirectoryPicker({ mode: 'readwrite' }));
        if (!parent) return { isSaved: false };
        const folder = await parent.getDirectoryHandle(folderName, { create: true });
        for (const file of files) await writeInto(folder, file);
        return { isSaved: true, location: `${parent.name}/${folderName}` };
      }
      const zip = zipSync(
        Object.fromEntries(files.map((file) => [`${folderName}/${file.path}`, file.data])),
      );
      download(scope.document, `${folderName}.zip`, zip);
      return { isSaved: true, location: `${folderName}.zip (downloads)` };
    },
    async createFolder(folderName) {
      if (access.showDirectoryPicker) {
        const parent = await cancellable(access.showDirectoryPicker({ mode: 'readwrite' }));
        return parent ? directoryFolderWriter(parent, folderName) : null;
      }
      return zipFolderWriter(folderName, (name, zip) => download(scope.document, name, zip));
    },
  };
}

function pickFiles(
  document: Document,
  filters: FileFilter[],
  multiple: boolean,
): Promise<OpenedFile[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = filters
      .flatMap((filter) => filter.extensions.map((extension) => `.${extension}`))
      .join(',');
    input.hidden = true;
    const finish = () => input.remove();
    input.addEventListener('change', () => {
      const chosen = Array.from(input.files ?? []);
      finish();
      readAll(chosen).then(resolve, reject);
    });
    input.addEventListener('cancel', () => {
      finish();
      resolve([]);
    });
    document.body.append(input);
    input.click();
  });
}

export async function readAll(files: readonly File[]): Promise<OpenedFile[]> {
  return Promise.all(
    files.map(async (file) => ({
      name: file.name,
      data: new Uint8Array(await file.arrayBuffer()),
    })),
  );
}

async function writeInto(folder: DirectoryHandle, file: FolderFile): Promise<void> {
  const parts = file.path.split('/');
  const name = parts.pop() ?? file.path;
  let directory = folder;
  for (const part of parts) directory = await directory.getDirectoryHandle(part, { create: true });
  await writeTo(await directory.getFileHandle(name, { create: true }), file.data);
}

async function writeTo(handle: FileHandle, data: Uint8Array): Promise<void> {
  const writable = await handle.createWritable();
  await writable.write(data);
  await writable.close();
}

/** The pickers reject with AbortError when the user closes them: that is a choice, not a failure. */
async function cancellable<T>(picking: Promise<T>): Promise<T | null> {
  try {
    return await picking;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
}

function download(document: Document, name: string, data: Uint8Array | Blob): void {
  const url = URL.createObjectURL(data instanceof Blob ? data : new Blob([data as BlobPart]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
