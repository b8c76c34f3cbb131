import { request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contentSecurityPolicy } from '../shared/security-policy';
import { contentTypes, resolveAppPath } from './protocol';
import { hostileAppUrls, servedAppUrls } from './traversal-cases';

// scripts/serve-web.mjs is plain JavaScript without type declarations, so its exports are checked
// here at run time rather than trusted.
const serveWebExports = z.object({
  contentSecurityPolicy: z.string(),
  contentTypes: z.record(z.string(), z.string()),
  resolveStaticPath: z.custom<(requestTarget: string, rootDir: string) => string | null>(
    (value) => typeof value === 'function',
  ),
  startServer: z.custom<
    (options: { rootDir: string; port: number; attempts?: number }) => Promise<Server>
  >((value) => typeof value === 'function'),
});
const serveWeb = serveWebExports.parse(
  await import(new URL('../scripts/serve-web.mjs', import.meta.url).href),
);

const root = path.resolve('/srv/tessera/renderer');

/** The request target the browser would send for the same path as an app:// URL. */
function requestTarget(appUrl: string): string | null {
  const prefix = 'app://tessera';
  if (!appUrl.startsWith(prefix)) return null;
  const rest = appUrl.slice(prefix.length);
  return rest === '' ? '/' : rest;
}

describe('the browser shell keeps in step with the desktop shell', () => {
  it('sends the same Content-Security-Policy as shared/security-policy.ts', () => {
    expect(serveWeb.contentSecurityPolicy).toBe(contentSecurityPolicy);
  });

  it('labels files with the same content types as electron/protocol.ts', () => {
    expect(serveWeb.contentTypes).toEqual(contentTypes);
  });

  it.each(hostileAppUrls.flatMap((url) => requestTarget(url) ?? []))('refuses %j', (target) => {
    expect(serveWeb.resolveStaticPath(target, root)).toBeNull();
  });

  it.each(servedAppUrls)('serves %j from the same file as the desktop shell', (url) => {
    const target = requestTarget(url) ?? '';
    const resolved = serveWeb.resolveStaticPath(target, root);
    expect(resolved).not.toBeNull();
    expect(resolved).toBe(resolveAppPath(url, root));
  });

  it('refuses absolute-form request targets', () => {
    expect(serveWeb.resolveStaticPath('http://evil.example/index.html', root)).toBeNull();
  });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, not fetch: fetch would normalise the hostile paths before sending them. */
function rawGet(port: number, target: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: target, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not on TCP');
  return address.port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('startServer', () => {
  let dir = '';
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-serve-web-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Tessera</title>');
    await writeFile(path.join(dir, 'core.wasm'), new Uint8Array([0, 97, 115, 109]));
    server = await serveWeb.startServer({ rootDir: dir, port: 0 });
    port = portOf(server);
  });

  afterAll(async () => {
    await close(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for / with the CSP and no caching', async () => {
    const response = await rawGet(port, '/');
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>Tessera</title>');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('serves WebAssembly as application/wasm', async () => {
    const response = await rawGet(port, '/core.wasm');
    expect(response.headers['content-type']).toBe('application/wasm');
  });

  it.each(['/missing.js', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2fsecret'])(
    'answers 404 for %j',
    async (target) => {
      const response = await rawGet(port, target);
      expect(response.status).toBe(404);
      expect(response.headers['content-security-policy']).toBe(contentSecurityPolicy);
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    expect((await rawGet(port, '/', 'POST')).status).toBe(405);
    expect((await rawGet(port, '/', 'HEAD')).status).toBe(200);
  });

  it('moves to the next port when allowed to, and fails when not', async () => {
    const next = await serveWeb.startServer({ rootDir: dir, port, attempts: 5 });
    try {
      expect(portOf(next)).toBeGreaterThan(port);
    } finally {
      await close(next);
    }
    await expect(serveWeb.startServer({ rootDir: dir, port, attempts: 1 })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });
});
