/// <reference lib="webworker" />
import {
  buildSuggestionIndex,
  suggest,
  type SuggestionIndex,
} from '../../shared/terminology/suggest';
import { TesseraDatabase } from '../db/database';
import { readDictionaryVersion } from '../db/repositories/terminology';
import type { SuggestRequest, SuggestResponse } from './suggest-protocol';

declare const self: DedicatedWorkerGlobalScope;

const db = new TesseraDatabase();
/** The index of the dictionary version last asked about; rebuilt only when the version moves. */
let cached: { version: number; index: SuggestionIndex } | null = null;

self.onmessage = (event: MessageEvent<SuggestRequest>) => {
  const { id, raws, limit } = event.data;
  answer(raws, limit).then(
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

async function answer(raws: string[], limit: number) {
  const version = await readDictionaryVersion(db);
  if (cached?.version !== version)
    cached = { version, index: buildSuggestionIndex(await db.terms.toArray()) };
  const { index } = cached;
  return { version, results: raws.map((raw) => suggest(index, raw, limit)) };
}
