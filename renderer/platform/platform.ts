import type { AppInfo, OpenedFile, SaveOutcome } from '../../shared/ipc';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface FolderFile {
  /** Relative path inside the folder, with forward slashes. */
  path: string;
  data: Uint8Array;
}

/**
 * What the app needs from the shell it runs in. One implementation per shell, chosen once at
 * start-up; features only ever see this interface.
 */
export interface Platform {
  appInfo(): Promise<AppInfo>;
  openFiles(options: { filters: FileFilter[]; multiple: boolean }): Promise<OpenedFile[]>;
  saveFile(name: string, data: Uint8Array, filters: FileFilter[]): Promise<SaveOutcome>;
  saveFolder(folderName: string, files: FolderFile[]): Promise<SaveOutcome>;
}

export class PlatformError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'PlatformError';
    this.code = code;
  }
}
