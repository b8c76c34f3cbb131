import type { IpcResult, TesseraBridge } from '../../shared/ipc';
import { PlatformError, type FolderWriter, type Platform } from './platform';

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new PlatformError(result.error.code, result.error.message);
}

/** The desktop shell: every call goes through the preload's typed bridge. */
export function createElectronPlatform(bridge: TesseraBridge): Platform {
  return {
    appInfo: async () => unwrap(await bridge.appInfo()),
    openFiles: async ({ filters, multiple }) =>
      unwrap(await bridge.openFiles({ filters, multiple })),
    saveFile: async (suggestedName, data, filters) =>
      unwrap(await bridge.saveFile({ suggestedName, data, filters })),
    saveFolder: async (folderName, files) => unwrap(await bridge.saveFolder({ folderName, files })),
    async createFolder(folderName) {
      const opening = unwrap(await bridge.openFolder({ folderName }));
      return opening.isOpen ? streamedFolder(bridge, opening.writerId, opening.location) : null;
    },
  };
}

/** Each chunk crosses to the main process on its own, which appends it to the open file. */
function streamedFolder(bridge: TesseraBridge, writerId: string, location: string): FolderWriter {
  return {
    location,
    async createFile(path) {
      unwrap(
        await bridge.writeFolderFile({ writerId, path, data: new Uint8Array(0), isNew: true }),
      );
      return {
        write: async (data) => {
          unwrap(await bridge.writeFolderFile({ writerId, path, data, isNew: false }));
        },
        // The main process closes a file when the next one starts or the folder closes.
        close: () => Promise.resolve(),
      };
    },
    close: async () => {
      unwrap(await bridge.closeFolder({ writerId, isComplete: true }));
    },
    abort: async () => {
      unwrap(await bridge.closeFolder({ writerId, isComplete: false }));
    },
  };
}
