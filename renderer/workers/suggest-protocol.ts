import type { Suggestion } from '../../shared/terminology/suggest';

export interface SuggestRequest {
  id: number;
  raws: string[];
  limit: number;
}

export type SuggestResponse =
  | { id: number; ok: true; dictionaryVersion: number; results: Suggestion[][] }
  | { id: number; ok: false; message: string };
