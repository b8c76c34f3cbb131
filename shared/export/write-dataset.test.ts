import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dateOffset } from '../deid/deidentify';
import type { CurationSettings } from './curate';
import { defaultOutputSettings, type DatasetOutputSettings, type QaFormat } from './dataset-files';
import { defaultDedupeSettings } from './dedupe';
import type { ExportablePair } from './exportable';
import { defaultPairFilter } from './filters';
import { arraySource } from './pair-source';
import { detectLanguages, sizeCategory } from './hf-card';
import { distinctQuestion, makeEvidence, makePair, shuffled } from './test-support';
import {
  writeDataset,
  type DatasetSink,
  type ExportContext,
  type ExportProgress,
} from './write-dataset';

interface MemoryFolder {
  files: Map<string, Uint8Array>;
  largestChunk: number;
  sink: DatasetSink;
}

function memoryFolder(): MemoryFolder {
  const folder: MemoryFolder = {
    files: new Map(),
    largestChunk: 0,
    sink: {
      async writeFile(path, chunks) {
        const parts: Uint8Array[] = [];
        for await (const chunk of chunks) {
          folder.largestChunk = Math.max(folder.largestChunk, chunk.byteLength);
          parts.push(chunk);
        }
        const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
        let offset = 0;
        for (const part of parts) {
          bytes.set(part, offset);
          offset += part.byteLength;
        }
        folder.files.set(path, bytes);
        return Promise.resolve();
      },
    },
  };
  return folder;
}

const pairs: ExportablePair[] = [
  ...Array.from({ length: 48 }, (_, index) =>
    makePair({
      id: `qa-${String(index).padStart(2, '0')}`,
      question: `${distinctQuestion(index)} 患者王芳`,
      answer: `Result ${index}: ${100 + index} g/L on 2023-04-0${(index % 9) + 1}.`,
      groupKeys: [`patient:${index % 16}`],
      tags: index % 3 === 0 ? ['specialty:cardiology'] : [],
      evidence: [makeEvidence(index, { 姓名: '王芳', 结果: `${100 + index} g/L` })],
    }),
  ),
  makePair({
    id: 'qa-copy',
    question: `${distinctQuestion(3)} 患者王芳`,
    answer: 'Result 3: 103 g/L on 2023-04-04.',
    approvedAt: '2024-05-01T00:00:00.000Z',
    // The same patient as qa-03, so its date shifts by the same offset and it stays an exact copy.
    groupKeys: ['patient:3'],
  }),
  makePair({ id: 'qa-draft', state: 'draft' }),
];

const curation: CurationSettings = {
  filter: defaultPairFilter,
  dedupe: defaultDedupeSettings,
  split: { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 11 },
  deidentify: { mode: 'placeholder' },
};

const context: ExportContext = {
  appVersion: '0.1.0',
  dictionaryVersion: 4,
  createdAt: '2025-01-02T03:04:05.000Z',
  project: 'Ward 7',
};

function output(
  format: QaFormat,
  extra: Partial<DatasetOutputSettings> = {},
): DatasetOutputSettings {
  return {
    ...defaultOutputSettings,
    format,
    prompt: { systemPrompt: 'Answer from the record.', includeEvidence: true },
    ...extra,
  };
}

async function exportTo(
  format: QaFormat,
  input: readonly ExportablePair[] = pairs,
  extra: Partial<DatasetOutputSettings> = {},
  at: ExportContext = context,
) {
  const folder = memoryFolder();
  const progress: ExportProgress[] = [];
  const result = await writeDataset(
    arraySource(input),
    { curation, output: output(format, extra) },
    at,
    folder.sink,
    (step) => progress.push(step),
  );
  return { ...result, files: folder.files, progress, largestChunk: folder.largestChunk };
}

const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('writeDataset', () => {
  it('writes the files of each format, and the manifest hashes and sizes match them', async () => {
    const expected: Record<QaFormat, string[]> = {
      'openai-chat': ['train.jsonl', 'validation.jsonl', 'test.jsonl', 'dataset_info.json'],
      alpaca: ['train.jsonl', 'validation.jsonl', 'test.jsonl', 'dataset_info.json'],
      sharegpt: ['train.jsonl', 'validation.jsonl', 'test.jsonl', 'dataset_info.json'],
      csv: ['train.csv', 'validation.csv', 'test.csv', 'dataset_info.json'],
      parquet: ['train.parquet', 'validation.parquet', 'test.parquet', 'dataset_info.json'],
      hf: [
        'data/train-00000-of-00001.jsonl',
        'data/validation-00000-of-00001.jsonl',
        'data/test-00000-of-00001.jsonl',
        'dataset_info.json',
        'README.md',
      ],
    };
    for (const format of Object.keys(expected) as QaFormat[]) {
      const { manifest, files } = await exportTo(format);
      expect(manifest.files.map((file) => file.path)).toEqual([
        ...(expected[format] ?? []),
        'reports/dropped.jsonl',
      ]);
      expect([...files.keys()]).toEqual([
        ...manifest.files.map((file) => file.path),
        'manifest.json',
      ]);
      for (const entry of manifest.files) {
        const bytes = files.get(entry.path) ?? new Uint8Array();
        expect(entry.bytes, entry.path).toBe(bytes.byteLength);
        expect(entry.sha256, entry.path).toBe(bytesToHex(sha256(bytes)));
      }
      expect(JSON.parse(decode(files.get('manifest.json')))).toEqual(manifest);
    }
  });

  it('records what was done: counts per split, filters, seed, dedupe and de-identification', async () => {
    const { manifest, files } = await exportTo('openai-chat');
    expect(manifest).toMatchObject({
      kind: 'tessera-dataset',
      tessera: { version: '0.1.0' },
      dictionaryVersion: 4,
      createdAt: '2025-01-02T03:04:05.000Z',
      project: 'Ward 7',
      format: 'openai-chat',
      seed: 11,
      filters: { states: ['approved'] },
      counts: { input: 50, filtered: 49, duplicates: { exact: 1, near: 0 }, groups: 16 },
      leakage: { nearDuplicates: 0, sharedGroups: 0 },
    });
    expect(manifest.dedupe).toMatchObject({ threshold: 0.8, banding: { bands: 10, rows: 6 } });
    // The name in 48 questions and 48 name fields, and in the copy's question.
    expect(manifest.deidentification?.counts.NAME).toBe(97);
    const { train, validation, test } = manifest.counts.splits;
    expect(train + validation + test).toBe(48);
    for (const [name, count] of Object.entries(manifest.counts.splits)) {
      const lines = decode(files.get(`${name}.jsonl`))
        .split('\n')
        .slice(0, -1);
      expect(lines, name).toHaveLength(count);
      expect(manifest.files.find((file) => file.path === `${name}.jsonl`)?.rows).toBe(count);
    }
    const dropped = decode(files.get('reports/dropped.jsonl'));
    expect(JSON.parse(dropped)).toEqual({
      id: 'qa-copy',
      keptId: 'qa-03',
      reason: 'exact',
      similarity: 1,
    });
    const text = [...files.values()].map(decode).join('');
    expect(text).not.toContain('王芳');
    // Every date moved by its patient's offset (the de-identification seed is the split seed).
    for (let index = 0; index < 48; index++) {
      const original = Date.parse(`2023-04-0${(index % 9) + 1}T00:00:00Z`);
      const days = dateOffset(11, `patient:${index % 16}`, 365);
      const moved = new Date(original + days * 86_400_000).toISOString().slice(0, 10);
      expect(text).toContain(`Result ${index}: ${100 + index} g/L on ${moved}.`);
    }
  });

  it('gives byte-identical data files for the same pairs and seed, in any order', async () => {
    for (const format of ['openai-chat', 'parquet', 'hf', 'csv'] as const) {
      const first = await exportTo(format);
      const second = await exportTo(
        format,
        shuffled(pairs, 99),
        {},
        {
          ...context,
          createdAt: '2030-12-31T00:00:00.000Z',
        },
      );
      for (const [path, bytes] of first.files) {
        if (path === 'manifest.json') continue;
        expect(
          bytesToHex(sha256(second.files.get(path) ?? new Uint8Array())),
          `${format} ${path}`,
        ).toBe(bytesToHex(sha256(bytes)));
      }
      expect({ ...second.manifest, createdAt: '' }).toEqual({ ...first.manifest, createdAt: '' });
    }
  });

  it('changes the assignment with the seed', async () => {
    const first = await exportTo('openai-chat');
    const folder = memoryFolder();
    await writeDataset(
      arraySource(pairs),
      {
        curation: { ...curation, split: { ...curation.split, seed: 12 } },
        output: output('openai-chat'),
      },
      context,
      folder.sink,
    );
    expect(decode(folder.files.get('train.jsonl'))).not.toBe(
      decode(first.files.get('train.jsonl')),
    );
  });

  it('writes a Hugging Face folder whose card describes the splits it holds', async () => {
    const { files, manifest } = await exportTo('hf', pairs, { hfDataFormat: 'parquet' });
    const readme = decode(files.get('README.md'));
    const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readme) ?? [];
    const card = parse(front) as Record<string, unknown> & {
      dataset_info: {
        features: unknown[];
        splits: { name: string; num_bytes: number; num_examples: number }[];
      };
      configs: { config_name: string; data_files: { split: string; path: string }[] }[];
    };
    expect(card).toMatchObject({
      license: 'other',
      // The Chinese left after de-identification ("患者") is under a tenth of the letters.
      language: ['en'],
      task_categories: ['question-answering', 'text-generation'],
      size_categories: ['n<1K'],
      annotations_creators: ['expert-generated'],
    });
    expect(card.dataset_info.features).toEqual([
      { name: 'id', dtype: 'string' },
      {
        name: 'messages',
        list: [
          { name: 'role', dtype: 'string' },
          { name: 'content', dtype: 'string' },
        ],
      },
    ]);
    for (const split of card.dataset_info.splits) {
      const path = `data/${split.name}-00000-of-00001.parquet`;
      const entry = manifest.files.find((file) => file.path === path);
      expect(split.num_bytes).toBe(entry?.bytes);
      expect(split.num_examples).toBe(entry?.rows);
      const bytes = files.get(path) ?? new Uint8Array();
      const rows = await parquetReadObjects({
        file: bytes.buffer.slice(
          bytes.byteOffset,
          bytes.byteOffset + bytes.byteLength,
        ) as ArrayBuffer,
      });
      expect(rows).toHaveLength(split.num_examples);
      expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'messages']);
    }
    expect(card.configs).toEqual([
      {
        config_name: 'default',
        data_files: [
          { split: 'train', path: 'data/train-*' },
          { split: 'validation', path: 'data/validation-*' },
          { split: 'test', path: 'data/test-*' },
        ],
      },
    ]);
    expect(body).toContain('seed 11');
    expect(body).toContain('1 exact and 0 near repeats dropped');
  });

  it('streams in bounded chunks and reports progress to the last file', async () => {
    const many = Array.from({ length: 3000 }, (_, index) =>
      makePair({ id: `m${index}`, question: distinctQuestion(index), answer: 'x'.repeat(200) }),
    );
    const { progress, largestChunk, manifest } = await exportTo('openai-chat', many);
    expect(largestChunk).toBeLessThan(256 * 1024);
    const last = progress.at(-1);
    expect(last?.filesDone).toBe(last?.filesTotal);
    const bytes = progress.map((step) => step.bytesWritten);
    expect(bytes).toEqual([...bytes].sort((left, right) => left - right));
    // Rows move inside the big train file, not only when it is done, and end at the total.
    const rows = progress.map((step) => step.rowsWritten);
    expect(rows).toEqual([...rows].sort((left, right) => left - right));
    expect(last?.rowsWritten).toBe(last?.rowsTotal);
    const { train, validation, test } = manifest.counts.splits;
    expect(last?.rowsTotal).toBe(train + validation + test);
    const inTrain = progress.filter((step) => step.path === 'train.jsonl');
    expect(new Set(inTrain.map((step) => step.rowsWritten)).size).toBeGreaterThan(3);
  });

  it('lists files the caller wrote beside the dataset in the same manifest', async () => {
    const folder = memoryFolder();
    const companion = { path: 'records/records.jsonl', bytes: 12, sha256: 'a'.repeat(64), rows: 3 };
    const { manifest } = await writeDataset(
      arraySource(pairs),
      { curation, output: output('alpaca') },
      context,
      folder.sink,
      undefined,
      [companion],
    );
    expect(manifest.files.at(-1)).toEqual(companion);
    expect(manifest.files.slice(0, -1).map((file) => file.path)).not.toContain(
      'records/records.jsonl',
    );
    expect(folder.files.has('records/records.jsonl')).toBe(false);
  });

  it('writes only the splits asked for when there is no split', async () => {
    const folder = memoryFolder();
    const { manifest } = await writeDataset(
      arraySource(pairs),
      {
        curation: {
          ...curation,
          dedupe: null,
          split: { ratios: { train: 1, validation: 0, test: 0 }, seed: 0 },
        },
        output: output('alpaca'),
      },
      context,
      folder.sink,
    );
    expect(manifest.files.map((file) => file.path)).toEqual(['train.jsonl', 'dataset_info.json']);
    expect(manifest.counts.splits).toEqual({ train: 49, validation: 0, test: 0 });
  });
});

describe('dataset card helpers', () => {
  it('bucket sizes the way the Hub does', () => {
    expect([0, 999, 1000, 9999, 10_000, 100_000, 999_999, 1_000_000].map(sizeCategory)).toEqual([
      'n<1K',
      'n<1K',
      '1K<n<10K',
      '1K<n<10K',
      '10K<n<100K',
      '100K<n<1M',
      '100K<n<1M',
      '1M<n<10M',
    ]);
  });

  it('detect Chinese and English, not English from lab abbreviations', () => {
    expect(
      detectLanguages([
        makePair({ id: 'a', question: '患者的血红蛋白是多少？', answer: 'Hb 98 g/L' }),
      ]),
    ).toEqual(['zh']);
    expect(
      detectLanguages([
        makePair({ id: 'a', question: 'What was the glucose?', answer: '5.6 mmol/L' }),
      ]),
    ).toEqual(['en']);
  });
});
