import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBundle } from '../shared/bundle/write';
import type { DatasetManifest } from '../shared/export/write-dataset';
import { main } from './main';

async function run(...argv: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(argv, (text) => (output += text));
  return { code, output };
}

const fixtures = 'test/fixtures/deid';
const lines = (name: string): unknown[] =>
  readFileSync(join(fixtures, name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
const planted = JSON.parse(readFileSync(join(fixtures, 'planted.json'), 'utf8')) as {
  identifiers: { value: string }[];
  clinical: string[];
};

const tables = {
  projects: [
    { id: 'project-deid', name: 'Ward 7', createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'u' },
  ],
  qaPairs: lines('pairs.jsonl'),
  reviews: lines('reviews.jsonl'),
  meta: [{ key: 'dictionaryVersion', value: 3 }],
  auditEvents: [],
};

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'tessera-export-'));
}

function bundleFile(
  content: Uint8Array = writeBundle(tables, {
    appVersion: '0.1.0',
    createdAt: '2025-01-01T00:00:00.000Z',
  }),
): string {
  const path = join(scratch(), 'ward7.tessera');
  writeFileSync(path, content);
  return path;
}

/** Every file under a folder, by path relative to it. */
function filesIn(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(full.slice(folder.length + 1), readFileSync(full));
  }
  return files;
}

afterEach(() => {
  delete process.env['SOURCE_DATE_EPOCH'];
});

describe('tessera export', () => {
  it('exports a de-identified, deduplicated, split dataset with a manifest that matches the files', async () => {
    const out = join(scratch(), 'dataset');
    const { code, output } = await run(
      'export',
      bundleFile(),
      '--format',
      'openai-chat',
      '--out',
      out,
      '--split',
      '0.6,0.2,0.2',
      '--seed',
      '3',
      '--dedupe',
      '--deidentify',
      '--name',
      '李秀英',
      '--evidence',
      '--system-prompt',
      'Answer from the record.',
    );
    expect(output).toMatch(
      /^✓ 13 pairs \(train \d+, validation \d+, test \d+\) as openai-chat in /,
    );
    expect(code).toBe(0);
    const files = filesIn(out);
    const manifest = JSON.parse(files.get('manifest.json')?.toString() ?? '') as DatasetManifest;
    expect([...files.keys()].sort()).toEqual(
      [
        'dataset_info.json',
        'manifest.json',
        'test.jsonl',
        'train.jsonl',
        'validation.jsonl',
      ].sort(),
    );
    for (const entry of manifest.files) {
      const bytes = files.get(entry.path);
      expect(bytes?.byteLength, entry.path).toBe(entry.bytes);
      expect(bytesToHex(sha256(bytes ?? new Uint8Array())), entry.path).toBe(entry.sha256);
    }
    expect(manifest).toMatchObject({
      tessera: { version: '0.1.0' },
      dictionaryVersion: 3,
      project: 'Ward 7',
      seed: 3,
      counts: { input: 13, filtered: 13, groups: 7 },
      leakage: { sharedGroups: 0 },
    });
    const text = [...files.values()].map((bytes) => bytes.toString()).join('\n');
    for (const { value } of planted.identifiers) expect(text, value).not.toContain(value);
    for (const value of planted.clinical) expect(text, value).toContain(value);
    const first = JSON.parse(files.get('train.jsonl')?.toString().split('\n')[0] ?? '') as {
      messages: { role: string; content: string }[];
    };
    expect(first.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('gives byte-identical files on a second run, the manifest too with SOURCE_DATE_EPOCH', async () => {
    process.env['SOURCE_DATE_EPOCH'] = '1735689600';
    const bundle = bundleFile();
    const outputs = [join(scratch(), 'a'), join(scratch(), 'b')];
    for (const out of outputs) {
      const { code } = await run(
        'export',
        bundle,
        '--format',
        'hf',
        '--hf-data',
        'parquet',
        '--out',
        out,
        '--split',
        '0.8,0.1,0.1',
        '--seed',
        '9',
        '--deidentify',
        '--pseudonyms',
      );
      expect(code).toBe(0);
    }
    const [first, second] = outputs.map(filesIn);
    expect([...(first?.keys() ?? [])].sort()).toEqual([...(second?.keys() ?? [])].sort());
    for (const [path, bytes] of first ?? [])
      expect(second?.get(path)?.equals(bytes), path).toBe(true);
    const manifest = JSON.parse(first?.get('manifest.json')?.toString() ?? '') as DatasetManifest;
    expect(manifest.createdAt).toBe('2025-01-01T00:00:00.000Z');
    const train = first?.get('data/train-00000-of-00001.parquet') ?? Buffer.alloc(0);
    const rows = await parquetReadObjects({
      file: train.buffer.slice(
        train.byteOffset,
        train.byteOffset + train.byteLength,
      ) as ArrayBuffer,
    });
    expect(rows).toHaveLength(manifest.counts.splits.train);
    expect(first?.get('README.md')?.toString()).toMatch(
      /^---\n[\s\S]*dataset_info:[\s\S]*num_examples: \d+/,
    );
  });

  it('refuses a damaged bundle, naming the part, and writes nothing', async () => {
    const entries = unzipSync(writeBundle(tables, { appVersion: '0.1.0', createdAt: '' }));
    entries['tables/reviews.jsonl'] = strToU8('{"broken": \n');
    const out = join(scratch(), 'never');
    const { code, output } = await run(
      'export',
      bundleFile(zipSync(entries)),
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(code).toBe(1);
    expect(output).toBe(
      '✗ ward7.tessera: tables/reviews.jsonl is damaged: its SHA-256 or size does not match the manifest.\n',
    );
    expect(() => readdirSync(out)).toThrow();
    const missing = await run(
      'export',
      join(scratch(), 'nope.tessera'),
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(missing).toEqual({ code: 1, output: '✗ nope.tessera: no such file\n' });
    const notZip = await run(
      'export',
      bundleFile(strToU8('hello')),
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(notZip.code).toBe(1);
    expect(notZip.output).toMatch(/not a readable zip archive/);
  });

  it('exits 2 with the reason and the usage for bad arguments', async () => {
    const bundle = bundleFile();
    const cases: [string[], string][] = [
      [
        ['--out', scratch()],
        '--format must be one of openai-chat, alpaca, sharegpt, csv, parquet, hf.',
      ],
      [['--format', 'xml', '--out', scratch()], '--format must be one of'],
      [['--format', 'csv'], '--out names the folder to write to.'],
      [['--format', 'csv', '--out', join(scratch(), 'x'), '--split', '0.9,0.2,0.1'], 'add up to 1'],
      [
        ['--format', 'csv', '--out', join(scratch(), 'x'), '--seed', '4.5'],
        '--seed must be a whole number',
      ],
      [
        ['--format', 'csv', '--out', join(scratch(), 'x'), '--threshold', '0.9'],
        '--threshold only applies with --dedupe.',
      ],
      [
        ['--format', 'csv', '--out', join(scratch(), 'x'), '--pseudonyms'],
        'only apply with --deidentify',
      ],
      [['--format', 'csv', '--out', join(scratch(), 'x'), '--wat'], "Unknown option '--wat'"],
    ];
    for (const [args, message] of cases) {
      const { code, output } = await run('export', bundle, ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(output, args.join(' ')).toContain(message);
      expect(output).toContain('tessera export <bundle>');
    }
    const full = scratch();
    writeFileSync(join(full, 'old.jsonl'), '');
    const notEmpty = await run('export', bundle, '--format', 'csv', '--out', full);
    expect(notEmpty.code).toBe(2);
    expect(notEmpty.output).toContain('is not empty; export into a new or empty folder.');
  });

  it('asks which project when the bundle holds several', async () => {
    const two = bundleFile(
      writeBundle(
        { ...tables, projects: [...tables.projects, { id: 'other', name: 'Other' }] },
        { appVersion: '0.1.0', createdAt: '' },
      ),
    );
    const ambiguous = await run('export', two, '--format', 'alpaca', '--out', join(scratch(), 'x'));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.output).toContain(
      'choose one with --project: project-deid (Ward 7), other (Other)',
    );
    const chosen = await run(
      'export',
      two,
      '--format',
      'alpaca',
      '--out',
      join(scratch(), 'y'),
      '--project',
      'project-deid',
      '--json',
    );
    expect(chosen.code).toBe(0);
    expect((JSON.parse(chosen.output) as DatasetManifest).counts.splits.train).toBe(13);
  });
});
