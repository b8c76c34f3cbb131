import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filesSaveHandler } from './files-save';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tessera-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function dialogReturning(result: SaveDialogReturnValue) {
  return {
    save: vi.fn<(options: SaveDialogOptions) => Promise<SaveDialogReturnValue>>(() =>
      Promise.resolve(result),
    ),
  };
}

const request = {
  suggestedName: 'records.csv',
  filters: [{ name: 'CSV', extensions: ['csv'] }],
  data: new TextEncoder().encode('id,name\n1,Ada\n'),
};

describe('files:save', () => {
  it('writes the bytes where the user chose and says where', async () => {
    const target = path.join(dir, 'chosen.csv');
    const dialogs = dialogReturning({ canceled: false, filePath: target });
    const outcome = await filesSaveHandler(
      dialogs,
      { writeFile },
      () => '/home/u/Documents',
    )(request);
    expect(outcome).toEqual({ isSaved: true, location: target });
    expect(await readFile(target, 'utf8')).toBe('id,name\n1,Ada\n');
    expect(dialogs.save.mock.calls[0]?.[0]).toMatchObject({
      defaultPath: path.join('/home/u/Documents', 'records.csv'),
      filters: request.filters,
    });
  });

  it('reports a cancelled dialog as not saved and writes nothing', async () => {
    const write = vi.fn(() => Promise.resolve());
    const dialogs = dialogReturning({ canceled: true, filePath: '' });
    const outcome = await filesSaveHandler(dialogs, { writeFile: write }, () => dir)(request);
    expect(outcome).toEqual({ isSaved: false });
    expect(write).not.toHaveBeenCalled();
  });
});
