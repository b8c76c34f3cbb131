/**
 * The single gate every IPC request passes: who sent it, is it well-formed, and an answer that is
 * always an IpcResult. A handler behind this gate sees only validated requests from the app's own
 * page and may throw; nothing it throws crosses into the renderer as a rejection.
 */
import { ipcMain } from 'electron';
import { describeIssues, ipcRequestSchemas } from '../../shared/ipc';
import type { IpcChannel, IpcError, IpcRequest, IpcResponses, IpcResult } from '../../shared/ipc';
import { bridgeChannels } from '../../shared/ipc-channels';
import { isAppUrl } from '../app-origin';
import { IpcFailure, isSystemError } from './failure';

export type IpcHandler<K extends IpcChannel> = (request: IpcRequest<K>) => Promise<IpcResponses[K]>;

export type IpcHandlers = { [K in IpcChannel]: IpcHandler<K> };

/** The part of IpcMainInvokeEvent the gate reads; a frame that has gone away reads as null. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string } | null;
}

export function guardHandler<K extends IpcChannel>(
  channel: K,
  handler: IpcHandler<K>,
): (event: InvokeEvent, payload: unknown) => Promise<IpcResult<IpcResponses[K]>> {
  return async (event, payload) => {
    const frame = event.senderFrame;
    if (frame === null || !isAppUrl(frame.url)) {
      return failure({
        code: 'forbidden-sender',
        message: `${channel} is only answered for pages of the app itself`,
      });
    }
    const parsed = ipcRequestSchemas[channel].safeParse(payload);
    if (!parsed.success) {
      return failure({ code: 'invalid-request', message: describeIssues(parsed.error) });
    }
    try {
      // TypeScript widens an indexed schema's output to the union of every request; the schema
      // looked up by K is the very one IpcRequest<K> is inferred from.
      return { ok: true, value: await handler(parsed.data as IpcRequest<K>) };
    } catch (error) {
      return failure(toIpcError(error));
    }
  };
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof IpcFailure) return { code: error.code, message: error.message };
  if (isSystemError(error)) return { code: 'io-error', message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function failure(error: IpcError): { ok: false; error: IpcError } {
  return { ok: false, error };
}

export function handle<K extends IpcChannel>(channel: K, handler: IpcHandler<K>): void {
  ipcMain.handle(channel, guardHandler(channel, handler));
}

/** Taking the full mapped type makes forgetting a channel a compile error at the call site. */
export function handleAll(handlers: IpcHandlers): void {
  for (const channel of Object.values(bridgeChannels)) register(channel, handlers);
}

function register<K extends IpcChannel>(channel: K, handlers: IpcHandlers): void {
  handle(channel, handlers[channel]);
}
