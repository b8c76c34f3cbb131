/**
 * The desktop shell's own guarantees, checked in a real Electron: the page is isolated and
 * sandboxed, sees exactly the bridge, cannot leave the app, cannot open windows, and malformed
 * requests are refused by the main process. The app's features are covered by the web project.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import type { TesseraBridge } from '../../shared/ipc';
import { contentSecurityPolicy } from '../../shared/security-policy';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The electron package exports its binary's path, and throws "Electron failed to install
 * correctly" when the binary was never downloaded.
 */
function electronBinary(): string | null {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const executablePath = electronBinary();

test.skip(
  executablePath === null,
  'Electron binary not installed: ELECTRON_SKIP_BINARY_DOWNLOAD=1 because its download host is unreachable on this machine; this spec runs where Electron can start',
);

/**
 * The page's global scope as the preload leaves it. The renderer's own typing of `window.tessera`
 * is not part of the e2e project, and `process`/`require` are what must be missing.
 */
type PageGlobal = Window & { tessera?: TesseraBridge; process?: unknown; require?: unknown };

let electronApp: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  const main = path.join(repoRoot, 'dist', 'electron', 'main.cjs');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first.`);
  electronApp = await _electron.launch({
    executablePath: executablePath ?? undefined,
    args: ['.'],
    cwd: repoRoot,
  });
  page = await electronApp.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await electronApp.close();
});

test('the page is served from the app origin with the CSP', async () => {
  expect(page.url()).toBe('app://tessera/index.html');
  const csp = await page.evaluate(async () => {
    const response = await fetch('app://tessera/index.html');
    return response.headers.get('content-security-policy');
  });
  expect(csp).toBe(contentSecurityPolicy);
});

test('the page has no Node and sees exactly the bridge', async () => {
  const surface = await page.evaluate(() => {
    const scope = window as PageGlobal;
    return {
      process: typeof scope.process,
      require: typeof scope.require,
      bridge: Object.keys(scope.tessera ?? {}).sort(),
    };
  });
  expect(surface).toEqual({
    process: 'undefined',
    require: 'undefined',
    bridge: [
      'appInfo',
      'closeFolder',
      'openFiles',
      'openFolder',
      'saveFile',
      'saveFolder',
      'writeFolderFile',
    ],
  });
});

test('appInfo answers through the bridge as the desktop shell', async () => {
  const info = await page.evaluate(() => (window as PageGlobal).tessera?.appInfo());
  expect(info).toMatchObject({ ok: true, value: { name: 'Tessera', shell: 'desktop' } });
});

test('a malformed request is refused by the main process, naming the field', async () => {
  const result = await page.evaluate(() =>
    (window as PageGlobal).tessera?.saveFile({
      suggestedName: 'x.txt',
      filters: [],
      // @ts-expect-error: deliberately the wrong type, to prove the main process validates
      data: 'not bytes',
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  expect(result?.ok === false && result.error.message).toMatch(/^data: /);
});

test('window.open is refused', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com/'));
  expect(opened).toBeNull();
  expect(electronApp.windows()).toHaveLength(1);
});

test('the page cannot reach the network', async () => {
  const outcome = await page.evaluate(() =>
    fetch('https://example.com/').then(
      () => 'fetched',
      () => 'refused',
    ),
  );
  expect(outcome).toBe('refused');
});

test('navigating away from the app is refused', async () => {
  for (const target of ['https://example.com/', 'file:///etc/passwd']) {
    await page.evaluate((url) => {
      window.location.href = url;
    }, target);
    // Nothing to wait for when the navigation is cancelled; give a wrongly allowed one time to commit.
    await page.waitForTimeout(1_000);
    expect(page.url(), target).toMatch(/^app:\/\/tessera\//);
  }
});
