import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PlatformError } from './platform';
import { zipFolderWriter } from './browser-folder';

const text = (value: string) => new TextEncoder().encode(value);

async function delivered(write: (writer: ReturnType<typeof zipFolderWriter>) => Promise<void>) {
  const downloads: { name: string; zip: Blob }[] = [];
  const writer = zipFolderWriter('dataset', (name, zip) => downloads.push({ name, zip }));
  await write(writer);
  return { writer, downloads };
}

describe('the zip fallback of a streamed folder', () => {
  it('zips every file chunk by chunk under the folder name, delivered once on close', async () => {
    // Bigger than one Blob part, so the zip is assembled from several.
    const big = new Uint8Array(9 * 1024 * 1024);
    for (let index = 0; index < big.byteLength; index++) big[index] = (index * 7919) % 251;
    const { downloads } = await delivered(async (writer) => {
      const train = await writer.createFile('train.jsonl');
      await train.write(text('{"a":1}\n'));
      await train.write(text('{"a":2}\n'));
      await train.close();
      const empty = await writer.createFile('data/empty.jsonl');
      await empty.close();
      const blob = await writer.createFile('crops/big.bin');
      for (let offset = 0; offset < big.byteLength; offset += 64 * 1024)
        await blob.write(big.subarray(offset, offset + 64 * 1024));
      await blob.close();
      expect(writer.location).toBe('dataset.zip (downloads)');
      await writer.close();
    });
    expect(downloads.map(({ name }) => name)).toEqual(['dataset.zip']);
    const entries = unzipSync(new Uint8Array(await downloads[0]!.zip.arrayBuffer()));
    expect(Object.keys(entries).sort()).toEqual([
      'dataset/crops/big.bin',
      'dataset/data/empty.jsonl',
      'dataset/train.jsonl',
    ]);
    expect(strFromU8(entries['dataset/train.jsonl']!)).toBe('{"a":1}\n{"a":2}\n');
    expect(entries['dataset/data/empty.jsonl']).toEqual(new Uint8Array(0));
    // Hashes, because comparing 9 MiB element by element takes the matcher minutes.
    expect(bytesToHex(sha256(entries['dataset/crops/big.bin']!))).toBe(bytesToHex(sha256(big)));
  });

  it('delivers nothing when the export is given up', async () => {
    const { downloads } = await delivered(async (writer) => {
      const file = await writer.createFile('a.txt');
      await file.write(text('a'));
      await writer.abort();
    });
    expect(downloads).toEqual([]);
  });

  it('refuses a path that would leave the folder', async () => {
    await delivered(async (writer) => {
      await expect(writer.createFile('../a.txt')).rejects.toBeInstanceOf(PlatformError);
    });
  });
});
