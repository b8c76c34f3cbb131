import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../shared/security-policy';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from './protocol';
import { hostileAppUrls } from './traversal-cases';

const root = path.resolve('/srv/tessera/renderer');

describe('resolveAppPath', () => {
  it('serves index.html for the root', () => {
    expect(resolveAppPath('app://tessera/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://tessera', root)).toBe(path.join(root, 'index.html'));
  });

  it('resolves files inside the root, ignoring query and fragment', () => {
    expect(resolveAppPath('app://tessera/assets/x.js', root)).toBe(
      path.join(root, 'assets', 'x.js'),
    );
    expect(resolveAppPath('app://tessera/index.html?v=2#top', root)).toBe(
      path.join(root, 'index.html'),
    );
  });

  it('decodes percent-encoded names', () => {
    expect(resolveAppPath('app://tessera/assets/caf%C3%A9%20menu.svg', root)).toBe(
      path.join(root, 'assets', 'café menu.svg'),
    );
  });

  it('keeps file names that merely start with dots', () => {
    expect(resolveAppPath('app://tessera/..notes.txt', root)).toBe(path.join(root, '..notes.txt'));
  });

  it.each(hostileAppUrls)('refuses %j', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['worker.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['tesseract-core.wasm', 'application/wasm'],
    ['locale.json', 'application/json; charset=utf-8'],
    ['logo.PNG', 'image/png'],
    ['icon.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['eng.traineddata', 'application/octet-stream'],
    ['eng.traineddata.gz', 'application/octet-stream'],
    ['unknown.xyz', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('createAppProtocolHandler', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tessera-protocol-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Tessera</title>');
    await writeFile(path.join(dir, 'assets', 'core.wasm'), new Uint8Array([0, 97, 115, 109]));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const handler = () => createAppProtocolHandler(dir, { readFile });

  it('serves index.html with its type and the CSP', async () => {
    const response = await handler()(new Request('app://tessera/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Tessera</title>');
  });

  it('serves WebAssembly as application/wasm', async () => {
    const response = await handler()(new Request('app://tessera/assets/core.wasm'));
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('answers 404, still with the CSP, for missing files, folders and traversal', async () => {
    for (const url of [
      'app://tessera/missing.js',
      'app://tessera/assets',
      'app://tessera/%2e%2e/%2e%2e/etc/passwd',
      'app://other/index.html',
    ]) {
      const response = await handler()(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(contentSecurityPolicy);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler()(new Request('app://tessera/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler()(new Request('app://tessera/index.html', { method: 'POST' }));
    expect(post.status).toBe(405);
  });

  it('turns an unreadable file into a 500 instead of a rejected promise', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = createAppProtocolHandler(dir, {
      readFile: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    });
    const response = await failing(new Request('app://tessera/index.html'));
    expect(response.status).toBe(500);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});
