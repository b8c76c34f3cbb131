import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSink } from '../../../shared/export/write-dataset';
import type { TesseraDatabase } from '../../db/database';
import { systemActor } from '../../db/audit';
import { inspectBundle } from '../../db/repositories/bundle-contents';
import { buildProjectBundle } from '../../db/repositories/bundle-export';
import { importProjectBundle } from '../../db/repositories/bundle-import';
import {
  buildWardProject,
  wardFixtureFiles,
  type WardFiles,
  type WardProject,
} from '../../db/repositories/bundle-ward-project';
import { memoryDatabase } from '../../db/test-database';
import { previewDataset, runDatasetJob, type DatasetJob, type JobProgress } from './dataset-job';
import { curationOf, defaultExportForm, outputOf, type ExportForm } from './export-form';

const planted = JSON.parse(readFileSync('test/fixtures/deid/planted.json', 'utf8')) as {
  userNames: string[];
  identifiers: { type: string; value: string }[];
};
const files = Object.fromEntries(
  Object.entries(wardFixtureFiles).map(([name, path]) => [
    name,
    new Uint8Array(readFileSync(join('test/fixtures', path))),
  ]),
) as WardFiles;

let db: TesseraDatabase;
let ward: WardProject;

beforeAll(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  ward = await buildWardProject(db, files);
});

function memorySink(): { files: Map<string, Uint8Array>; sink: DatasetSink } {
  const written = new Map<string, Uint8Array>();
  return {
    files: written,
    sink: {
      async writeFile(path, chunks) {
        const parts: Uint8Array[] = [];
        for await (const chunk of chunks) parts.push(chunk);
        const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
        let offset = 0;
        for (const part of parts) {
          bytes.set(part, offset);
          offset += part.byteLength;
        }
        written.set(path, bytes);
        return Promise.resolve();
      },
    },
  };
}

function jobFor(form: Partial<ExportForm>, projectId = ward.project.id): DatasetJob {
  const chosen = { ...defaultExportForm, ...form };
  return {
    projectId,
    settings: { curation: curationOf(chosen), output: outputOf(chosen, ward.project) },
    appVersion: '0.1.0',
    createdAt: '2026-11-23T10:00:00.000Z',
    createdBy: 'Chen Hao',
    records:
      chosen.records === 'none' ? null : { format: chosen.records, includeRaw: chosen.includeRaw },
    mappings: chosen.mappings,
    written: [],
  };
}

async function run(database: TesseraDatabase, job: DatasetJob) {
  const { files: written, sink } = memorySink();
  const progress: JobProgress[] = [];
  const result = await runDatasetJob(database, job, sink, (step) => progress.push(step));
  return { ...result, files: written, progress };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const deidentified: Partial<ExportForm> = {
  deidentify: true,
  names: planted.userNames.join('\n'),
  includeEvidence: true,
  seed: 7,
};

describe('a dataset export from the database', () => {
  it('writes the dataset, records and mapping table, every file in the manifest with its hash', async () => {
    const { manifest, report, files: written } = await run(db, jobFor({ seed: 7 }));
    expect(manifest.files.map((file) => file.path)).toEqual([
      'train.jsonl',
      'validation.jsonl',
      'test.jsonl',
      'dataset_info.json',
      'reports/dropped.jsonl',
      'records/records.jsonl',
      'mappings/mappings.sssom.tsv',
    ]);
    expect([...written.keys()].sort()).toEqual(
      [...manifest.files.map((file) => file.path), 'manifest.json'].sort(),
    );
    for (const file of manifest.files) {
      expect(file.sha256, file.path).toBe(bytesToHex(sha256(written.get(file.path)!)));
      expect(file.bytes, file.path).toBe(written.get(file.path)?.byteLength);
    }
    expect(JSON.parse(text(written.get('manifest.json')))).toEqual(manifest);

    // Approved pairs only; the repeated and reworded questions dropped, and why.
    expect(report.filtered).toBe(ward.approved);
    const reasons = report.dedupe?.dropped.map((drop) => drop.reason).sort();
    expect(reasons).toEqual(['exact', 'exact', 'near']);
    const { train, validation, test } = manifest.counts.splits;
    expect(train + validation + test).toBe(ward.approved - 3);
    expect(manifest.leakage.sharedGroups).toBe(0);
    for (const [split, count] of Object.entries(manifest.counts.splits))
      expect(
        text(written.get(`${split}.jsonl`))
          .split('\n')
          .filter(Boolean),
      ).toHaveLength(count);
    const chat = JSON.parse(text(written.get('train.jsonl')).split('\n')[0] ?? '') as {
      messages: { role: string; content: string }[];
    };
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant']);

    const records = text(written.get('records/records.jsonl')).trim().split('\n');
    expect(records).toHaveLength(229);
    expect(JSON.parse(records[0] ?? '')).toMatchObject({
      source: 'ADMISSIONS.csv',
      line: 2,
      fields: { 'Admission date/time': '10/23/64 21:09', Diagnosis: 'SEPSIS' },
      codes: { 'Admission date/time': 'local:REC-ADMIT-TIME', Diagnosis: 'LOINC:29308-4' },
    });
    expect(text(written.get('mappings/mappings.sssom.tsv'))).toMatch(
      /tessera\.field:ADMITTIME\tADMITTIME\t.*skos:exactMatch/,
    );
  });

  it('gives byte-identical files for the same inputs and seed, here or after a bundle round trip', async () => {
    const form: Partial<ExportForm> = { ...deidentified, format: 'parquet', records: 'csv' };
    const job = jobFor(form);
    const first = await run(db, job);
    const second = await run(db, job);
    const { db: copy } = memoryDatabase();
    await copy.open();
    const bundle = await buildProjectBundle(db, ward.project.id, {
      appVersion: '0.1.0',
      createdAt: job.createdAt,
    });
    await importProjectBundle(copy, systemActor, inspectBundle(bundle.bytes));
    const elsewhere = await run(copy, job);
    for (const other of [second, elsewhere]) {
      expect([...other.files.keys()]).toEqual([...first.files.keys()]);
      for (const [path, bytes] of first.files)
        expect(bytesToHex(sha256(other.files.get(path)!)), path).toBe(bytesToHex(sha256(bytes)));
    }
    const changed = await run(db, {
      ...job,
      settings: jobFor({ ...form, seed: 8 }).settings,
    });
    expect(bytesToHex(sha256(changed.files.get('train.parquet')!))).not.toBe(
      bytesToHex(sha256(first.files.get('train.parquet')!)),
    );
    const train = first.files.get('train.parquet')!;
    const rows = await parquetReadObjects({ file: train.slice().buffer });
    expect(rows).toHaveLength(first.manifest.counts.splits.train);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'system',
      'question',
      'context',
      'answer',
      'tags',
    ]);
  });

  it('leaves no planted identifier in any file when de-identifying, records included', async () => {
    const {
      files: written,
      report,
      recordIdentifiers,
    } = await run(
      db,
      jobFor({ ...deidentified, format: 'hf', hfDataFormat: 'jsonl', includeRaw: true }),
    );
    const everything = [...written.values()].map(text).join('\n');
    for (const { value } of planted.identifiers)
      expect(everything.includes(value), value).toBe(false);
    expect(report.deidentification?.counts.NAME).toBeGreaterThan(0);
    expect(report.deidentification?.counts.ID).toBeGreaterThan(0);
    // MIMIC's SUBJECT_ID and HADM_ID are record numbers: replaced in every record.
    expect(recordIdentifiers?.MRN).toBeGreaterThanOrEqual(229 + 129);
    expect(everything).not.toMatch(/"SUBJECT_ID":"10006"/);
  });

  it('previews what de-identification will do, with the same counts as the export', async () => {
    const job = jobFor(deidentified);
    const preview = await previewDataset(db, ward.project.id, job.settings.curation);
    const { report } = await run(db, job);
    expect(preview.report).toEqual(report);
    expect(preview.samples.length).toBe(5);
    const [sample] = preview.samples;
    const spans = [...(sample?.question.spans ?? []), ...(sample?.answer.spans ?? [])];
    expect(spans.length).toBeGreaterThan(0);
    for (const span of sample?.question.spans ?? []) {
      expect(sample?.question.before.slice(span.start, span.end)).toBe(span.original);
      expect(sample?.question.after.slice(span.afterStart, span.afterEnd)).toBe(span.replacement);
    }
  });

  it('reports progress by rows up to the total', async () => {
    const { progress, manifest } = await run(db, jobFor({ records: 'none', mappings: false }));
    const last = progress.at(-1);
    const { train, validation, test } = manifest.counts.splits;
    expect(last).toMatchObject({ path: 'manifest.json', rowsWritten: train + validation + test });
    expect(last?.rowsTotal).toBe(train + validation + test);
  });
});
