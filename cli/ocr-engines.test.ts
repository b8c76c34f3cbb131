import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEnglish } from './ocr-languages';
import { resolveLanguages } from './ocr-engines';

describe('resolveLanguages', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tessera-packs-'));
  const pack = (name: string, bytes: number[]) => {
    const path = join(folder, name);
    writeFileSync(path, Uint8Array.from(bytes));
    return path;
  };

  it('reads English from the bundled model unless a pack named eng replaces it', () => {
    const [bundled] = resolveLanguages(['eng'], []);
    expect(Buffer.compare(bundled?.data ?? new Uint8Array(), bundledEnglish().data)).toBe(0);
    const [replaced] = resolveLanguages(['eng'], [pack('eng.traineddata', [1, 2, 3])]);
    expect(replaced?.code).toBe('eng');
    expect([...(replaced?.data ?? [])]).toEqual([1, 2, 3]);
  });

  it('takes other languages only from packs, and says where to get a missing one', () => {
    const chinese = pack('chi_sim.traineddata', [4, 5]);
    expect(
      resolveLanguages(['eng', 'chi_sim'], [chinese]).map((language) => language.code),
    ).toEqual(['eng', 'chi_sim']);
    expect(() => resolveLanguages(['deu'], [chinese])).toThrow(
      /No language data for "deu": pass its file with --langpack deu\.traineddata/,
    );
  });
});
