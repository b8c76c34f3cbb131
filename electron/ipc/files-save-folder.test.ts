import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filesSaveFolderHandler, resolveInside } from './files-save-folder';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tessera-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fs = { mkdir, writeFile, rm };
const text = (value: string) => new TextEncoder().encode(value);

function dialogChoosing(parent: string | null) {
  return {
    open: vi.fn<(options: OpenDialogOptions) => Promise<OpenDialogReturnValue>>(() =>
      Promise.resolve(
        parent === null
          ? { canceled: true, filePaths: [] }
          : { canceled: false, filePaths: [parent] },
      ),
    ),
  };
}

describe('files:save-folder', () => {
  it('creates the folder and writes every file, with subfolders', async () => {
    const dialogs = dialogChoosing(dir);
    const outcome = await filesSaveFolderHandler(
      dialogs,
      fs,
    )({
      folderName: 'dataset-2024',
      files: [
        { path: 'README.txt', data: text('hello') },
        { path: 'train/part-0.jsonl', data: text('{"q":"a"}\n') },
        { path: 'train/deep/x.bin', data: new Uint8Array([0, 255]) },
      ],
    });
    const folder = path.join(dir, 'dataset-2024');
    expect(outcome).toEqual({ isSaved: true, location: folder });
    expect(await readFile(path.join(folder, 'README.txt'), 'utf8')).toBe('hello');
    expect(await readFile(path.join(folder, 'train', 'part-0.jsonl'), 'utf8')).toBe('{"q":"a"}\n');
    expect([...(await readFile(path.join(folder, 'train', 'deep', 'x.bin')))]).toEqual([0, 255]);
    expect(dialogs.open.mock.calls[0]?.[0].properties).toEqual([
      'openDirectory',
      'createDirectory',
    ]);
  });

  it('never merges into an existing folder of the same name', async () => {
    await mkdir(path.join(dir, 'export'));
    await writeFile(path.join(dir, 'export', 'a.txt'), 'earlier');
    const outcome = await filesSaveFolderHandler(
      dialogChoosing(dir),
      fs,
    )({
      folderName: 'export',
      files: [{ path: 'a.txt', data: text('later') }],
    });
    expect(outcome.location).toBe(path.join(dir, 'export (2)'));
    expect(await readFile(path.join(dir, 'export', 'a.txt'), 'utf8')).toBe('earlier');
    expect(await readFile(path.join(dir, 'export (2)', 'a.txt'), 'utf8')).toBe('later');
  });

  it('refuses an escaping path even past the schema, writes nothing outside, and cleans up', async () => {
    const parent = path.join(dir, 'parent');
    await mkdir(parent);
    const handler = filesSaveFolderHandler(dialogChoosing(parent), fs);
    await expect(
      handler({
        folderName: 'export',
        files: [
          { path: 'inside.txt', data: text('ok') },
          { path: '../x', data: text('escaped') },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('../x') as unknown,
    });
    expect(await readdir(parent)).toEqual([]);
    expect(await readdir(dir)).toEqual(['parent']);
  });

  it('removes a half-written folder when a write fails', async () => {
    const handler = filesSaveFolderHandler(dialogChoosing(dir), fs);
    await expect(
      handler({
        folderName: 'export',
        files: [
          { path: 'same.txt', data: text('one') },
          { path: 'same.txt', data: text('two') },
        ],
      }),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a cancelled dialog as not saved', async () => {
    const outcome = await filesSaveFolderHandler(
      dialogChoosing(null),
      fs,
    )({
      folderName: 'export',
      files: [{ path: 'a.txt', data: text('a') }],
    });
    expect(outcome).toEqual({ isSaved: false });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('resolveInside', () => {
  const folder = path.resolve('/exports/run');

  it('resolves nested relative paths inside the folder', () => {
    expect(resolveInside(folder, 'a/b.txt')).toBe(path.join(folder, 'a', 'b.txt'));
    expect(resolveInside(folder, '..notes')).toBe(path.join(folder, '..notes'));
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\..\\x', 'a//b', './a', 'a/\0'])(
    'refuses %j',
    (relativePath) => {
      expect(() => resolveInside(folder, relativePath)).toThrow(
        'would be written outside the folder',
      );
    },
  );
});
