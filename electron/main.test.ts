import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/** A stand-in for the parts of Electron main.ts touches, rebuilt for every import of main.ts. */
function fakeElectron(hasLock: boolean) {
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    loadURL = vi.fn(() => Promise.resolve());
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    constructor(readonly options: unknown) {
      super();
      windows.push(this);
    }
    static getAllWindows = () => windows;
  }
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => hasLock),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    isReady: () => true,
    quit: vi.fn(),
    exit: vi.fn(),
    getVersion: () => '0.1.0',
    getPath: () => '/home/u/Documents',
    isPackaged: false,
  });
  return {
    windows,
    electron: {
      app,
      BrowserWindow: FakeWindow,
      Menu: {
        buildFromTemplate: vi.fn((template: unknown) => template),
        setApplicationMenu: vi.fn(),
      },
      dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
      ipcMain: { handle: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: {
        defaultSession: {
          setPermissionRequestHandler: vi.fn(),
          setPermissionCheckHandler: vi.fn(),
          webRequest: { onBeforeRequest: vi.fn() },
        },
      },
    },
  };
}

/** main.ts acts on import, so each test imports a fresh copy against a fresh fake. */
async function startMain(hasLock: boolean) {
  const fake = fakeElectron(hasLock);
  vi.resetModules();
  vi.doMock('electron', () => fake.electron);
  await import('./main');
  // Let whenReady().then(start) run.
  await new Promise((resolve) => setImmediate(resolve));
  return fake;
}

describe('main', () => {
  it('grants the app scheme its privileges before ready', async () => {
    const { electron } = await startMain(true);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: {
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: true,
          stream: true,
        },
      },
    ]);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
  });

  it('on ready locks down the session, serves app:// and answers every channel', async () => {
    const { electron } = await startMain(true);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.session.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const channels = electron.ipcMain.handle.mock.calls.map((call: unknown[]) => call[0]);
    expect(channels.sort()).toEqual([
      'app:info',
      'files:open',
      'files:save',
      'files:save-folder',
      'folder:close',
      'folder:open',
      'folder:write',
    ]);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('opens one locked-down window on the app URL', async () => {
    const { windows } = await startMain(true);
    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: expect.stringMatching(/preload\.cjs$/) as unknown,
      },
    });
    expect(window?.loadURL).toHaveBeenCalledWith('app://tessera/index.html');
  });

  it('quits when the windows close, except on macOS', async () => {
    const { electron } = await startMain(true);
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('hands over to the running instance instead of starting a second one', async () => {
    const { electron, windows } = await startMain(false);
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });
});
