import { mkdir, mkdtemp, open, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { folderWriterHandlers } from './folder-writer';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tessera-stream-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fs = { mkdir, open, rm };
const text = (value: string) => new TextEncoder().encode(value);
const writerId = '5b0a4f4e-8d6c-4b43-9b8e-2f1c3d4e5f60';

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

async function opened(handlers: ReturnType<typeof folderWriterHandlers>, folderName = 'export') {
  const opening = await handlers['folder:open']({ folderName });
  if (!opening.isOpen) throw new Error('not opened');
  return opening;
}

describe('folder:open, folder:write, folder:close', () => {
  it('writes files chunk by chunk into a fresh folder, with subfolders', async () => {
    const handlers = folderWriterHandlers(dialogChoosing(dir), fs, () => writerId);
    const opening = await opened(handlers);
    expect(opening).toEqual({ isOpen: true, writerId, location: path.join(dir, 'export') });
    const write = handlers['folder:write'];
    await write({ writerId, path: 'train.jsonl', data: text('{"a":1}\n'), isNew: true });
    await write({ writerId, path: 'train.jsonl', data: text('{"a":2}\n'), isNew: false });
    await write({ writerId, path: 'data/empty.jsonl', data: new Uint8Array(0), isNew: true });
    await write({ writerId, path: 'crops/w.png', data: new Uint8Array([0, 255]), isNew: true });
    expect(await handlers['folder:close']({ writerId, isComplete: true })).toEqual({
      isSaved: true,
      location: path.join(dir, 'export'),
    });
    const folder = path.join(dir, 'export');
    expect(await readFile(path.join(folder, 'train.jsonl'), 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(await readFile(path.join(folder, 'data', 'empty.jsonl'), 'utf8')).toBe('');
    expect([...(await readFile(path.join(folder, 'crops', 'w.png')))]).toEqual([0, 255]);
    // The writer is forgotten once closed.
    await expect(
      write({ writerId, path: 'late.txt', data: text('x'), isNew: true }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('never merges into an existing folder, and reports a cancelled dialog', async () => {
    await mkdir(path.join(dir, 'export'));
    const handlers = folderWriterHandlers(dialogChoosing(dir), fs, () => writerId);
    expect((await opened(handlers)).location).toBe(path.join(dir, 'export (2)'));
    const cancelled = folderWriterHandlers(dialogChoosing(null), fs);
    expect(await cancelled['folder:open']({ folderName: 'export' })).toEqual({ isOpen: false });
  });

  it('removes the folder when the export is given up', async () => {
    const handlers = folderWriterHandlers(dialogChoosing(dir), fs, () => writerId);
    await opened(handlers);
    await handlers['folder:write']({ writerId, path: 'a.txt', data: text('a'), isNew: true });
    expect(await handlers['folder:close']({ writerId, isComplete: false })).toEqual({
      isSaved: false,
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a chunk for a file that is not being written, and removes the folder', async () => {
    const handlers = folderWriterHandlers(dialogChoosing(dir), fs, () => writerId);
    await opened(handlers);
    await handlers['folder:write']({ writerId, path: 'a.txt', data: text('a'), isNew: true });
    await expect(
      handlers['folder:write']({ writerId, path: 'b.txt', data: text('b'), isNew: false }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('b.txt') as unknown,
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to write one file twice or outside the folder, and cleans up', async () => {
    const handlers = folderWriterHandlers(dialogChoosing(dir), fs, () => writerId);
    await opened(handlers);
    await handlers['folder:write']({ writerId, path: 'a.txt', data: text('a'), isNew: true });
    await expect(
      handlers['folder:write']({ writerId, path: 'a.txt', data: text('b'), isNew: true }),
    ).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readdir(dir)).toEqual([]);

    const second = folderWriterHandlers(dialogChoosing(dir), fs, () => writerId);
    await opened(second);
    await expect(
      second['folder:write']({ writerId, path: '../x', data: text('x'), isNew: true }),
    ).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('answers only the writer ids it handed out, and caps how many folders are open', async () => {
    let count = 0;
    const handlers = folderWriterHandlers(dialogChoosing(dir), fs, () => `id-${count++}`);
    await expect(handlers['folder:close']({ writerId, isComplete: true })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    for (let index = 0; index < 8; index++) await opened(handlers, `export-${index}`);
    await expect(handlers['folder:open']({ folderName: 'one-more' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});
