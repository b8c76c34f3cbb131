/**
 * Folders written as a stream: the renderer opens a folder (the dialog runs here), then sends
 * each file a chunk at a time, then closes it. Nothing is held in memory beyond one chunk, so a
 * dataset of any size can be written; a folder closed as incomplete is removed, so a cancelled
 * or failed export never looks like a finished one.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FolderOpening, SaveOutcome } from '../../shared/ipc';
import type { Dialogs } from './dialogs';
import { IpcFailure } from './failure';
import { createFreshFolder, resolveInside } from './files-save-folder';
import type { IpcHandler } from './register';

export interface StreamedFile {
  /** Writes all of `data` at the current end of the file. */
  writeFile(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface StreamFileSystem {
  mkdir(dirPath: string, options?: { recursive?: boolean }): Promise<unknown>;
  /** 'wx' never follows or replaces an existing entry, including a planted symlink. */
  open(filePath: string, flags: 'wx'): Promise<StreamedFile>;
  rm(dirPath: string, options: { recursive: true; force: true }): Promise<void>;
}

interface OpenFolder {
  folder: string;
  current: { path: string; file: StreamedFile } | null;
}

/** More than any person runs at once; a page that opens more is misbehaving. */
const maxOpenFolders = 8;

export interface FolderWriterHandlers {
  'folder:open': IpcHandler<'folder:open'>;
  'folder:write': IpcHandler<'folder:write'>;
  'folder:close': IpcHandler<'folder:close'>;
}

export function folderWriterHandlers(
  dialogs: Pick<Dialogs, 'open'>,
  fs: StreamFileSystem,
  newId: () => string = randomUUID,
): FolderWriterHandlers {
  const open = new Map<string, OpenFolder>();

  const folderOf = (writerId: string): OpenFolder => {
    const entry = open.get(writerId);
    if (!entry) throw new IpcFailure('invalid-request', 'writerId: no folder is open under it');
    return entry;
  };

  const closeCurrent = async (entry: OpenFolder) => {
    const current = entry.current;
    entry.current = null;
    await current?.file.close();
  };

  return {
    async 'folder:open'(request): Promise<FolderOpening> {
      if (open.size >= maxOpenFolders)
        throw new IpcFailure('invalid-request', `At most ${maxOpenFolders} folders may be open.`);
      const choice = await dialogs.open({
        title: `Choose where to create the folder "${request.folderName}"`,
        buttonLabel: 'Save here',
        properties: ['openDirectory', 'createDirectory'],
      });
      const parent = choice.canceled ? undefined : choice.filePaths[0];
      if (parent === undefined) return { isOpen: false };
      const folder = await createFreshFolder(parent, request.folderName, fs);
      const writerId = newId();
      open.set(writerId, { folder, current: null });
      return { isOpen: true, writerId, location: folder };
    },

    async 'folder:write'(request): Promise<null> {
      const entry = folderOf(request.writerId);
      try {
        if (request.isNew) {
          await closeCurrent(entry);
          const target = resolveInside(entry.folder, request.path);
          await fs.mkdir(path.dirname(target), { recursive: true });
          entry.current = { path: request.path, file: await fs.open(target, 'wx') };
        } else if (entry.current?.path !== request.path) {
          throw new IpcFailure(
            'invalid-request',
            `path: "${request.path}" is not the file being written; start it with isNew`,
          );
        }
        if (request.data.byteLength > 0) await entry.current?.file.writeFile(request.data);
      } catch (error) {
        // A folder that failed half-way is of no use and must not look finished.
        await discard(request.writerId);
        throw error;
      }
      return null;
    },

    async 'folder:close'(request): Promise<SaveOutcome> {
      const entry = folderOf(request.writerId);
      if (!request.isComplete) {
        await discard(request.writerId);
        return { isSaved: false };
      }
      open.delete(request.writerId);
      await closeCurrent(entry);
      return { isSaved: true, location: entry.folder };
    },
  };

  async function discard(writerId: string): Promise<void> {
    const entry = open.get(writerId);
    if (!entry) return;
    open.delete(writerId);
    // The folder was created by folder:open, so removing it cannot touch anything of the user's;
    // a failed clean-up must not hide the error that caused it.
    await closeCurrent(entry).catch(() => undefined);
    await fs.rm(entry.folder, { recursive: true, force: true }).catch(() => undefined);
  }
}
