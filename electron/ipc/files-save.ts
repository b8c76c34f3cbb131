import path from 'node:path';
import type { SaveOutcome } from '../../shared/ipc';
import type { Dialogs } from './dialogs';
import type { IpcHandler } from './register';

export interface SaveFileSystem {
  writeFile(filePath: string, data: Uint8Array): Promise<void>;
}

export function filesSaveHandler(
  dialogs: Pick<Dialogs, 'save'>,
  fs: SaveFileSystem,
  defaultDirectory: () => string,
): IpcHandler<'files:save'> {
  return async (request): Promise<SaveOutcome> => {
    const choice = await dialogs.save({
      defaultPath: path.join(defaultDirectory(), request.suggestedName),
      filters: request.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { isSaved: false };
    await fs.writeFile(choice.filePath, request.data);
    return { isSaved: true, location: choice.filePath };
  };
}
