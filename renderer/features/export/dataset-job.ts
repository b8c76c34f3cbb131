/**
 * One dataset export as the export worker runs it, and its dry run for the preview: read the
 * project through the repositories, write the normalized records and the mapping table beside
 * the dataset, then the dataset itself with shared/export's writer, whose manifest lists every
 * file. Written against a sink, so tests run it in Node against memory.
 */
import type { DeidentificationPreview } from '../../../shared/deid/deidentify';
import type { IdentifierCounts } from '../../../shared/deid/types';
import { curate, type CurationReport, type CurationSettings } from '../../../shared/export/curate';
import { matchesFilter } from '../../../shared/export/filters';
import type { DatasetFileEntry } from '../../../shared/export/manifest';
import {
  recordCsvLines,
  recordJsonlLines,
  recordParquetChunks,
  type ExportableRecord,
} from '../../../shared/export/records';
import { deidentifyRecords } from '../../../shared/export/records-deid';
import type { PairSource } from '../../../shared/export/pair-source';
import { StreamDigest, utf8ChunksAsync, type Chunk } from '../../../shared/export/stream';
import {
  writeDataset,
  type DatasetManifest,
  type DatasetSink,
  type ExportProgress,
  type ExportSettings,
} from '../../../shared/export/write-dataset';
import {
  exportablePairSource,
  loadExportableRecords,
  mappingTableSssom,
  readDictionaryVersion,
  type TesseraDatabase,
} from '../../db';

export type RecordFileFormat = 'jsonl' | 'csv' | 'parquet';

export interface DatasetJob {
  projectId: string;
  settings: ExportSettings;
  appVersion: string;
  /** ISO 8601, for the manifest; the data files carry no time. */
  createdAt: string;
  createdBy: string;
  records: { format: RecordFileFormat; includeRaw: boolean } | null;
  mappings: boolean;
  /** Files the window wrote into the folder before the job (OCR crops), for the manifest. */
  written: DatasetFileEntry[];
}

/** Where an export has got to: the curation's passes, then each file. */
export type JobProgress = ExportProgress;

export interface DatasetJobResult {
  manifest: DatasetManifest;
  report: CurationReport;
  /** Identifiers removed from the records, when they were de-identified. */
  recordIdentifiers: IdentifierCounts | null;
  questions: DroppedQuestions;
}

/** The questions of the first dropped pairs and of the pairs kept in their place, by id. */
export type DroppedQuestions = Record<string, string>;

/** How many drops the screen lists by question; reports/dropped.jsonl has them all. */
export const listedDrops = 10;

async function droppedQuestions(
  report: CurationReport,
  source: PairSource,
): Promise<DroppedQuestions> {
  const wanted = new Set(
    (report.dedupe?.dropped ?? []).slice(0, listedDrops).flatMap((drop) => [drop.id, drop.keptId]),
  );
  const questions: DroppedQuestions = {};
  for (const pair of await source.read([...wanted])) questions[pair.id] = pair.question;
  return questions;
}

/** Streams one file to the sink while hashing it, for the manifest. */
async function writeTracked(
  sink: DatasetSink,
  path: string,
  chunks: Iterable<Chunk>,
  rows: number,
): Promise<DatasetFileEntry> {
  const digest = new StreamDigest();
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const bytes of utf8ChunksAsync(chunks)) {
      digest.update(bytes);
      yield bytes;
    }
  }
  await sink.writeFile(path, hashed());
  return { path, ...digest.digest(), rows };
}

function recordChunks(
  records: readonly ExportableRecord[],
  format: RecordFileFormat,
  includeRaw: boolean,
): { chunks: Iterable<Chunk>; rows: number } {
  const settings = { includeRaw };
  // CSV and Parquet hold one row per field of a record (a long table), JSONL one per record.
  const longRows = records.reduce((sum, record) => sum + record.fields.length, 0);
  switch (format) {
    case 'jsonl':
      return { chunks: recordJsonlLines(records, settings), rows: records.length };
    case 'csv':
      return { chunks: recordCsvLines(records, settings, { bom: true }), rows: longRows };
    case 'parquet':
      return { chunks: recordParquetChunks(records, settings), rows: longRows };
  }
}

export async function runDatasetJob(
  db: TesseraDatabase,
  job: DatasetJob,
  sink: DatasetSink,
  onProgress: (progress: JobProgress) => void = () => undefined,
): Promise<DatasetJobResult> {
  const project = await db.projects.get(job.projectId);
  if (!project) throw new Error(`No project ${job.projectId}.`);
  const source = exportablePairSource(db, job.projectId);
  const companions: DatasetFileEntry[] = [...job.written];
  const step = (path: string) =>
    onProgress({
      path,
      curation: undefined,
      filesDone: 0,
      filesTotal: 0,
      bytesWritten: 0,
      rowsWritten: 0,
      rowsTotal: 0,
    });

  let recordIdentifiers: IdentifierCounts | null = null;
  if (job.records) {
    let records = await loadExportableRecords(db, job.projectId);
    const deidentify = job.settings.curation.deidentify;
    if (deidentify) {
      const cleaned = deidentifyRecords(records, {
        seed: job.settings.curation.split.seed,
        ...deidentify,
      });
      records = cleaned.records;
      recordIdentifiers = cleaned.counts;
    }
    const path = `records/records.${job.records.format}`;
    step(path);
    const { chunks, rows } = recordChunks(records, job.records.format, job.records.includeRaw);
    companions.push(await writeTracked(sink, path, chunks, rows));
  }
  if (job.mappings) {
    const path = 'mappings/mappings.sssom.tsv';
    step(path);
    const text = await mappingTableSssom(db, project);
    const rows = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
    companions.push(await writeTracked(sink, path, [text], Math.max(0, rows - 1)));
  }

  const { manifest, report } = await writeDataset(
    source,
    job.settings,
    {
      appVersion: job.appVersion,
      dictionaryVersion: await readDictionaryVersion(db),
      createdAt: job.createdAt,
      project: project.name,
      createdBy: job.createdBy,
    },
    sink,
    onProgress,
    companions,
  );
  return {
    manifest,
    report,
    recordIdentifiers,
    questions: await droppedQuestions(report, source),
  };
}

/** A pair's text before and after de-identification, to show before an export runs. */
export interface DeidentificationSample {
  id: string;
  question: DeidentificationPreview;
  answer: DeidentificationPreview;
}

export interface DatasetPreview {
  report: CurationReport;
  samples: DeidentificationSample[];
  questions: DroppedQuestions;
}

/**
 * What an export with these settings would do, without writing: the same curation, so the
 * counts, drops and leakage are the export's own; and for de-identification, the first pairs
 * that have something replaced, shown as they will be written.
 */
export async function previewDataset(
  db: TesseraDatabase,
  projectId: string,
  curation: CurationSettings,
  sampleSize = 5,
): Promise<DatasetPreview> {
  const source = exportablePairSource(db, projectId);
  const curated = await curate(source, curation);
  const samples: DeidentificationSample[] = [];
  const { deidentifier } = curated;
  if (deidentifier)
    for await (const batch of source.scan()) {
      for (const pair of batch) {
        if (samples.length >= sampleSize) break;
        if (!matchesFilter(pair, curation.filter)) continue;
        const patientKey = pair.groupKeys[0] ?? `pair:${pair.id}`;
        const question = deidentifier.preview(pair.question, patientKey);
        const answer = deidentifier.preview(pair.answer, patientKey);
        if (question.spans.length + answer.spans.length > 0)
          samples.push({ id: pair.id, question, answer });
      }
      if (samples.length >= sampleSize) break;
    }
  return {
    report: curated.report,
    samples,
    questions: await droppedQuestions(curated.report, source),
  };
}

export interface TagCount {
  tag: string;
  count: number;
}

/** What the filters can choose from: every tag and every approving reviewer, with counts. */
export interface FilterChoices {
  tags: TagCount[];
  reviewers: { id: string; count: number }[];
  pairs: number;
}

export async function filterChoices(
  db: TesseraDatabase,
  projectId: string,
): Promise<FilterChoices> {
  const tags = new Map<string, number>();
  const reviewers = new Map<string, number>();
  let pairs = 0;
  for await (const batch of exportablePairSource(db, projectId).scan()) {
    pairs += batch.length;
    for (const pair of batch) {
      for (const tag of pair.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
      for (const id of pair.reviewerIds) reviewers.set(id, (reviewers.get(id) ?? 0) + 1);
    }
  }
  const byCount = <T extends { count: number }>(left: T, right: T) => right.count - left.count;
  return {
    tags: [...tags].map(([tag, count]) => ({ tag, count })).sort(byCount),
    reviewers: [...reviewers].map(([id, count]) => ({ id, count })).sort(byCount),
    pairs,
  };
}
