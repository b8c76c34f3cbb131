/**
 * `tessera export`: a training dataset from a project bundle, with the same curation pipeline the
 * app runs — filters, de-identification, dedupe, grouped seeded splits, leakage check — written
 * to a folder with its manifest. Exits 1 for a bundle that cannot be read, 2 for bad arguments.
 */
import { mkdir, open, readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BundleError } from '../shared/bundle/format';
import { temporaryFileStores, type FileStores } from './byte-files';
import { readBundlePartly } from '../shared/bundle/read';
import { checkCurationSettings, type CurationSettings } from '../shared/export/curate';
import {
  defaultOutputSettings,
  isQaFormat,
  qaFormats,
  type DatasetOutputSettings,
} from '../shared/export/dataset-files';
import { defaultDedupeSettings } from '../shared/export/dedupe';
import { defaultPairFilter } from '../shared/export/filters';
import { bundlePairSource, dictionaryVersionOf, projectsOf } from '../shared/export/from-bundle';
import { noSplit, parseSplitRatios } from '../shared/export/splits';
import {
  writeDataset,
  type DatasetManifest,
  type DatasetSink,
} from '../shared/export/write-dataset';

export const exportUsage = `  tessera export <bundle> --format ${qaFormats.join('|')} --out <folder>
                 [--split 0.8,0.1,0.1] [--seed N] [--stratify tag-prefix]
                 [--dedupe] [--threshold 0.8] [--deidentify] [--pseudonyms] [--name name…]
                 [--system-prompt text] [--evidence] [--hf-data jsonl|parquet] [--bom]
                 [--license id] [--state approved…] [--tag tag…] [--reviewer id…]
                 [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--two-expert-only] [--project id] [--json]
      Exports the approved question–answer pairs of a project bundle as a training dataset in
      an empty or new folder, with manifest.json (SHA-256 and size of every file). The same
      bundle, options and seed give byte-identical data files; SOURCE_DATE_EPOCH pins the
      manifest's createdAt. Exits 1 when the bundle cannot be read, 2 for bad arguments.`;

/** A failure to report to the person, with the exit code it deserves. */
class ExportFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface ExportCommand {
  bundle: string;
  out: string;
  curation: CurationSettings;
  output: DatasetOutputSettings;
  projectId?: string;
  isJson: boolean;
}

function parseCommand(args: string[]): ExportCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        split: { type: 'string' },
        seed: { type: 'string', default: '0' },
        stratify: { type: 'string' },
        dedupe: { type: 'boolean', default: false },
        threshold: { type: 'string' },
        deidentify: { type: 'boolean', default: false },
        pseudonyms: { type: 'boolean', default: false },
        name: { type: 'string', multiple: true, default: [] },
        'system-prompt': { type: 'string', default: '' },
        evidence: { type: 'boolean', default: false },
        'hf-data': { type: 'string', default: 'jsonl' },
        bom: { type: 'boolean', default: false },
        license: { type: 'string' },
        state: { type: 'string', multiple: true, default: [] },
        tag: { type: 'string', multiple: true, default: [] },
        reviewer: { type: 'string', multiple: true, default: [] },
        from: { type: 'string' },
        to: { type: 'string' },
        'two-expert-only': { type: 'boolean', default: false },
        project: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new ExportFailure((error as Error).message, 2);
  }
  const { values, positionals } = parsed;
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push('Give exactly one bundle file.');
  if (values.format === undefined || !isQaFormat(values.format))
    problems.push(`--format must be one of ${qaFormats.join(', ')}.`);
  if (values.out === undefined) problems.push('--out names the folder to write to.');
  if (values['hf-data'] !== 'jsonl' && values['hf-data'] !== 'parquet')
    problems.push('--hf-data must be jsonl or parquet.');
  if (values.threshold !== undefined && !values.dedupe)
    problems.push('--threshold only applies with --dedupe.');
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : NaN;
  const threshold = Number(values.threshold ?? defaultDedupeSettings.threshold);
  let ratios = noSplit;
  if (values.split !== undefined) {
    try {
      ratios = parseSplitRatios(values.split);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const curation: CurationSettings = {
    filter: {
      ...defaultPairFilter,
      states: values.state.length > 0 ? values.state : defaultPairFilter.states,
      anyTags: values.tag,
      reviewerIds: values.reviewer,
      twoExpertOnly: values['two-expert-only'],
      ...(values.from === undefined ? {} : { approvedFrom: values.from }),
      ...(values.to === undefined ? {} : { approvedTo: values.to }),
    },
    dedupe: values.dedupe ? { ...defaultDedupeSettings, threshold } : null,
    split: {
      ratios,
      seed,
      ...(values.stratify === undefined ? {} : { stratifyByTag: values.stratify }),
    },
    deidentify: values.deidentify
      ? { mode: values.pseudonyms ? 'pseudonym' : 'placeholder', names: values.name }
      : null,
  };
  if (Number.isNaN(seed)) problems.push('--seed must be a whole number of 0 or more.');
  else if (!Number.isNaN(threshold)) problems.push(...checkCurationSettings(curation));
  if (Number.isNaN(threshold)) problems.push('--threshold must be a number above 0, at most 1.');
  if (!values.deidentify && (values.pseudonyms || values.name.length > 0))
    problems.push('--pseudonyms and --name only apply with --deidentify.');
  if (problems.length > 0) throw new ExportFailure(problems.join('\n'), 2);

  const output: DatasetOutputSettings = {
    ...defaultOutputSettings,
    format: values.format as DatasetOutputSettings['format'],
    prompt: { systemPrompt: values['system-prompt'], includeEvidence: values.evidence },
    csvBom: values.bom,
    hfDataFormat: values['hf-data'] as DatasetOutputSettings['hfDataFormat'],
    card: {
      ...defaultOutputSettings.card,
      ...(values.license === undefined ? {} : { license: values.license }),
    },
  };
  return {
    bundle: positionals[0] ?? '',
    out: values.out ?? '',
    curation,
    output,
    ...(values.project === undefined ? {} : { projectId: values.project }),
    isJson: values.json,
  };
}

async function readBundleFile(path: string, stores: FileStores) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ExportFailure(
      `${basename(path)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a bundle' : (error as Error).message}`,
      1,
    );
  }
  try {
    // Only what an export reads is kept, the pairs and reviews on disk; every part is still
    // checked against the manifest.
    return readBundlePartly(bytes, {
      parse: ['projects', 'meta'],
      keepRaw: ['qaPairs', 'reviews'],
      store: (part, data) => stores.store(part, data),
    });
  } catch (error) {
    if (error instanceof BundleError)
      throw new ExportFailure(`${basename(path)}: ${error.message}`, 1);
    throw error;
  }
}

async function prepareFolder(folder: string): Promise<void> {
  try {
    const entries = await readdir(folder);
    if (entries.length > 0)
      throw new ExportFailure(`${folder} is not empty; export into a new or empty folder.`, 2);
  } catch (error) {
    if (error instanceof ExportFailure) throw error;
    const code = (error as { code?: unknown }).code;
    if (code !== 'ENOENT') throw new ExportFailure(`${folder}: ${(error as Error).message}`, 1);
  }
  await mkdir(folder, { recursive: true });
}

function folderSink(folder: string): DatasetSink {
  return {
    async writeFile(path, chunks) {
      const target = join(folder, path);
      await mkdir(dirname(target), { recursive: true });
      const handle = await open(target, 'w');
      try {
        for await (const chunk of chunks) await handle.write(chunk);
      } finally {
        await handle.close();
      }
    },
  };
}

async function appVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  return typeof version === 'string' ? version : '0.0.0';
}

/** The manifest's time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible runs; else now. */
function createdAt(): string {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch))
    return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

function describeManifest(manifest: DatasetManifest, folder: string): string {
  const { counts } = manifest;
  const lines = [
    `✓ ${counts.splits.train + counts.splits.validation + counts.splits.test} pairs (train ${counts.splits.train}, validation ${counts.splits.validation}, test ${counts.splits.test}) as ${manifest.format} in ${folder}`,
    `  ${counts.input} in the bundle, ${counts.filtered} passed the filters, ${counts.duplicates.exact} exact and ${counts.duplicates.near} near duplicates dropped`,
  ];
  if (manifest.deidentification) {
    const found = Object.entries(manifest.deidentification.counts)
      .filter(([, count]) => count > 0)
      .map(([type, count]) => `${type} ${count}`);
    lines.push(`  de-identified: ${found.length > 0 ? found.join(', ') : 'nothing found'}`);
  }
  lines.push(
    `  leakage: ${manifest.leakage.nearDuplicates} near-duplicates across splits, ${manifest.leakage.sharedGroups} groups in two splits`,
  );
  for (const file of manifest.files)
    lines.push(`  ${file.path}  ${file.bytes} bytes  ${file.sha256}`);
  return lines.join('\n');
}

export async function runExport(
  args: string[],
  write: (text: string) => void,
  usage: string,
): Promise<number> {
  const stores = temporaryFileStores();
  try {
    const command = parseCommand(args);
    const bundle = await readBundleFile(command.bundle, stores);
    const { tables } = bundle;
    const projects = projectsOf(tables);
    if (command.projectId === undefined && projects.length > 1)
      throw new ExportFailure(
        `The bundle holds ${projects.length} projects; choose one with --project: ${projects.map((project) => `${project.id} (${project.name})`).join(', ')}.`,
        2,
      );
    if (
      command.projectId !== undefined &&
      !projects.some((project) => project.id === command.projectId)
    )
      throw new ExportFailure(`The bundle has no project ${command.projectId}.`, 2);
    const source = bundlePairSource(bundle, {
      ...(command.projectId === undefined ? {} : { projectId: command.projectId }),
    });
    await prepareFolder(command.out);
    const project = projects.find(
      (candidate) => candidate.id === (command.projectId ?? candidate.id),
    );
    let manifest: DatasetManifest;
    try {
      ({ manifest } = await writeDataset(
        source,
        { curation: command.curation, output: command.output },
        {
          appVersion: await appVersion(),
          dictionaryVersion: dictionaryVersionOf(tables),
          createdAt: createdAt(),
          ...(project === undefined ? {} : { project: project.name }),
        },
        folderSink(command.out),
      ));
    } catch (error) {
      // A row of the bundle that the pipeline cannot read surfaces while the pairs are read.
      if (error instanceof BundleError)
        throw new ExportFailure(`${basename(command.bundle)}: ${error.message}`, 1);
      throw error;
    }
    write(
      command.isJson
        ? `${JSON.stringify(manifest, null, 2)}\n`
        : `${describeManifest(manifest, command.out)}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ExportFailure) {
      write(error.exitCode === 2 ? `${error.message}\n\n${usage}\n` : `✗ ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    stores.close();
  }
}
