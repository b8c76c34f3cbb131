import type { TesseraBridge } from '../../shared/ipc';
import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { Platform } from './platform';

declare global {
  interface Window {
    tessera?: TesseraBridge;
  }
}

/** The one place that knows which shell the app runs in. */
export function createPlatform(version: string): Platform {
  return window.tessera ? createElectronPlatform(window.tessera) : createBrowserPlatform(version);
}

export type { Platform, FileFilter, FileStream, FolderFile, FolderWriter } from './platform';
export { PlatformError } from './platform';
