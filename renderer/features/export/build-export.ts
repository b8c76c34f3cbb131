import { describeFile, type ExportFile, type Manifest } from '../../../shared/export/manifest';
import { writeChatJsonl } from '../../../shared/export/openai-chat';
import { toNormalizedRecord } from '../../../shared/export/records-jsonl';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import {
  listSources,
  loadFieldNames,
  loadSourceRows,
  readDictionaryVersion,
  type TesseraDatabase,
} from '../../db';

export interface ExportOptions {
  systemPrompt: string;
  version: string;
}

export interface BuiltExport {
  folderName: string;
  files: ExportFile[];
  manifest: Manifest;
}

const encoder = new TextEncoder();

/** Approved pairs as chat JSONL and every record under canonical names, with a manifest. */
export async function buildExport(
  db: TesseraDatabase,
  profile: Profile,
  project: Project,
  options: ExportOptions,
  now = new Date(),
): Promise<BuiltExport> {
  const pairs = await db.qaPairs
    .where({ projectId: project.id, state: 'approved' })
    .sortBy('createdAt');
  const sources = await listSources(db, project.id);
  const recordLines: string[] = [];
  for (const source of sources) {
    const names = await loadFieldNames(
      db,
      project.id,
      source.fields,
      undefined,
      source.sourceSystem ?? '',
    );
    const fieldNames = names.map(({ raw, canonical }) =>
      canonical
        ? {
            raw,
            canonical: { name: canonical.name, system: canonical.system, code: canonical.code },
          }
        : { raw },
    );
    const { rows, lines } = await loadSourceRows(db, source.id);
    rows.forEach((values, index) => {
      const record = toNormalizedRecord(source.fileName, lines[index] ?? 0, fieldNames, values);
      recordLines.push(JSON.stringify(record) + '\n');
    });
  }
  const files: ExportFile[] = [
    {
      path: 'qa/openai-chat.jsonl',
      data: encoder.encode(writeChatJsonl(pairs, options.systemPrompt)),
    },
    { path: 'records/records.jsonl', data: encoder.encode(recordLines.join('')) },
  ];
  const manifest: Manifest = {
    tessera: { version: options.version },
    createdAt: now.toISOString(),
    createdBy: profile.name,
    project: project.name,
    dictionaryVersion: await readDictionaryVersion(db),
    filters: { state: 'approved', systemPrompt: options.systemPrompt },
    files: files.map(describeFile),
  };
  files.push({
    path: 'manifest.json',
    data: encoder.encode(JSON.stringify(manifest, null, 2) + '\n'),
  });
  return { folderName: folderNameFor(project, now), files, manifest };
}

function folderNameFor(project: Project, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const safe = project.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'project';
  return `tessera-${safe}-${stamp}`;
}
