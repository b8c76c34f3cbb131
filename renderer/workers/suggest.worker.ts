/// <reference lib="webworker" />
import { rowsOf } from '../../shared/ingest/block-rows';
import { columnNames, isMapped } from '../../shared/model/mapping';
import type { Source } from '../../shared/model/records';
import {
  columnNameContext,
  findSiblings,
  ValueContextCollector,
} from '../../shared/terminology/observed-context';
import { decisionsFor } from '../../shared/terminology/source-system';
import {
  buildSuggestionIndex,
  suggest,
  type SuggestionContext,
  type SuggestionIndex,
} from '../../shared/terminology/suggest';
import { TesseraDatabase } from '../db/database';
import { readDictionaryVersion } from '../db/repositories/terminology';
import type { SuggestRequest, SuggestResponse, SuggestSource } from './suggest-protocol';

declare const self: DedicatedWorkerGlobalScope;

const db = new TesseraDatabase();
/** The index of the dictionary version last asked about; rebuilt only when the version moves. */
let cached: { version: number; index: SuggestionIndex } | null = null;
/** What the rows say around the values of one column: rows never change, so it is read once. */
let valueContexts: { key: string; contexts: Map<string, SuggestionContext> } | null = null;

self.onmessage = (event: MessageEvent<SuggestRequest>) => {
  const { id, raws, limit, source } = event.data;
  answer(raws, limit, source).then(
    ({ version, results }) => {
      const response: SuggestResponse = { id, ok: true, dictionaryVersion: version, results };
      self.postMessage(response);
    },
    (error: unknown) => {
      const response: SuggestResponse = {
        id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      self.postMessage(response);
    },
  );
};

async function answer(raws: string[], limit: number, asked: SuggestSource | undefined) {
  const version = await readDictionaryVersion(db);
  if (cached?.version !== version)
    cached = { version, index: buildSuggestionIndex(await db.terms.toArray()) };
  const { index } = cached;
  const source = asked ? await db.sources.get(asked.sourceId) : undefined;
  const contexts =
    source && asked ? await contextsOf(source, asked.column) : new Map<string, SuggestionContext>();
  const sourceSystem = asked?.sourceSystem ?? '';
  return {
    version,
    results: raws.map((raw) =>
      suggest(index, raw, limit, {
        ...contexts.get(raw),
        ...(sourceSystem ? { sourceSystem } : {}),
      }),
    ),
  };
}

async function contextsOf(
  source: Source,
  column: string | null,
): Promise<Map<string, SuggestionContext>> {
  if (column === null)
    return new Map(
      source.fields.map((field) => [
        field,
        columnNameContext(source.profile.find((profile) => profile.field === field)),
      ]),
    );
  const key = `${source.id}\u0000${column}`;
  if (valueContexts?.key === key) return valueContexts.contexts;
  const at = source.fields.indexOf(column);
  if (at < 0) return new Map();
  const collector = new ValueContextCollector(
    column,
    at,
    findSiblings(source.fields, at, await canonicalNames(source)),
  );
  await db.recordBlocks
    .where('sourceId')
    .equals(source.id)
    .each((block) => {
      for (const row of rowsOf(block)) collector.add(row);
    });
  valueContexts = { key, contexts: collector.contexts() };
  return valueContexts.contexts;
}

/** The English name of the term each column is mapped to, so a mapped "DW" is known as "Unit". */
async function canonicalNames(source: Source): Promise<(string | undefined)[]> {
  const decisions = decisionsFor(
    (await db.mappings.where('projectId').equals(source.projectId).toArray()).filter(
      (mapping) => (mapping.scope ?? columnNames) === columnNames && isMapped(mapping.status),
    ),
    source.sourceSystem,
  );
  const termOf = new Map(decisions.map((mapping) => [mapping.raw, mapping.termId]));
  const terms = await db.terms.bulkGet([...new Set(termOf.values())]);
  const nameOf = new Map(terms.flatMap((term) => (term ? [[term.id, term.nameEn] as const] : [])));
  return source.fields.map((field) => nameOf.get(termOf.get(field) ?? ''));
}
