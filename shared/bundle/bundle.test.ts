import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BundleError, bundleFormatVersion, type BundleManifest } from './format';
import { rawRow, readBundle, readBundlePartly } from './read';
import { BundleWriter, concatBytes, writeBundle } from './write';

const context = { appVersion: '0.1.0', createdAt: '2025-01-02T03:04:05.000Z' };

const tables = {
  projects: [{ id: 'p1', name: '心内科 Ward 7', createdAt: '2024-01-01T00:00:00.000Z' }],
  qaPairs: [
    { id: 'q1', projectId: 'p1', question: '血红蛋白？', answer: '98 g/L', state: 'approved' },
    { id: 'q2', projectId: 'p1', question: 'Line\nbreak "quoted"', answer: '', state: 'draft' },
  ],
  auditEvents: [{ seq: 1, action: 'create', hash: 'ab', previousHash: '' }],
  scans: [],
};

function refusal(
  bytes: Uint8Array,
  read: (bytes: Uint8Array) => unknown = readBundle,
): BundleError {
  try {
    read(bytes);
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('The bundle was accepted.');
}

/**
 * The bundle read after one byte is flipped, or null when the reader refuses it — which it must
 * do with a BundleError, never anything else.
 */
function readFlipped<T>(
  bytes: Uint8Array,
  at: number,
  flip: number,
  read: (bytes: Uint8Array) => T,
): T | null {
  const damaged = bytes.slice();
  damaged[at] = (damaged[at] ?? 0) ^ flip;
  try {
    return read(damaged);
  } catch (error) {
    expect(error).toBeInstanceOf(BundleError);
    return null;
  }
}

/** A bundle built by hand, so a test can damage one thing and keep the rest consistent. */
function craft(parts: Record<string, string>, manifest?: Partial<BundleManifest>, extra = {}) {
  const entries: Record<string, Uint8Array> = { ...extra };
  const listed = Object.entries(parts).map(([table, text]) => {
    const data = strToU8(text);
    entries[`tables/${table}.jsonl`] = data;
    return {
      table,
      path: `tables/${table}.jsonl`,
      rows: text.split('\n').filter((line) => line !== '').length,
      bytes: data.byteLength,
      sha256: bytesToHex(sha256(data)),
    };
  });
  entries['manifest.json'] = strToU8(
    JSON.stringify({
      kind: 'tessera-bundle',
      formatVersion: 1,
      tessera: { version: '0.1.0' },
      createdAt: '2025-01-01T00:00:00.000Z',
      parts: listed,
      ...manifest,
    }),
  );
  return zipSync(entries);
}

describe('project bundles', () => {
  it('round-trip every table, and list each part with its rows and hash', () => {
    const bytes = writeBundle(tables, context);
    const { manifest, tables: read } = readBundle(bytes);
    expect(read).toEqual(tables);
    expect(manifest).toMatchObject({
      kind: 'tessera-bundle',
      formatVersion: 1,
      tessera: { version: '0.1.0' },
    });
    expect(manifest.parts.map(({ table, path, rows }) => ({ table, path, rows }))).toEqual([
      { table: 'auditEvents', path: 'tables/auditEvents.jsonl', rows: 1 },
      { table: 'projects', path: 'tables/projects.jsonl', rows: 1 },
      { table: 'qaPairs', path: 'tables/qaPairs.jsonl', rows: 2 },
      { table: 'scans', path: 'tables/scans.jsonl', rows: 0 },
    ]);
    const qaPart = unzipSync(bytes)['tables/qaPairs.jsonl'] ?? new Uint8Array();
    expect(manifest.parts[2]?.sha256).toBe(bytesToHex(sha256(qaPart)));
    expect(new TextDecoder().decode(qaPart).split('\n')).toHaveLength(3);
  });

  it('round-trip any JSON rows in any tables, byte for byte the same each time', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/);
    fc.assert(
      fc.property(
        fc.dictionary(name, fc.array(fc.jsonValue(), { maxLength: 5 }), { maxKeys: 4 }),
        (input) => {
          const bytes = writeBundle(input, context);
          expect(readBundle(bytes).tables).toEqual(JSON.parse(JSON.stringify(input)));
          expect(writeBundle(input, context)).toEqual(bytes);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuse a file that is not a zip', () => {
    expect(refusal(strToU8('{"kind":"tessera-bundle"}')).message).toMatch(
      /not a readable zip archive/,
    );
  });

  it('refuse a zip without a manifest, or with a manifest of another kind or a newer format', () => {
    expect(refusal(zipSync({ 'a.txt': strToU8('x') })).message).toBe(
      'This is not a Tessera bundle: it has no manifest.json.',
    );
    expect(
      refusal(craft({}, { kind: 'other' } as unknown as Partial<BundleManifest>)).message,
    ).toBe('This is not a Tessera bundle: manifest.json is of another kind.');
    expect(refusal(craft({}, { formatVersion: bundleFormatVersion + 1 })).message).toMatch(
      new RegExp(`newer Tessera \\(bundle format ${bundleFormatVersion + 1}\\)`),
    );
    const broken = craft({}, { parts: [{ table: 'x' }] } as unknown as Partial<BundleManifest>);
    expect(refusal(broken).message).toMatch(
      /^manifest.json is not a valid bundle manifest at parts\.0\.path/,
    );
  });

  it('refuse a missing part, an unlisted file, and a part whose hash does not match', () => {
    const good = unzipSync(writeBundle(tables, context));
    const { ['tables/qaPairs.jsonl']: _missing, ...withoutPart } = good;
    expect(refusal(zipSync(withoutPart))).toMatchObject({
      message: 'The bundle is missing tables/qaPairs.jsonl.',
      part: 'tables/qaPairs.jsonl',
    });
    expect(refusal(zipSync({ ...good, 'tables/extra.jsonl': strToU8('{}\n') })).message).toBe(
      'The bundle holds files its manifest does not list: tables/extra.jsonl.',
    );
    const edited = strToU8(
      new TextDecoder().decode(good['tables/qaPairs.jsonl']).replace('98 g/L', '99 g/L'),
    );
    expect(refusal(zipSync({ ...good, 'tables/qaPairs.jsonl': edited }))).toMatchObject({
      message: 'tables/qaPairs.jsonl is damaged: its SHA-256 or size does not match the manifest.',
      part: 'tables/qaPairs.jsonl',
    });
  });

  it('name the part and line of a row that is not JSON, and refuse a wrong row count', () => {
    const error = refusal(craft({ reviews: '{"id":"r1"}\n{"id": "r2",\n{"id":"r3"}\n' }));
    expect(error).toMatchObject({ part: 'tables/reviews.jsonl', line: 2 });
    expect(error.message).toMatch(/^tables\/reviews\.jsonl, line 2: not valid JSON/);
    const text = '{"id":"r1"}\n';
    const data = strToU8(text);
    const miscounted = craft(
      {},
      {
        parts: [
          {
            table: 'reviews',
            path: 'tables/reviews.jsonl',
            rows: 2,
            bytes: data.byteLength,
            sha256: bytesToHex(sha256(data)),
          },
        ],
      },
      { 'tables/reviews.jsonl': data },
    );
    expect(refusal(miscounted).message).toBe(
      'tables/reviews.jsonl has 1 rows; the manifest says 2.',
    );
  });

  it('never return altered data: any damaged byte is refused or changes nothing read', () => {
    const bytes = writeBundle(tables, context);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.byteLength - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, flip) => {
          const read = readFlipped(bytes, at, flip, readBundle);
          if (read) expect(read.tables).toEqual(tables);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuse table names that cannot be file names', () => {
    expect(() => writeBundle({ '../evil': [] }, context)).toThrow(BundleError);
  });
});

describe('reading a bundle partly', () => {
  const partly = (bytes: Uint8Array) =>
    readBundlePartly(bytes, { parse: ['projects'], keepRaw: ['qaPairs'] });

  it('parses the tables asked for, keeps others raw row by row, and lets the rest go', () => {
    const read = partly(writeBundle(tables, context));
    expect(read.tables).toEqual({ projects: tables.projects });
    const raw = read.raw['qaPairs'];
    if (!raw) throw new Error('qaPairs kept raw');
    expect(raw.rowStarts.length - 1).toBe(2);
    expect([rawRow(raw, 0), rawRow(raw, 1)]).toEqual(tables.qaPairs);
    expect(Object.keys(read.raw)).toEqual(['qaPairs']);
  });

  it('refuses every damage the whole reader refuses, with the same message', () => {
    const good = unzipSync(writeBundle(tables, context));
    const { ['tables/qaPairs.jsonl']: _missing, ...withoutPart } = good;
    const edited = strToU8(
      new TextDecoder().decode(good['tables/qaPairs.jsonl']).replace('98 g/L', '99 g/L'),
    );
    const damaged = [
      new Uint8Array([1, 2, 3]),
      zipSync(withoutPart),
      zipSync({ ...good, 'tables/extra.jsonl': strToU8('{}\n') }),
      zipSync({ ...good, 'tables/qaPairs.jsonl': edited }),
      craft({ projects: '{"id":"p"}\n{"id": "x",\n' }),
    ];
    for (const bytes of damaged)
      expect(refusal(bytes, partly).message).toBe(refusal(bytes).message);
  });

  it('never returns altered data: any damaged byte is refused or changes nothing read', () => {
    const bytes = writeBundle(tables, context);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.byteLength - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, flip) => {
          const read = readFlipped(bytes, at, flip, partly);
          if (!read) return;
          const raw = read.raw['qaPairs'];
          if (!raw) throw new Error('an accepted bundle keeps qaPairs raw');
          expect(read.tables).toEqual({ projects: tables.projects });
          expect([rawRow(raw, 0), rawRow(raw, 1)]).toEqual(tables.qaPairs);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the line of a raw row that is not JSON when it is read', () => {
    const raw = partly(craft({ qaPairs: '{"id":"q1"}\n{"id": "q2",\n{"id":"q3"}' })).raw['qaPairs'];
    if (!raw) throw new Error('qaPairs kept raw');
    expect(rawRow(raw, 2)).toEqual({ id: 'q3' });
    expect(() => rawRow(raw, 1)).toThrow(/^tables\/qaPairs\.jsonl, line 2: not valid JSON/);
  });
});

describe('binary parts', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
  const files = [
    { path: 'files/pages/scan-1-p2.png', data: png.slice(0, 10) },
    { path: 'files/pages/scan-1-p1.png', data: png },
  ];

  it('round-trip beside the tables, listed with their hashes, as format 2', () => {
    const bytes = writeBundle(tables, context, files);
    const read = readBundle(bytes);
    expect(read.tables).toEqual(tables);
    expect(read.files).toEqual({
      'files/pages/scan-1-p1.png': png,
      'files/pages/scan-1-p2.png': png.slice(0, 10),
    });
    expect(read.manifest.formatVersion).toBe(2);
    expect(read.manifest.files).toEqual([
      { path: 'files/pages/scan-1-p1.png', bytes: 12, sha256: bytesToHex(sha256(png)) },
      {
        path: 'files/pages/scan-1-p2.png',
        bytes: 10,
        sha256: bytesToHex(sha256(png.slice(0, 10))),
      },
    ]);
    expect(writeBundle(tables, context, [...files].reverse())).toEqual(bytes);
  });

  it('leave a bundle without files at format 1, so older versions still read it', () => {
    const { manifest, files: read } = readBundle(writeBundle(tables, context));
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.files).toBeUndefined();
    expect(read).toEqual({});
  });

  it('stream part by part, with awaits between, to the same bytes as the one-call writer', () => {
    const writer = new BundleWriter(context);
    const chunks: Uint8Array[] = [];
    for (const name of Object.keys(tables).sort())
      chunks.push(...writer.table(name, tables[name as keyof typeof tables]));
    for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
      chunks.push(...writer.file(file));
    chunks.push(...writer.finish());
    expect(concatBytes(chunks)).toEqual(writeBundle(tables, context, files));
    expect(() => [...writer.finish()]).toThrow('already finished');
  });

  it('refuse a damaged, missing or unlisted file by its path', () => {
    const good = unzipSync(writeBundle(tables, context, files));
    const damaged = (good['files/pages/scan-1-p1.png'] ?? new Uint8Array()).slice();
    damaged[3] = 0;
    expect(
      refusal(zipSync({ ...good, 'files/pages/scan-1-p1.png': damaged }, { level: 0 })),
    ).toMatchObject({
      message:
        'files/pages/scan-1-p1.png is damaged: its SHA-256 or size does not match the manifest.',
      part: 'files/pages/scan-1-p1.png',
    });
    const { ['files/pages/scan-1-p2.png']: _gone, ...missing } = good;
    expect(refusal(zipSync(missing)).message).toBe(
      'The bundle is missing files/pages/scan-1-p2.png.',
    );
    expect(refusal(zipSync({ ...good, 'files/extra.png': png })).message).toBe(
      'The bundle holds files its manifest does not list: files/extra.png.',
    );
  });

  it('refuse file paths outside files/ or with unsafe names, writing or reading', () => {
    for (const path of [
      'pages/a.png',
      'files/../a.png',
      'files/.hidden',
      'files/a b.png',
      'files/',
    ])
      expect(() => writeBundle({}, context, [{ path, data: png }])).toThrow(BundleError);
    expect(() =>
      writeBundle({}, context, [
        { path: 'files/a.png', data: png },
        { path: 'files/a.png', data: png },
      ]),
    ).toThrow('already holds files/a.png');
    const good = unzipSync(writeBundle({}, context, [{ path: 'files/a.png', data: png }]));
    const manifest = JSON.parse(new TextDecoder().decode(good['manifest.json'])) as BundleManifest;
    const escaping = { ...manifest, files: [{ ...manifest.files?.[0], path: '../a.png' }] };
    expect(
      refusal(zipSync({ ...good, 'manifest.json': strToU8(JSON.stringify(escaping)) })).message,
    ).toMatch(/^manifest.json is not a valid bundle manifest at files\.0\.path/);
  });

  it('never return altered bytes of a file: any damaged byte is refused or changes nothing', () => {
    const bytes = writeBundle(tables, context, files);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.byteLength - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, flip) => {
          const read = readFlipped(bytes, at, flip, readBundle);
          if (read) {
            expect(read.tables).toEqual(tables);
            expect(read.files['files/pages/scan-1-p1.png']).toEqual(png);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
