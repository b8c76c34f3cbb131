/**
 * The renderer's only origin. A custom standard scheme rather than file:// so the page gets a real
 * origin (fetch, workers, IndexedDB) and a CSP can be set on every response.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tessera';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  // `host` rather than `hostname` so app://tessera:1234/ and credentials-bearing forms do not pass.
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
