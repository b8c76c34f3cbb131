import type { Suggestion } from '../../shared/terminology/suggest';

/** Where the raw names come from, so the worker can read what the file says around them. */
export interface SuggestSource {
  sourceId: string;
  /** null: the raw names are the source's column names; else the column they are values of. */
  column: string | null;
  /** The source's system: synonyms scoped to it are exact hits, others' are not seen. */
  sourceSystem: string;
}

export interface SuggestRequest {
  id: number;
  raws: string[];
  limit: number;
  source?: SuggestSource;
}

export type SuggestResponse =
  | { id: number; ok: true; dictionaryVersion: number; results: Suggestion[][] }
  | { id: number; ok: false; message: string };
