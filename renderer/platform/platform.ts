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

/** One file being written into a folder, a chunk at a time. */
export interface FileStream {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/**
 * A folder written file by file and chunk by chunk, so an export of any size passes through
 * memory one chunk at a time. One file at a time: close a file before creating the next.
 */
export interface FolderWriter {
  /** Where the folder is, for the person to see. */
  readonly location: string;
  /** Starts a file at a relative path with forward slashes; subfolders are created. */
  createFile(path: string): Promise<FileStream>;
  /** Everything is written: the folder is complete (the zip download starts here). */
  close(): Promise<void>;
  /** Gives up: removes what was written where the shell can, so a half export never looks whole. */
  abort(): Promise<void>;
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
  /**
   * Asks where to create a folder and opens it for streaming; null when the person cancels.
   * Call it straight from the click that asked for it: browsers show pickers only then.
   */
  createFolder(folderName: string): Promise<FolderWriter | null>;
}

export class PlatformError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'PlatformError';
    this.code = code;
  }
}
