/**
 * What a dataset export reads from the database, in the shapes shared/export writes. Pairs go
 * through the very adapter the command line uses on a bundle (`pairsFromTables`), so the app and
 * `tessera export` curate the same pairs the same way; records are read through the source
 * repository, whatever the storage of their blocks.
 */
import type { DatasetManifest } from '../../../shared/export/write-dataset';
import type { ExportableField, ExportableRecord } from '../../../shared/export/records';
import type { ExportablePair } from '../../../shared/export/exportable';
import { pairsFromTables } from '../../../shared/export/from-bundle';
import {
  MissingPairError,
  readBatchSize,
  type PairSource,
} from '../../../shared/export/pair-source';
import { newId } from '../../../shared/model/ids';
import { qaStates, type Review } from '../../../shared/model/qa';
import type { Project } from '../../../shared/model/records';
import type { Term } from '../../../shared/model/terminology';
import { writeSssom } from '../../../shared/terminology/formats/sssom';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';
import { listPairs, listReviews } from './qa';
import { listSources, loadSourceRows } from './sources';
import { loadFieldNames, loadValueNames, readDictionaryVersion } from './terminology';

/** Every pair of the project with what its reviews say, as the export pipeline reads it. */
export async function loadExportablePairs(
  db: TesseraDatabase,
  projectId: string,
): Promise<ExportablePair[]> {
  const qaPairs = await listPairs(db, projectId);
  const reviews = await listReviews(
    db,
    qaPairs.map((pair) => pair.id),
  );
  return pairsFromTables({ qaPairs, reviews }, { projectId });
}

/**
 * The project's pairs as an export reads them: a batch at a time, each batch with its own
 * reviews, so that an export of 100,000 pairs never holds them all.
 */
type Approval = Pick<
  Review,
  'qaPairId' | 'pairVersion' | 'reviewerId' | 'decision' | 'at' | 'kind'
>;

export function exportablePairSource(db: TesseraDatabase, projectId: string): PairSource {
  // Approvals are what an export reads of reviews: gathered once in one pass over the table
  // (a lookup per batch of pairs costs a seek per pair, three times over), with just the fields
  // the adapter reads.
  let approvals: Promise<Map<string, Approval[]>> | null = null;
  const approvalsOf = () =>
    (approvals ??= (async () => {
      const byPair = new Map<string, Approval[]>();
      await db.reviews.each((review) => {
        if (review.decision !== 'approve') return;
        const { qaPairId, pairVersion, reviewerId, decision, at, kind } = review;
        const kept: Approval = { qaPairId, pairVersion, reviewerId, decision, at, kind };
        const list = byPair.get(qaPairId);
        if (list) list.push(kept);
        else byPair.set(qaPairId, [kept]);
      });
      return byPair;
    })());
  const read = async (ids: readonly string[]): Promise<ExportablePair[]> => {
    const [rows, byPair] = await Promise.all([db.qaPairs.bulkGet([...ids]), approvalsOf()]);
    const qaPairs = rows.map((row, index) => {
      if (!row) throw new MissingPairError(ids[index] ?? '');
      return row;
    });
    const reviews = ids.flatMap((id) => byPair.get(id) ?? []);
    return pairsFromTables({ qaPairs, reviews }, { projectId });
  };
  return {
    async *scan() {
      // The project's ids come in key order, so each batch is one key range read in a single
      // request (other projects' pairs inside the range are read and left out), not a request
      // per pair.
      const ids = (await db.qaPairs.where('projectId').equals(projectId).primaryKeys()).sort();
      for (let start = 0; start < ids.length; start += readBatchSize) {
        const batch = ids.slice(start, start + readBatchSize);
        const [rows, byPair] = await Promise.all([
          db.qaPairs
            .where(':id')
            .between(batch[0] ?? '', batch.at(-1) ?? '', true, true)
            .toArray(),
          approvalsOf(),
        ]);
        const qaPairs = rows.filter((row) => row.projectId === projectId);
        const reviews = qaPairs.flatMap((pair) => byPair.get(pair.id) ?? []);
        yield pairsFromTables({ qaPairs, reviews }, { projectId });
      }
    },
    read,
  };
}

/**
 * The project's records under canonical field names and codes where the dictionary maps them,
 * with each raw name and value kept; values a person mapped (the test names of a long-format lab
 * export) become their term's English name and code.
 */
export async function loadExportableRecords(
  db: TesseraDatabase,
  projectId: string,
): Promise<ExportableRecord[]> {
  const records: ExportableRecord[] = [];
  for (const source of await listSources(db, projectId)) {
    const system = source.sourceSystem ?? '';
    const names = await loadFieldNames(db, projectId, source.fields, undefined, system);
    const valueNames = await loadValueNames(db, projectId, source.fields, 'en', system);
    const valueTerms = await Promise.all(
      source.fields.map(async (field, column) => {
        const mapped = valueNames[column];
        if (!mapped) return null;
        const found = await loadFieldNames(
          db,
          projectId,
          [...mapped.keys()],
          `value:${field}`,
          system,
        );
        return new Map(
          found.flatMap((name) => (name.canonical ? [[name.raw, name.canonical]] : [])),
        );
      }),
    );
    const { rows, lines } = await loadSourceRows(db, source.id);
    rows.forEach((values, index) => {
      const fields = names.map((name, column): ExportableField => {
        const rawValue = values[column] ?? '';
        const valueTerm = valueTerms[column]?.get(rawValue);
        return {
          raw: name.raw,
          rawValue,
          name: name.canonical?.name ?? name.raw,
          ...(name.canonical ? { code: `${name.canonical.system}:${name.canonical.code}` } : {}),
          value: valueTerm?.name ?? rawValue,
          ...(valueTerm ? { valueCode: `${valueTerm.system}:${valueTerm.code}` } : {}),
        };
      });
      records.push({ source: source.fileName, line: lines[index] ?? 0, fields });
    });
  }
  return records;
}

/** The project's mapping decisions as SSSOM TSV, as the Mapping screen exports them. */
export async function mappingTableSssom(db: TesseraDatabase, project: Project): Promise<string> {
  const mappings = await db.mappings.where('projectId').equals(project.id).toArray();
  const terms = (await db.terms.toArray()).map(({ aliasKeys: _keys, ...term }): Term => term);
  return writeSssom(mappings, terms, {
    mappingSetTitle: `${project.name} field mappings`,
    dictionaryVersion: await readDictionaryVersion(db),
  });
}

/** What the export screen shows before anything runs. */
export interface ExportOverview {
  pairsByState: Record<string, number>;
  records: number;
  mappings: number;
  corrections: number;
}

export async function loadExportOverview(
  db: TesseraDatabase,
  projectId: string,
): Promise<ExportOverview> {
  // Counted on the index, so a project of 100,000 pairs costs six key counts, not a read.
  const pairsByState: Record<string, number> = {};
  for (const state of qaStates)
    pairsByState[state] = await db.qaPairs
      .where('[projectId+state]')
      .equals([projectId, state])
      .count();
  const sources = await listSources(db, projectId);
  return {
    pairsByState,
    records: sources.reduce((sum, source) => sum + source.rowCount, 0),
    mappings: await db.mappings.where('projectId').equals(projectId).count(),
    corrections: await db.ocrCorrections.where({ projectId }).count(),
  };
}

/** Writes the export into the audit trail: what was written, where, by whom, with which hashes. */
export async function recordDatasetExport(
  db: TesseraDatabase,
  actor: Actor,
  manifest: DatasetManifest,
  location: string,
  now = new Date(),
): Promise<string> {
  const id = newId('export', now);
  await db.transaction('rw', db.auditEvents, async () => {
    await appendAudit(
      db,
      actor,
      {
        action: 'dataset.export',
        entity: 'export',
        entityId: id,
        before: null,
        after: { location, manifest },
      },
      now,
    );
  });
  return id;
}
