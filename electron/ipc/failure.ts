import type { IpcErrorCode } from '../../shared/ipc';

/** A refusal a handler raises on purpose; its message is written for the person using the app. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
}

/** Node's system errors (ENOENT, EACCES, ENOSPC, ...) carry a string `code` and a `syscall`. */
export function isSystemError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    'syscall' in error
  );
}
