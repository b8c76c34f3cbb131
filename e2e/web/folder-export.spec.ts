import { expect, test } from '@playwright/test';
import {
  fixture,
  goTo,
  importWithPicker,
  openApp,
  startProject,
  switchToNewProfile,
} from './app-page';

/**
 * Where the browser has the File System Access API, an export is written file by file into the
 * folder the user picks. Playwright cannot click a native folder picker, so the picker hands
 * back the origin-private file system: the same handle type the real picker returns.
 */
test('an export is written into a chosen folder with the File System Access API', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const scope = window as unknown as {
      showDirectoryPicker: () => Promise<FileSystemDirectoryHandle>;
    };
    scope.showDirectoryPicker = () => navigator.storage.getDirectory();
  });
  await openApp(page);
  await startProject(page, 'Folder export');
  await importWithPicker(page, fixture('records/mimic-iii-demo/PATIENTS.csv'));
  await expect(page.getByTestId('row-count')).toHaveText('100 rows');

  await switchToNewProfile(page, 'Chen Hao', 'ml-engineer');
  await goTo(page, 'Export');
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Exported 3 files to .*tessera-Folder-export-/ }),
  ).toBeVisible();

  const written = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const found: Record<string, string> = {};
    for await (const [name, handle] of root as unknown as AsyncIterable<
      [string, FileSystemHandle]
    >) {
      if (handle.kind !== 'directory' || !name.startsWith('tessera-')) continue;
      const folder = handle as FileSystemDirectoryHandle;
      const read = async (directory: FileSystemDirectoryHandle, file: string) =>
        (await (await directory.getFileHandle(file)).getFile()).text();
      found['manifest.json'] = await read(folder, 'manifest.json');
      found['records.jsonl'] = await read(
        await folder.getDirectoryHandle('records'),
        'records.jsonl',
      );
      found['openai-chat.jsonl'] = await read(
        await folder.getDirectoryHandle('qa'),
        'openai-chat.jsonl',
      );
    }
    return found;
  });
  expect(written['openai-chat.jsonl']).toBe('');
  const records = (written['records.jsonl'] ?? '').trimEnd().split('\n');
  expect(records).toHaveLength(100);
  expect(JSON.parse(records[0] ?? '{}')).toMatchObject({
    source: 'PATIENTS.csv',
    line: 2,
    fields: { Sex: 'F' },
  });
  const manifest = JSON.parse(written['manifest.json'] ?? '{}') as {
    files: { path: string; lines: number }[];
  };
  expect(manifest.files.map((file) => [file.path, file.lines])).toEqual([
    ['qa/openai-chat.jsonl', 0],
    ['records/records.jsonl', 100],
  ]);
});
