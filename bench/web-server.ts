import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The browser shell on a free port, as `npm run web` serves it; `webRoot` serves another build
 * (the review bench builds its own). Killed when the bench exits.
 */
export async function startServer(webRoot?: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/serve-web.mjs', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    ...(webRoot === undefined ? {} : { env: { ...process.env, TESSERA_WEB_ROOT: webRoot } }),
  });
  process.once('exit', () => child.kill());
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(url)).ok) return { url, child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`serve-web did not answer on ${url}`);
}

/** Requests the page makes outside the app's own server (blob: and data: URLs are its own). */
export function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1' && !['blob:', 'data:'].includes(url.protocol))
      foreign.push(request.url());
  });
  return foreign;
}
