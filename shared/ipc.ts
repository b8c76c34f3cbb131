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

export interface IpcResponses {
  'app:info': AppInfo;
  'files:open': OpenedFile[];
  'files:save': SaveOutcome;
  'files:save-folder': SaveOutcome;
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
