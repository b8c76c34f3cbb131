import { describe, expect, it, vi } from 'vitest';
import { api } from './preload';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: {
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(() =>
      Promise.resolve({ ok: true, value: null }),
    ),
  },
}));
vi.mock('electron', () => electron);

function exposed(): [string, unknown] {
  const call = electron.contextBridge.exposeInMainWorld.mock.calls[0];
  if (call === undefined) throw new Error('preload exposed nothing');
  return call;
}

describe('preload', () => {
  it('exposes window.tessera with exactly one method per channel', () => {
    const [key, exposedApi] = exposed();
    expect(key).toBe('tessera');
    expect(exposedApi).toBe(api);
    expect(Object.keys(api).sort()).toEqual([
      'appInfo',
      'closeFolder',
      'openFiles',
      'openFolder',
      'saveFile',
      'saveFolder',
      'writeFolderFile',
    ]);
    expect(Object.values(api).every((member) => typeof member === 'function')).toBe(true);
  });

  it('sends each method on its own channel, with null for no request', async () => {
    const data = new Uint8Array([1]);
    await api.appInfo();
    await api.openFiles({ filters: [], multiple: false });
    await api.saveFile({ suggestedName: 'a.csv', filters: [], data });
    await api.saveFolder({ folderName: 'x', files: [{ path: 'a', data }] });
    const writerId = '5b0a4f4e-8d6c-4b43-9b8e-2f1c3d4e5f60';
    await api.openFolder({ folderName: 'x' });
    await api.writeFolderFile({ writerId, path: 'a', data, isNew: true });
    await api.closeFolder({ writerId, isComplete: true });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['app:info', null],
      ['files:open', { filters: [], multiple: false }],
      ['files:save', { suggestedName: 'a.csv', filters: [], data }],
      ['files:save-folder', { folderName: 'x', files: [{ path: 'a', data }] }],
      ['folder:open', { folderName: 'x' }],
      ['folder:write', { writerId, path: 'a', data, isNew: true }],
      ['folder:close', { writerId, isComplete: true }],
    ]);
  });

  it('hands back what the main process answered', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'internal' } });
    expect(await api.appInfo()).toEqual({ ok: false, error: { code: 'internal' } });
  });
});
