/**
 * A whole dataset export, the one entry point for the app (in a worker) and the command line:
 * curate the pairs, stream every file of the chosen format to a sink while hashing it, then write
 * manifest.json describing what was done and every file's SHA-256 and size. Only the manifest
 * carries a time (`createdAt`, given by the caller), so the same pairs, settings and seed give
 * byte-identical data files.
 */
import type { DeidentifySummary } from '../deid/deidentify';
import type { IdentifierCounts } from '../deid/types';
import type { Banding } from '../text/near-duplicate';
import {
  curate,
  type CurationProgress,
  type CurationReport,
  type CurationSettings,
} from './curate';
import { planDatasetFiles, type DatasetOutputSettings, type QaFormat } from './dataset-files';
import type { DedupeSettings } from './dedupe';
import type { PairFilter } from './filters';
import type { LeakageReport } from './leakage';
import type { DatasetFileEntry } from './manifest';
import type { PromptSettings } from './prompt';
import type { SplitName, SplitRatios } from './splits';
import type { PairSource } from './pair-source';
import { StreamDigest, utf8ChunksAsync, type FileDigest } from './stream';

export interface DatasetSink {
  /** Writes one file, pulling its chunks one at a time (await between them keeps memory flat). */
  writeFile(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
}

export interface ExportProgress {
  /** The curation's pass before any file is written; absent once files are being written. */
  curation?: CurationProgress;
  path: string;
  filesDone: number;
  filesTotal: number;
  bytesWritten: number;
  /** Examples pulled into the data files so far, of `rowsTotal`. */
  rowsWritten: number;
  rowsTotal: number;
}

export interface ExportContext {
  appVersion: string;
  dictionaryVersion: number | null;
  /** ISO 8601; injected so that tests and reproductions can pin it. */
  createdAt: string;
  project?: string;
  createdBy?: string;
}

export const datasetManifestVersion = 1;

export interface DatasetManifest {
  kind: 'tessera-dataset';
  formatVersion: number;
  tessera: { version: string };
  dictionaryVersion: number | null;
  createdAt: string;
  project?: string;
  createdBy?: string;
  format: QaFormat;
  seed: number;
  filters: PairFilter;
  prompt: PromptSettings;
  dedupe: (DedupeSettings & { banding: Banding | null }) | null;
  splits: { ratios: SplitRatios; stratifyByTag: string | null; groupedBy: 'patient or record' };
  deidentification: { settings: DeidentifySummary; counts: IdentifierCounts } | null;
  counts: {
    input: number;
    filtered: number;
    duplicates: { exact: number; near: number };
    groups: number;
    splits: Record<SplitName, number>;
  };
  leakage: {
    threshold: number;
    nearDuplicates: number;
    sharedGroups: number;
    nearRepeats: LeakageReport['nearRepeats'];
  };
  files: DatasetFileEntry[];
}

export interface ExportSettings {
  curation: CurationSettings;
  output: DatasetOutputSettings;
}

export interface ExportResult {
  manifest: DatasetManifest;
  report: CurationReport;
}

/**
 * `companions` are files the caller wrote into the same folder beforehand (normalized records,
 * the mapping table, OCR crops); the manifest lists them after the dataset's own files, so one
 * manifest covers every file of the export.
 */
export async function writeDataset(
  source: PairSource,
  settings: ExportSettings,
  context: ExportContext,
  sink: DatasetSink,
  onProgress?: (progress: ExportProgress) => void,
  companions: readonly DatasetFileEntry[] = [],
): Promise<ExportResult> {
  const curated = await curate(source, settings.curation, (curation) =>
    onProgress?.({
      curation,
      path: '',
      filesDone: 0,
      filesTotal: 0,
      bytesWritten: 0,
      rowsWritten: 0,
      rowsTotal: 0,
    }),
  );
  let rowsWritten = 0;
  const planned = planDatasetFiles(curated, settings.curation, settings.output, () => {
    rowsWritten++;
  });
  const rowsTotal = planned.reduce(
    (sum, file) => sum + (file.split === undefined ? 0 : (file.rows ?? 0)),
    0,
  );
  const written = new Map<string, FileDigest>();
  const files: DatasetFileEntry[] = [];
  let bytesWritten = 0;
  for (const [index, file] of planned.entries()) {
    const digest = new StreamDigest();
    async function* hashed(): AsyncGenerator<Uint8Array> {
      for await (const bytes of utf8ChunksAsync(file.chunks(written))) {
        digest.update(bytes);
        bytesWritten += bytes.byteLength;
        onProgress?.({
          path: file.path,
          filesDone: index,
          filesTotal: planned.length + 1,
          bytesWritten,
          rowsWritten,
          rowsTotal,
        });
        yield bytes;
      }
    }
    await sink.writeFile(file.path, hashed());
    const result = digest.digest();
    written.set(file.path, result);
    files.push({
      path: file.path,
      ...result,
      ...(file.rows === undefined ? {} : { rows: file.rows }),
      ...(file.split === undefined ? {} : { split: file.split }),
    });
  }

  const manifest = datasetManifest(curated.report, settings, context, [...files, ...companions]);
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  await sink.writeFile('manifest.json', utf8ChunksAsync([manifestText]));
  onProgress?.({
    path: 'manifest.json',
    filesDone: planned.length + 1,
    filesTotal: planned.length + 1,
    bytesWritten,
    rowsWritten,
    rowsTotal,
  });
  return { manifest, report: curated.report };
}

export function datasetManifest(
  report: CurationReport,
  settings: ExportSettings,
  context: ExportContext,
  files: DatasetFileEntry[],
): DatasetManifest {
  const { curation, output } = settings;
  const dropped = report.dedupe?.dropped ?? [];
  return {
    kind: 'tessera-dataset',
    formatVersion: datasetManifestVersion,
    tessera: { version: context.appVersion },
    dictionaryVersion: context.dictionaryVersion,
    createdAt: context.createdAt,
    ...(context.project === undefined ? {} : { project: context.project }),
    ...(context.createdBy === undefined ? {} : { createdBy: context.createdBy }),
    format: output.format,
    seed: curation.split.seed,
    filters: curation.filter,
    prompt: output.prompt,
    dedupe: report.dedupe?.settings ?? null,
    splits: {
      ratios: curation.split.ratios,
      stratifyByTag: curation.split.stratifyByTag ?? null,
      groupedBy: 'patient or record',
    },
    deidentification: report.deidentification,
    counts: {
      input: report.input,
      filtered: report.filtered,
      duplicates: {
        exact: dropped.filter((drop) => drop.reason === 'exact').length,
        near: dropped.filter((drop) => drop.reason === 'near').length,
      },
      groups: report.groups,
      splits: report.counts,
    },
    leakage: {
      threshold: report.leakage.threshold,
      nearDuplicates: report.leakage.nearDuplicates.length,
      sharedGroups: report.leakage.sharedGroups.length,
      nearRepeats: report.leakage.nearRepeats,
    },
    files,
  };
}
