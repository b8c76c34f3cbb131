import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult } from '../../shared/ipc';
import { IpcFailure } from './failure';
import { guardHandler, handleAll, toIpcError } from './register';
import type { IpcHandlers, InvokeEvent } from './register';

type Listener = (event: InvokeEvent, payload: unknown) => Promise<unknown>;
const ipcMain = vi.hoisted(() => ({
  handle: vi.fn<(channel: string, listener: Listener) => void>(),
}));
vi.mock('electron', () => ({ ipcMain }));

const fromApp: InvokeEvent = { senderFrame: { url: 'app://tessera/index.html' } };
const saved = { isSaved: true, location: '/tmp/x' };

function expectFailure(result: IpcResult<unknown>, code: string): string {
  expect(result).toMatchObject({ ok: false, error: { code } });
  return result.ok ? '' : result.error.message;
}

describe('guardHandler: who may ask', () => {
  const handler = vi.fn(() => Promise.resolve(saved));
  const guarded = guardHandler('files:save', handler);
  const request = { suggestedName: 'a.csv', filters: [], data: new Uint8Array([1]) };

  beforeEach(() => handler.mockClear());

  it.each([
    ['a remote page', 'https://evil.example/'],
    ['a local file', 'file:///tmp/page.html'],
    ['another app host', 'app://other/index.html'],
    ['the browser shell', 'http://127.0.0.1:4873/'],
  ])('refuses %s', async (_label, url) => {
    const result = await guarded({ senderFrame: { url } }, request);
    expectFailure(result, 'forbidden-sender');
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone', async () => {
    expectFailure(await guarded({ senderFrame: null }, request), 'forbidden-sender');
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers the app page', async () => {
    expect(await guarded(fromApp, request)).toEqual({ ok: true, value: saved });
    expect(handler).toHaveBeenCalledWith(request);
  });
});

describe('guardHandler: what may be asked', () => {
  it('refuses files:save whose data is a string, naming the field', async () => {
    const handler = vi.fn(() => Promise.resolve(saved));
    const result = await guardHandler('files:save', handler)(fromApp, {
      suggestedName: 'a.csv',
      filters: [],
      data: 'not bytes',
    });
    expect(expectFailure(result, 'invalid-request')).toMatch(/^data: /);
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses files:save-folder with an escaping path, naming the field', async () => {
    const handler = vi.fn(() => Promise.resolve(saved));
    const result = await guardHandler('files:save-folder', handler)(fromApp, {
      folderName: 'export',
      files: [
        { path: 'ok.txt', data: new Uint8Array() },
        { path: '../x', data: new Uint8Array() },
      ],
    });
    const message = expectFailure(result, 'invalid-request');
    expect(message).toContain('files.1.path');
    expect(message).toContain('".."');
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a streamed chunk with a forged writer id or an escaping path', async () => {
    const handler = vi.fn(() => Promise.resolve(null));
    const guarded = guardHandler('folder:write', handler);
    const data = new Uint8Array([1]);
    const forged = await guarded(fromApp, { writerId: '../x', path: 'a', data, isNew: true });
    expect(expectFailure(forged, 'invalid-request')).toContain('writerId');
    const escaping = await guarded(fromApp, {
      writerId: '5b0a4f4e-8d6c-4b43-9b8e-2f1c3d4e5f60',
      path: '../x',
      data,
      isNew: true,
    });
    expect(expectFailure(escaping, 'invalid-request')).toContain('path');
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses unknown extra fields', async () => {
    const result = await guardHandler('files:open', vi.fn())(fromApp, {
      filters: [],
      multiple: false,
      defaultPath: '/etc',
    });
    expect(expectFailure(result, 'invalid-request')).toContain('defaultPath');
  });

  it('refuses a missing payload for a channel that needs one', async () => {
    const result = await guardHandler('files:open', vi.fn())(fromApp, null);
    expectFailure(result, 'invalid-request');
  });

  it('passes the validated request through', async () => {
    const handler = vi.fn(() => Promise.resolve([]));
    const request = { filters: [{ name: 'CSV', extensions: ['csv'] }], multiple: true };
    expect(await guardHandler('files:open', handler)(fromApp, request)).toEqual({
      ok: true,
      value: [],
    });
    expect(handler).toHaveBeenCalledWith(request);
  });
});

describe('guardHandler: failures stay inside the result', () => {
  const request = { suggestedName: 'a.csv', filters: [], data: new Uint8Array() };

  it('keeps the code of a deliberate refusal', async () => {
    const handler = () => Promise.reject(new IpcFailure('io-error', '"big.bin" is too large'));
    const result = await guardHandler('files:save', handler)(fromApp, request);
    expect(result).toEqual({
      ok: false,
      error: { code: 'io-error', message: '"big.bin" is too large' },
    });
  });

  it('reports file system errors as io-error', async () => {
    const error = Object.assign(new Error("ENOSPC: no space left on device, write '/x'"), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    const result = await guardHandler('files:save', () => Promise.reject(error))(fromApp, request);
    expect(expectFailure(result, 'io-error')).toContain('ENOSPC');
  });

  it('reports anything else as internal, even a synchronous throw', async () => {
    const handler = () => {
      throw new TypeError('boom');
    };
    const result = await guardHandler('files:save', handler)(fromApp, request);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('describes non-Error throwables', () => {
    expect(toIpcError('plain string')).toEqual({ code: 'internal', message: 'plain string' });
  });
});

describe('handleAll', () => {
  it('registers every channel with ipcMain behind the gate', async () => {
    ipcMain.handle.mockClear();
    const handlers: IpcHandlers = {
      'app:info': () =>
        Promise.resolve({ name: 'Tessera', version: '1', shell: 'desktop', platform: 'linux' }),
      'files:open': () => Promise.resolve([]),
      'files:save': () => Promise.resolve(saved),
      'files:save-folder': () => Promise.resolve(saved),
      'folder:open': () => Promise.resolve({ isOpen: false }),
      'folder:write': () => Promise.resolve(null),
      'folder:close': () => Promise.resolve(saved),
    };
    handleAll(handlers);
    const channels = ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels.sort()).toEqual([
      'app:info',
      'files:open',
      'files:save',
      'files:save-folder',
      'folder:close',
      'folder:open',
      'folder:write',
    ]);

    const listener = ipcMain.handle.mock.calls.find(([channel]) => channel === 'app:info')?.[1];
    const result = await listener?.({ senderFrame: { url: 'https://evil.example/' } }, null);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });
});
