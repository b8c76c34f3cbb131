import path from 'node:path';
import { isSafeRelativePath } from '../../shared/ipc';
import type { SaveOutcome } from '../../shared/ipc';
import { isStrictlyInside } from '../paths';
import type { Dialogs } from './dialogs';
import { IpcFailure, isSystemError } from './failure';
import type { IpcHandler } from './register';

export interface FolderFileSystem {
  mkdir(dirPath: string, options?: { recursive?: boolean }): Promise<unknown>;
  writeFile(filePath: string, data: Uint8Array, options: { flag: 'wx' }): Promise<void>;
  rm(dirPath: string, options: { recursive: true; force: true }): Promise<void>;
}

/** Enough for "Export (2)" ... "Export (99)"; beyond that the user should pick another place. */
const maxNameAttempts = 99;

export function filesSaveFolderHandler(
  dialogs: Pick<Dialogs, 'open'>,
  fs: FolderFileSystem,
): IpcHandler<'files:save-folder'> {
  return async (request): Promise<SaveOutcome> => {
    const choice = await dialogs.open({
      title: `Choose where to create the folder "${request.folderName}"`,
      buttonLabel: 'Save here',
      properties: ['openDirectory', 'createDirectory'],
    });
    const parent = choice.canceled ? undefined : choice.filePaths[0];
    if (parent === undefined) return { isSaved: false };
    const folder = await createFreshFolder(parent, request.folderName, fs);
    try {
      for (const file of request.files) {
        const target = resolveInside(folder, file.path);
        await fs.mkdir(path.dirname(target), { recursive: true });
        // 'wx' never follows or replaces an existing entry, including a planted symlink.
        await fs.writeFile(target, file.data, { flag: 'wx' });
      }
    } catch (error) {
      // The folder was created by this call, so removing it cannot touch anything of the user's,
      // and a half-written export must not look like a finished one. The write error is the one
      // worth reporting, so a failed clean-up does not replace it.
      await fs.rm(folder, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    return { isSaved: true, location: folder };
  };
}

/**
 * Creates `<parent>/<name>`, or `<name> (2)`, ... when that exists, so an export never merges into
 * or overwrites an earlier one.
 */
export async function createFreshFolder(
  parent: string,
  name: string,
  fs: Pick<FolderFileSystem, 'mkdir'>,
): Promise<string> {
  for (let attempt = 1; attempt <= maxNameAttempts; attempt += 1) {
    const folder = path.join(parent, attempt === 1 ? name : `${name} (${attempt})`);
    try {
      await fs.mkdir(folder);
      return folder;
    } catch (error) {
      if (!(isSystemError(error) && error.code === 'EEXIST')) throw error;
    }
  }
  throw new IpcFailure(
    'io-error',
    `"${name}" and ${maxNameAttempts - 1} numbered variants already exist in ${parent}.`,
  );
}

/** The request schema already refuses unsafe paths; this re-check guards the file system itself. */
export function resolveInside(folder: string, relativePath: string): string {
  const refuse = () =>
    new IpcFailure(
      'invalid-request',
      `files: "${relativePath}" would be written outside the folder`,
    );
  if (!isSafeRelativePath(relativePath)) throw refuse();
  const target = path.resolve(folder, ...relativePath.split('/'));
  if (!isStrictlyInside(folder, target)) throw refuse();
  return target;
}
