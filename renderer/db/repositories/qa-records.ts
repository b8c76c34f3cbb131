import type { NormalizedRecord } from '../../../shared/qa/template-expand';
import type { TesseraDatabase } from '../database';
import { loadSourceRows } from './sources';
import { loadFieldNames, loadValueNames } from './terminology';

export interface NormalizedSource {
  /** Canonical field names where mapped, raw ones elsewhere, in the source's column order. */
  fields: string[];
  records: NormalizedRecord[];
}

/**
 * A source's records as templates read them: fields under canonical names, and values a person
 * mapped (a long-format export's test names) under the canonical English name of their term.
 */
export async function loadNormalizedRecords(
  db: TesseraDatabase,
  projectId: string,
  sourceId: string,
): Promise<NormalizedSource> {
  const source = await db.sources.get(sourceId);
  if (!source || source.status !== 'ready') throw new Error(`No source ${sourceId}.`);
  const system = source.sourceSystem ?? '';
  const names = await loadFieldNames(db, projectId, source.fields, undefined, system);
  const values = await loadValueNames(db, projectId, source.fields, 'en', system);
  const fields = names.map((name) => name.canonical?.name ?? name.raw);
  const { rows, lines } = await loadSourceRows(db, sourceId);
  const records = rows.map((row, index): NormalizedRecord => ({
    sourceId,
    sourceName: source.fileName,
    row: index,
    line: lines[index] ?? 0,
    fields: Object.fromEntries(
      fields.map((field, column) => {
        const raw = row[column] ?? '';
        return [field, values[column]?.get(raw) ?? raw];
      }),
    ),
  }));
  return { fields, records };
}
