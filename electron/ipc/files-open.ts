import path from 'node:path';
import type { OpenDialogOptions } from 'electron';
import type { OpenedFile } from '../../shared/ipc';
import type { Dialogs } from './dialogs';
import { IpcFailure } from './failure';
import type { IpcHandler } from './register';

/**
 * The largest file accepted. fs.readFile cannot return 2 GiB or more, and a file that size would
 * also have to be copied whole into the renderer, so larger files are refused before any read.
 */
export const maxOpenFileBytes = 2 ** 31 - 1;

export interface OpenFileSystem {
  stat(filePath: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(filePath: string): Promise<Uint8Array>;
}

export function filesOpenHandler(
  dialogs: Pick<Dialogs, 'open'>,
  fs: OpenFileSystem,
): IpcHandler<'files:open'> {
  return async (request) => {
    const options: OpenDialogOptions = {
      title: request.title,
      filters: request.filters,
      properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    };
    const choice = await dialogs.open(options);
    if (choice.canceled) return [];
    // Check every file before reading any, so a refusal costs no time and no memory.
    for (const filePath of choice.filePaths) await checkReadable(filePath, fs);
    const opened: OpenedFile[] = [];
    for (const filePath of choice.filePaths) {
      opened.push({ name: path.basename(filePath), data: ownBytes(await fs.readFile(filePath)) });
    }
    return opened;
  };
}

async function checkReadable(filePath: string, fs: OpenFileSystem): Promise<void> {
  const name = path.basename(filePath);
  const stats = await fs.stat(filePath);
  if (!stats.isFile()) throw new IpcFailure('io-error', `"${name}" is not a regular file.`);
  if (stats.size > maxOpenFileBytes) {
    throw new IpcFailure(
      'io-error',
      `"${name}" is ${formatGiB(stats.size)}; files of 2 GiB or more cannot be opened.`,
    );
  }
}

function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/**
 * IPC serialises a typed array's whole backing buffer. A Buffer can be a window onto a larger
 * shared pool, so copy unless the view already owns all of its buffer. (Buffer#slice is a view,
 * not a copy, hence the constructor.)
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  const ownsBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return ownsBuffer ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes);
}
