import { describe, expect, it } from 'vitest';
import type { IpcRequest, TesseraBridge } from '../../shared/ipc';
import { createElectronPlatform } from './electron-platform';
import { PlatformError } from './platform';

const writerId = '5b0a4f4e-8d6c-4b43-9b8e-2f1c3d4e5f60';
const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

function bridge(overrides: Partial<TesseraBridge> = {}) {
  const writes: IpcRequest<'folder:write'>[] = [];
  const closes: IpcRequest<'folder:close'>[] = [];
  const fake: TesseraBridge = {
    appInfo: () => ok({ name: 'Tessera', version: '0.1.0', shell: 'desktop', platform: 'linux' }),
    openFiles: () => ok([]),
    saveFile: () => ok({ isSaved: false }),
    saveFolder: () => ok({ isSaved: false }),
    openFolder: () => ok({ isOpen: true as const, writerId, location: '/exports/run' }),
    writeFolderFile: (request) => {
      writes.push(request);
      return ok(null);
    },
    closeFolder: (request) => {
      closes.push(request);
      return ok({ isSaved: request.isComplete, location: '/exports/run' });
    },
    ...overrides,
  };
  return { fake, writes, closes };
}

describe('streamed folders in the desktop shell', () => {
  it('start each file with an empty isNew write, then send its chunks in order', async () => {
    const { fake, writes, closes } = bridge();
    const writer = await createElectronPlatform(fake).createFolder('dataset');
    expect(writer?.location).toBe('/exports/run');
    const file = await writer!.createFile('train.jsonl');
    await file.write(new Uint8Array([1]));
    await file.write(new Uint8Array([2]));
    await file.close();
    await writer!.createFile('empty.jsonl');
    await writer!.close();
    expect(writes.map(({ path, data, isNew }) => [path, [...data], isNew])).toEqual([
      ['train.jsonl', [], true],
      ['train.jsonl', [1], false],
      ['train.jsonl', [2], false],
      ['empty.jsonl', [], true],
    ]);
    expect(closes).toEqual([{ writerId, isComplete: true }]);
  });

  it('close the folder as incomplete when the export is given up', async () => {
    const { fake, closes } = bridge();
    const writer = await createElectronPlatform(fake).createFolder('dataset');
    await writer!.abort();
    expect(closes).toEqual([{ writerId, isComplete: false }]);
  });

  it('hand back null for a cancelled dialog, and raise what the main process refused', async () => {
    const cancelled = bridge({ openFolder: () => ok({ isOpen: false as const }) });
    expect(await createElectronPlatform(cancelled.fake).createFolder('dataset')).toBeNull();
    const full = bridge({
      writeFolderFile: () =>
        Promise.resolve({
          ok: false as const,
          error: { code: 'io-error' as const, message: 'ENOSPC: no space left on device' },
        }),
    });
    const writer = await createElectronPlatform(full.fake).createFolder('dataset');
    await expect(writer!.createFile('a.jsonl')).rejects.toEqual(
      new PlatformError('io-error', 'ENOSPC: no space left on device'),
    );
  });
});
