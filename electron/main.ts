/**
 * The desktop shell's entry point. It owns process lifecycle and wiring only; what is allowed lives
 * in security.ts, how files are served in protocol.ts and what the page may ask for in ipc/.
 */
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, protocol, session } from 'electron';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { appInfoHandler } from './ipc/app-info';
import { windowDialogs } from './ipc/dialogs';
import { filesOpenHandler } from './ipc/files-open';
import { filesSaveHandler } from './ipc/files-save';
import { filesSaveFolderHandler } from './ipc/files-save-folder';
import { folderWriterHandlers } from './ipc/folder-writer';
import { handleAll } from './ipc/register';
import { menuTemplate } from './menu';
import { createAppProtocolHandler } from './protocol';
import { installSecurity, windowWebPreferences } from './security';

// Bundled to dist/electron/main.cjs beside preload.cjs; Vite writes the page to dist/renderer.
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

// Privileges can only be granted before `ready`. Standard + secure gives the page a real origin
// that fetch, workers and IndexedDB accept; stream lets large assets (OCR data) arrive in chunks.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      stream: true,
    },
  },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Tessera',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: windowWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function registerIpc(): void {
  const dialogs = windowDialogs(dialog, () => mainWindow);
  handleAll({
    'app:info': appInfoHandler({ getVersion: () => app.getVersion(), platform: process.platform }),
    'files:open': filesOpenHandler(dialogs, { stat, readFile }),
    'files:save': filesSaveHandler(dialogs, { writeFile }, () => app.getPath('documents')),
    'files:save-folder': filesSaveFolderHandler(dialogs, { mkdir, writeFile, rm }),
    ...folderWriterHandlers(dialogs, { mkdir, open, rm }),
  });
}

function start(): void {
  installSecurity(session.defaultSession, app);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, { readFile }));
  registerIpc();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, app.isPackaged)));
  mainWindow = createWindow();
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Tessera could not start', String(error));
      app.exit(1);
    });
}
