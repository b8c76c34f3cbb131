import { EventEmitter } from 'node:events';
import type { OnBeforeRequestListenerDetails, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  installSecurity,
  type BeforeRequestListener,
  isAppUrl,
  lockDownContents,
  shouldAllowNavigation,
  shouldAllowRequest,
  windowWebPreferences,
} from './security';

/** Arguments the handlers under test ignore; only their decisions matter here. */
const ignored = undefined as never;

const details: OnBeforeRequestListenerDetails = {
  id: 1,
  url: '',
  method: 'GET',
  resourceType: 'xhr',
  referrer: '',
  timestamp: 0,
  uploadData: [],
};

const outside = [
  'https://example.com/',
  'http://127.0.0.1:4873/',
  'file:///etc/passwd',
  'ws://localhost:1234/',
  'ftp://example.com/x',
  'chrome://settings',
  'javascript:alert(1)',
  'app://other/index.html',
  'app://tessera.example.com/index.html',
  'app://tessera:8080/index.html',
  'app://user:pw@tessera/index.html',
  'not a url',
  '',
];

describe('windowWebPreferences', () => {
  it('isolates, sandboxes and strips Node from the page', () => {
    expect(windowWebPreferences('/app/dist/electron/preload.cjs')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });
});

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl('app://tessera/')).toBe(true);
    expect(isAppUrl('app://tessera/index.html?x=1#y')).toBe(true);
    for (const url of outside) expect(isAppUrl(url), url).toBe(false);
  });
});

describe('shouldAllowNavigation', () => {
  it('allows the app itself and nothing else', () => {
    expect(shouldAllowNavigation('app://tessera/')).toBe(true);
    expect(shouldAllowNavigation('app://tessera/index.html')).toBe(true);
    for (const url of [...outside, 'data:text/html,hi', 'blob:app://tessera/1']) {
      expect(shouldAllowNavigation(url), url).toBe(false);
    }
  });
});

describe('shouldAllowRequest', () => {
  it('allows app, blob, data and devtools URLs', () => {
    for (const url of [
      'app://tessera/assets/index.js',
      'blob:app://tessera/6b1d0c4e-0000-4000-8000-000000000000',
      'data:image/png;base64,AAAA',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(shouldAllowRequest(url), url).toBe(true);
    }
  });

  it('cancels every network and file request', () => {
    for (const url of outside) expect(shouldAllowRequest(url), url).toBe(false);
  });
});

function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn<Session['setPermissionRequestHandler']>(),
    setPermissionCheckHandler: vi.fn<Session['setPermissionCheckHandler']>(),
    webRequest: { onBeforeRequest: vi.fn<(listener: BeforeRequestListener) => void>() },
  };
}

class FakeContents extends EventEmitter {
  setWindowOpenHandler = vi.fn<WebContents['setWindowOpenHandler']>();
}

function emitPreventable(contents: EventEmitter, event: string, url?: string): boolean {
  const details = { url, preventDefault: vi.fn() };
  contents.emit(event, details);
  return details.preventDefault.mock.calls.length > 0;
}

describe('installSecurity', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    installSecurity(session, new EventEmitter());
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0];
    const decide = vi.fn();
    request?.(ignored, 'media', decide, ignored);
    request?.(ignored, 'notifications', decide, ignored);
    expect(decide.mock.calls).toEqual([[false], [false]]);
    expect(check?.(null, 'clipboard-read', 'app://tessera', ignored)).toBe(false);
  });

  it('cancels requests that would leave the machine', () => {
    const session = fakeSession();
    installSecurity(session, new EventEmitter());
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]?.[0];
    const decide = vi.fn();
    listener?.({ ...details, url: 'https://example.com/track' }, decide);
    listener?.({ ...details, url: 'app://tessera/index.html' }, decide);
    expect(decide.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });

  it('locks down every web contents the app creates', () => {
    const app = new EventEmitter();
    installSecurity(fakeSession(), app);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(emitPreventable(contents, 'will-navigate', 'https://example.com/')).toBe(true);
  });
});

describe('lockDownContents', () => {
  it('denies window.open', () => {
    const contents = new FakeContents();
    lockDownContents(contents);
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0];
    expect(handler?.(ignored)).toEqual({ action: 'deny' });
  });

  it('stops navigation and redirects away from the app, in any frame', () => {
    const contents = new FakeContents();
    lockDownContents(contents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(emitPreventable(contents, event, 'https://example.com/'), event).toBe(true);
      expect(emitPreventable(contents, event, 'file:///etc/passwd'), event).toBe(true);
      expect(emitPreventable(contents, event, 'app://tessera/index.html'), event).toBe(false);
    }
  });

  it('refuses to attach a webview', () => {
    const contents = new FakeContents();
    lockDownContents(contents);
    expect(emitPreventable(contents, 'will-attach-webview')).toBe(true);
  });
});
