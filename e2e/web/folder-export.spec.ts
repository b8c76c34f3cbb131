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
    page.getByRole('status').filter({ hasText: /Exported 7 files to .*tessera-Folder-export-/ }),
  ).toBeVisible();

  // Each file was streamed into the folder; read them back from it.
  const written = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const found: Record<string, string> = {};
    const read = async (directory: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, handle] of directory as unknown as AsyncIterable<
        [string, FileSystemHandle]
      >) {
        if (handle.kind === 'directory')
          await read(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else
          found[`${prefix}${name}`] = await (handle as FileSystemFileHandle)
            .getFile()
            .then((file) => file.text());
      }
    };
    for await (const [name, handle] of root as unknown as AsyncIterable<[string, FileSystemHandle]>)
      if (handle.kind === 'directory' && name.startsWith('tessera-'))
        await read(handle as FileSystemDirectoryHandle, '');
    return found;
  });
  expect(Object.keys(written).sort()).toEqual([
    'dataset_info.json',
    'manifest.json',
    'mappings/mappings.sssom.tsv',
    'records/records.jsonl',
    'test.jsonl',
    'train.jsonl',
    'validation.jsonl',
  ]);
  expect(written['train.jsonl']).toBe('');
  const records = (written['records/records.jsonl'] ?? '').trimEnd().split('\n');
  expect(records).toHaveLength(100);
  expect(JSON.parse(records[0] ?? '{}')).toMatchObject({
    source: 'PATIENTS.csv',
    line: 2,
    fields: { Sex: 'F' },
  });
  const manifest = JSON.parse(written['manifest.json'] ?? '{}') as {
    files: { path: string; rows?: number }[];
  };
  expect(manifest.files.map((file) => [file.path, file.rows])).toEqual([
    ['train.jsonl', 0],
    ['validation.jsonl', 0],
    ['test.jsonl', 0],
    ['dataset_info.json', undefined],
    ['records/records.jsonl', 100],
    ['mappings/mappings.sssom.tsv', expect.any(Number)],
  ]);
});
