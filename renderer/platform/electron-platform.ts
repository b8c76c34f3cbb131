import type { IpcResult, TesseraBridge } from '../../shared/ipc';
import { PlatformError, type Platform } from './platform';

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
  };
}
