/**
 * Serves the built renderer over app://tessera/. The path resolution is pure and is the only thing
 * standing between a page-controlled URL and the file system, so it refuses anything ambiguous
 * instead of trying to repair it.
 */
import path from 'node:path';
import { contentSecurityPolicy } from '../shared/security-policy';
import { APP_HOST, APP_SCHEME, parseUrl } from './app-origin';
import { isStrictlyInside } from './paths';

/**
 * Keep in step with scripts/serve-web.mjs; electron/serve-web.test.ts compares the two.
 * .traineddata and .gz are OCR language data that the engine decompresses itself, so they must not
 * be labelled with a Content-Encoding-triggering type.
 */
export const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.traineddata': 'application/octet-stream',
  '.gz': 'application/octet-stream',
};

const fallbackContentType = 'application/octet-stream';

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? fallbackContentType;
}

export function resolveAppPath(requestUrl: string, rootDir: string): string | null {
  const url = parseUrl(requestUrl);
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '') return null;
  // URL parsing silently folds `..` away; a request that tried it is refused, not repaired.
  if (hasDotSegment(requestUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/\\?#]*/i, ''))) return null;
  return resolveUrlPath(url.pathname === '' ? '/' : url.pathname, rootDir);
}

/** Whether a raw (unnormalised) URL path has a `.` or `..` segment, however spelled, or bad escapes. */
export function hasDotSegment(rawPath: string): boolean {
  const pathOnly = rawPath.split(/[?#]/, 1)[0] ?? '';
  return pathOnly.split(/[/\\]/).some((encoded) => {
    const segment = decodeSegment(encoded);
    return segment === null || segment === '.' || segment === '..';
  });
}

/**
 * Maps a normalised URL pathname (still percent-encoded) to a file under rootDir. Segments are
 * decoded one by one so an encoded slash or backslash can never create a new segment, and any
 * segment that would mean something special to the file system is refused outright.
 */
export function resolveUrlPath(pathname: string, rootDir: string): string | null {
  if (!pathname.startsWith('/')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const segments: string[] = [];
  for (const encoded of relative.split('/')) {
    const segment = decodeSegment(encoded);
    if (segment === null || !isPlainSegment(segment)) return null;
    segments.push(segment);
  }
  const resolved = path.resolve(rootDir, ...segments);
  return isStrictlyInside(rootDir, resolved) ? resolved : null;
}

function decodeSegment(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function isPlainSegment(segment: string): boolean {
  // ':' would be a drive or an NTFS alternate data stream on Windows.
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\0:]/.test(segment);
}

export interface ProtocolFileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
}

export function createAppProtocolHandler(
  rootDir: string,
  fileSystem: ProtocolFileSystem,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method Not Allowed');
    }
    const filePath = resolveAppPath(request.url, rootDir);
    if (filePath === null) return textResponse(404, 'Not Found');
    let body: Uint8Array;
    try {
      body = await fileSystem.readFile(filePath);
    } catch (error) {
      if (isMissingFileError(error)) return textResponse(404, 'Not Found');
      // A rejected handler surfaces in the page as an opaque network error; a 500 plus a log line
      // in the main process is what someone debugging a broken install can act on.
      console.error(`app:// could not read ${filePath}:`, error);
      return textResponse(500, 'Internal Server Error');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: responseHeaders(contentTypeFor(filePath)),
    });
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
  };
}

function isMissingFileError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'ENOTDIR';
}
