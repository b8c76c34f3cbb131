/**
 * The browser shell: serves the built renderer from dist/renderer on 127.0.0.1 for `npm run web`
 * and for Playwright's web project. Plain Node, no dependencies, so it runs wherever the build does.
 *
 *   node scripts/serve-web.mjs [--port N]
 */
import { createReadStream, existsSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const host = '127.0.0.1';
const defaultPort = 4873;
/** How many ports after the default to try when it is taken and no --port was given. */
const portAttempts = 20;

/**
 * A copy of contentSecurityPolicy in shared/security-policy.ts: this script runs without a
 * TypeScript step. electron/serve-web.test.ts fails when the two differ.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A copy of contentTypes in electron/protocol.ts, kept equal by electron/serve-web.test.ts. */
export const contentTypes = {
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

/**
 * The same rule as resolveAppPath in electron/protocol.ts (the test runs both over the same hostile
 * paths): refuse dot segments before URL parsing folds them away, decode each remaining segment on
 * its own, refuse anything the file system would treat specially, and accept only paths strictly
 * inside root.
 *
 * @param {string} requestTarget the raw request path, e.g. `/assets/x.js?v=1`
 * @param {string} rootDir
 * @returns {string | null}
 */
export function resolveStaticPath(requestTarget, rootDir) {
  if (!requestTarget.startsWith('/')) return null;
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '';
  if (rawPath.split(/[/\\]/).some((part) => [null, '.', '..'].includes(decodeSegment(part)))) {
    return null;
  }
  let pathname;
  try {
    // Concatenated, not resolved against a base: `//etc/passwd` would otherwise become a host.
    pathname = new URL(`http://${host}${requestTarget}`).pathname;
  } catch {
    return null;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const segments = [];
  for (const encoded of relative.split('/')) {
    const segment = decodeSegment(encoded);
    if (segment === null || segment === '' || segment === '.' || segment === '..') return null;
    // ':' would be a drive or an NTFS alternate data stream on Windows.
    if (/[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  const fromRoot = path.relative(root, resolved);
  const inside =
    fromRoot !== '' &&
    fromRoot !== '..' &&
    !fromRoot.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(fromRoot);
  return inside ? resolved : null;
}

/** @param {string} encoded @returns {string | null} */
function decodeSegment(encoded) {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** @param {string} filePath */
function contentTypeFor(filePath) {
  return (
    contentTypes[/** @type {keyof typeof contentTypes} */ (path.extname(filePath).toLowerCase())] ??
    'application/octet-stream'
  );
}

/** @param {string} contentType */
function headers(contentType) {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * @param {string} rootDir
 * @returns {import('node:http').RequestListener}
 */
export function createRequestListener(rootDir) {
  return (request, response) => {
    const reply = (/** @type {number} */ status, /** @type {string} */ text) => {
      response.writeHead(status, headers('text/plain; charset=utf-8')).end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply(405, 'Method Not Allowed');
    }
    const filePath = resolveStaticPath(request.url ?? '/', rootDir);
    if (filePath === null) return reply(404, 'Not Found');
    stat(filePath).then(
      (stats) => {
        if (!stats.isFile()) return reply(404, 'Not Found');
        response.writeHead(200, {
          ...headers(contentTypeFor(filePath)),
          'Content-Length': stats.size,
        });
        if (request.method === 'HEAD') return response.end();
        createReadStream(filePath)
          .on('error', () => response.destroy())
          .pipe(response);
      },
      () => reply(404, 'Not Found'),
    );
  };
}

/**
 * Listens on the first free port from `port`, trying up to `attempts` ports.
 *
 * @param {{ rootDir: string, port: number, attempts?: number }} options
 * @returns {Promise<import('node:http').Server>}
 */
export async function startServer({ rootDir, port, attempts = 1 }) {
  for (let offset = 0; ; offset += 1) {
    const server = createServer(createRequestListener(rootDir));
    try {
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port + offset, host, () => resolve(undefined));
      });
      return server;
    } catch (error) {
      const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
      if (!inUse || offset + 1 >= attempts) throw error;
    }
  }
}

/** @param {string[]} args */
function parsePort(args) {
  const index = args.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index === -1) return null;
  const arg = args[index] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(`--port needs a number from 1 to 65535, got "${value ?? ''}".`);
  }
  return port;
}

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`serve-web: ${message}`);
  process.exit(1);
}

async function main() {
  // TESSERA_WEB_ROOT lets a second build (another checkout's e2e run) be served side by side.
  const rootDir = path.resolve(
    process.env['TESSERA_WEB_ROOT'] ??
      path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'renderer'),
  );
  if (!existsSync(path.join(rootDir, 'index.html'))) {
    fail(`${path.join(rootDir, 'index.html')} is missing: run npm run build:web first.`);
  }
  const requested = parsePort(process.argv.slice(2));
  const server = await startServer({
    rootDir,
    port: requested ?? defaultPort,
    attempts: requested === null ? portAttempts : 1,
  }).catch((/** @type {unknown} */ error) => {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse && requested !== null) fail(`port ${requested} is already in use.`);
    if (inUse)
      fail(`ports ${defaultPort}-${defaultPort + portAttempts - 1} are all in use; pass --port N.`);
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : defaultPort;
  console.log(`Tessera (browser shell) at http://${host}:${port}/`);
}

// Imported by the unit test for its functions; only run as a program does it serve.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  await main();
}
