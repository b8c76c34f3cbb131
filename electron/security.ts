/**
 * Every lockdown decision of the shell lives here, so one review covers the whole attack surface.
 * Only types come from Electron: the decisions are plain functions and the installer takes the
 * session and app it configures.
 */
import type {
  CallbackResponse,
  Event as ElectronEvent,
  OnBeforeRequestListenerDetails,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';
import { isAppUrl, parseUrl } from './app-origin';

export { isAppUrl } from './app-origin';

export function windowWebPreferences(preloadPath: string) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    // The spellchecker downloads dictionaries from Google's CDN.
    spellcheck: false,
    preload: preloadPath,
  } as const satisfies WebPreferences;
}

/**
 * Schemes the page may load. devtools: keeps the inspector usable; blob: and data: are how the app
 * hands generated files and OCR workers around. Everything else would be a network request.
 */
const localSchemes = new Set(['blob:', 'data:', 'devtools:']);

export function shouldAllowRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  const parsed = parseUrl(url);
  return parsed !== null && localSchemes.has(parsed.protocol);
}

export function shouldAllowNavigation(url: string): boolean {
  return isAppUrl(url);
}

export type BeforeRequestListener = (
  details: OnBeforeRequestListenerDetails,
  callback: (response: CallbackResponse) => void,
) => void;

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  readonly webRequest: { onBeforeRequest(listener: BeforeRequestListener): void };
};

/** A navigation about to happen; the URL is where it would go. */
type NavigationEvent = ElectronEvent<{ url: string }>;

/** The events lockDownContents listens to, so a test can drive them with an EventEmitter. */
export interface WebContentsLike {
  setWindowOpenHandler: WebContents['setWindowOpenHandler'];
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: ElectronEvent) => void): unknown;
}

interface AppLike {
  on(
    event: 'web-contents-created',
    listener: (event: ElectronEvent, contents: WebContentsLike) => void,
  ): unknown;
}

export function installSecurity(session: SessionLike, app: AppLike): void {
  // The workbench needs no camera, notifications, clipboard-read, HID, etc.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !shouldAllowRequest(details.url) }),
  );
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
}

export function lockDownContents(contents: WebContentsLike): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: NavigationEvent) => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  // Covers subframes too, which will-navigate does not.
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
