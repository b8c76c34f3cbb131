/**
 * The one contract between the Electron main process, the preload bridge and the renderer.
 * Channel names live here only; requests are validated with these schemas on the main side.
 */
import { z } from 'zod';
import { bridgeChannels } from './ipc-channels';

const fileFilter = z.object({
  name: z.string().min(1).max(200),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,16}$/)).max(50),
});

/** A path inside an export folder: relative, forward slashes, no `..`, no drive letters. */
export const relativeFilePath = z
  .string()
  .min(1)
  .max(500)
  .refine(isSafeRelativePath, { message: 'must be a relative path without ".." segments' });

export function isSafeRelativePath(path: string): boolean {
  if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  if (path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[\\/\0]/.test(name) && name !== '.' && name !== '..', {
    message: 'must be a plain file name',
  });

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: 'must be bytes (a Uint8Array)',
});

/** The most one streamed chunk may carry; writers send about 64 KiB at a time. */
export const maxChunkBytes = 16 * 1024 * 1024;

const chunk = bytes.refine((value) => value.byteLength <= maxChunkBytes, {
  message: `must be at most ${maxChunkBytes} bytes`,
});

const writerId = z.string().uuid();

export const ipcRequestSchemas = {
  'app:info': z.null(),
  'files:open': z
    .object({
      title: z.string().max(200).optional(),
      filters: z.array(fileFilter).max(20),
      multiple: z.boolean(),
    })
    .strict(),
  'files:save': z
    .object({
      suggestedName: fileName,
      filters: z.array(fileFilter).max(20),
      data: bytes,
    })
    .strict(),
  'files:save-folder': z
    .object({
      folderName: fileName,
      files: z
        .array(z.object({ path: relativeFilePath, data: bytes }).strict())
        .min(1)
        .max(10_000),
    })
    .strict(),
  // A folder written file by file and chunk by chunk, so an export never has to be in memory
  // whole: open (the folder dialog), then writes (isNew starts the next file), then close
  // (isComplete false removes the folder again).
  'folder:open': z.object({ folderName: fileName }).strict(),
  'folder:write': z
    .object({ writerId, path: relativeFilePath, data: chunk, isNew: z.boolean() })
    .strict(),
  'folder:close': z.object({ writerId, isComplete: z.boolean() }).strict(),
} as const;

export type IpcChannel = keyof typeof ipcRequestSchemas;
export type IpcRequest<K extends IpcChannel> = z.infer<(typeof ipcRequestSchemas)[K]>;

export interface AppInfo {
  name: string;
  version: string;
  shell: 'desktop' | 'browser';
  platform: string;
}

export interface OpenedFile {
  name: string;
  data: Uint8Array;
}

export interface SaveOutcome {
  isSaved: boolean;
  /** Where it went, for the user to see; absent when the user cancelled. */
  location?: string;
}

/** A folder opened for streaming, or the person's cancel. */
export type FolderOpening =
  { isOpen: false } | { isOpen: true; writerId: string; location: string };

export interface IpcResponses {
  'app:info': AppInfo;
  'files:open': OpenedFile[];
  'files:save': SaveOutcome;
  'files:save-folder': SaveOutcome;
  'folder:open': FolderOpening;
  'folder:write': null;
  'folder:close': SaveOutcome;
}

export type IpcErrorCode = 'invalid-request' | 'forbidden-sender' | 'io-error' | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the preload exposes as `window.tessera`: one method per channel, nothing else. */
export interface TesseraBridge {
  appInfo(): Promise<IpcResult<AppInfo>>;
  openFiles(request: IpcRequest<'files:open'>): Promise<IpcResult<OpenedFile[]>>;
  saveFile(request: IpcRequest<'files:save'>): Promise<IpcResult<SaveOutcome>>;
  saveFolder(request: IpcRequest<'files:save-folder'>): Promise<IpcResult<SaveOutcome>>;
  openFolder(request: IpcRequest<'folder:open'>): Promise<IpcResult<FolderOpening>>;
  writeFolderFile(request: IpcRequest<'folder:write'>): Promise<IpcResult<null>>;
  closeFolder(request: IpcRequest<'folder:close'>): Promise<IpcResult<SaveOutcome>>;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

// Compile-time proof that the channel table and the contract agree.
export const checkedBridgeChannels = bridgeChannels satisfies Record<
  keyof TesseraBridge,
  IpcChannel
>;
