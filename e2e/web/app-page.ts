import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const fixture = (path: string) => `test/fixtures/${path}`;

/** Collects every request that leaves the app's own origin; the app must make none. */
export function watchForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    const isOwn =
      url.origin === new URL(page.url() || 'http://127.0.0.1').origin ||
      url.hostname === '127.0.0.1';
    if (!isOwn && !['blob:', 'data:'].includes(url.protocol)) foreign.push(request.url());
  });
  return foreign;
}

/** The browser shell with no File System Access API: folders are downloaded as a zip. */
export async function withoutFileSystemAccess(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const scope = window as unknown as Record<string, unknown>;
    delete scope['showDirectoryPicker'];
    delete scope['showSaveFilePicker'];
  });
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
}

export async function createProfile(page: Page, name: string, role: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toContainText(name);
}

export async function switchToNewProfile(page: Page, name: string, role: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Profile' }).selectOption({ label: '+ New profile…' });
  await createProfile(page, name, role);
}

export async function goTo(page: Page, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: section })
    .click();
}

export async function pickFiles(page: Page, paths: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(paths);
}

/** The queued file's card, where its settings, preview, progress and outcome are shown. */
export function queued(page: Page, fileName: string) {
  return page.getByRole('listitem', { name: fileName, exact: true });
}

/** Starts the import of a queued file and waits until it is in. */
export async function importQueued(page: Page, fileName: string): Promise<void> {
  const card = queued(page, fileName);
  await card.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(card.getByRole('status').filter({ hasText: /^Imported / })).toBeVisible();
}

export async function importWithPicker(page: Page, path: string): Promise<void> {
  await pickFiles(page, [path]);
  await importQueued(page, basename(path));
}

export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

/** Drops files on the drop zone the way a file manager does: a drop event carrying Files. */
export async function dropFiles(page: Page, paths: string[]): Promise<void> {
  await dropContents(
    page,
    paths.map((path) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) })),
  );
}

export async function dropContents(page: Page, files: DroppedFile[]): Promise<void> {
  const items = files.map(({ name, bytes }) => ({ name, bytes: [...bytes] }));
  const dataTransfer = await page.evaluateHandle((dropped) => {
    const transfer = new DataTransfer();
    for (const item of dropped) {
      transfer.items.add(new File([new Uint8Array(item.bytes)], item.name));
    }
    return transfer;
  }, items);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

export async function startProject(page: Page, name: string): Promise<void> {
  await createProfile(page, 'Li Na', 'annotator');
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
}
