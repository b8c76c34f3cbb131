import type { OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { filesOpenHandler, maxOpenFileBytes, ownBytes } from './files-open';
import type { OpenFileSystem } from './files-open';

function dialogChoosing(filePaths: string[], canceled = false) {
  return {
    open: vi.fn<(options: OpenDialogOptions) => Promise<OpenDialogReturnValue>>(() =>
      Promise.resolve({ canceled, filePaths }),
    ),
  };
}

/** A file system of made-up sizes: nothing this large is ever created on disk. */
function fakeFs(sizes: Record<string, number>) {
  return {
    stat: vi.fn<OpenFileSystem['stat']>((filePath) => {
      const size = sizes[filePath];
      if (size === undefined) return Promise.reject(new Error(`no such file ${filePath}`));
      return Promise.resolve({ size, isFile: () => true });
    }),
    readFile: vi.fn<OpenFileSystem['readFile']>((filePath) =>
      Promise.resolve(new TextEncoder().encode(`contents of ${filePath}`)),
    ),
  };
}

const request = {
  title: 'Import',
  filters: [{ name: 'CSV', extensions: ['csv'] }],
  multiple: true,
};

describe('files:open', () => {
  it('returns each chosen file by name with its bytes', async () => {
    const dialogs = dialogChoosing(['/home/u/a.csv', '/home/u/b.csv']);
    const fs = fakeFs({ '/home/u/a.csv': 20, '/home/u/b.csv': 20 });
    const opened = await filesOpenHandler(dialogs, fs)(request);
    expect(opened.map((file) => file.name)).toEqual(['a.csv', 'b.csv']);
    expect(new TextDecoder().decode(opened[0]?.data)).toBe('contents of /home/u/a.csv');
    expect(dialogs.open).toHaveBeenCalledWith({
      title: 'Import',
      filters: request.filters,
      properties: ['openFile', 'multiSelections'],
    });
  });

  it('allows a single file unless multiple is asked for', async () => {
    const dialogs = dialogChoosing([]);
    await filesOpenHandler(dialogs, fakeFs({}))({ ...request, multiple: false });
    expect(dialogs.open.mock.calls[0]?.[0].properties).toEqual(['openFile']);
  });

  it('returns nothing when the user cancels', async () => {
    const fs = fakeFs({});
    expect(await filesOpenHandler(dialogChoosing([], true), fs)(request)).toEqual([]);
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file over 2 GiB by name, before reading anything', async () => {
    const dialogs = dialogChoosing(['/data/small.csv', '/data/huge scan.tiff']);
    const fs = fakeFs({ '/data/small.csv': 10, '/data/huge scan.tiff': 3 * 2 ** 30 });
    await expect(filesOpenHandler(dialogs, fs)(request)).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringContaining('"huge scan.tiff" is 3.0 GiB') as unknown,
    });
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file of exactly 2 GiB', async () => {
    const fs = fakeFs({ '/data/edge.bin': 2 ** 31 });
    await expect(filesOpenHandler(dialogChoosing(['/data/edge.bin']), fs)(request)).rejects.toThrow(
      '"edge.bin" is 2.0 GiB; files of 2 GiB or more cannot be opened.',
    );
  });

  it('accepts a file one byte under 2 GiB', async () => {
    const fs = fakeFs({ '/data/edge.bin': maxOpenFileBytes });
    const opened = await filesOpenHandler(dialogChoosing(['/data/edge.bin']), fs)(request);
    expect(opened).toHaveLength(1);
  });

  it('refuses something that is not a regular file', async () => {
    const fs = {
      stat: () => Promise.resolve({ size: 0, isFile: () => false }),
      readFile: vi.fn<OpenFileSystem['readFile']>(),
    };
    await expect(filesOpenHandler(dialogChoosing(['/dev/zero']), fs)(request)).rejects.toThrow(
      '"zero" is not a regular file.',
    );
  });
});

describe('ownBytes', () => {
  it('copies a view onto a larger buffer so only its own bytes cross IPC', () => {
    const pool = new Uint8Array([1, 2, 3, 4, 5, 6]);
    const view = pool.subarray(2, 4);
    const owned = ownBytes(view);
    expect(owned).toEqual(new Uint8Array([3, 4]));
    expect(owned.buffer.byteLength).toBe(2);
  });

  it('does not copy bytes that already own their buffer', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(ownBytes(bytes).buffer).toBe(bytes.buffer);
  });

  it('copies a pooled Buffer into a plain Uint8Array', () => {
    // Node hands out small Buffers as slices of one shared 8 KiB pool.
    const pooled = Buffer.from('pooled');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const owned = ownBytes(pooled);
    expect(Buffer.isBuffer(owned)).toBe(false);
    expect(owned.buffer.byteLength).toBe(6);
    expect(new TextDecoder().decode(owned)).toBe('pooled');
  });
});
