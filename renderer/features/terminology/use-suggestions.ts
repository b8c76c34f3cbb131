import { useEffect, useState } from 'react';
import type { Suggestion } from '../../../shared/terminology/suggest';
import { useServices } from '../../app/services';
import { readDictionaryVersion, useLive, type StoredTerm } from '../../db';
import { requestSuggestions } from '../../workers/suggest-client';
import type { SuggestSource } from '../../workers/suggest-protocol';

export interface RankedSuggestion extends Suggestion {
  term: StoredTerm;
}

type Answer = { key: string; results: Suggestion[][] };
type Asked = [number, number, string[], SuggestSource | null, number];

/**
 * Top suggestions for each raw name, from the suggestion worker, with what the source says
 * around them (units, results, its profile) and its source system. Asked again whenever the
 * dictionary version moves, so a decision shows up in every other name's suggestions, and when
 * the source's profile or system changes.
 */
export function useSuggestions(
  raws: readonly string[],
  source: SuggestSource | null = null,
  /** Anything about the source that changes its context, e.g. whether its profile is in. */
  sourceState = 0,
  limit = 5,
): Map<string, RankedSuggestion[]> | undefined {
  const { db } = useServices();
  const terms = useLive(() => db.terms.toArray(), [db]);
  const version = useLive(() => readDictionaryVersion(db), [db]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = JSON.stringify([version, limit, raws, source, sourceState]);

  useEffect(() => {
    if (version === undefined) return;
    let isCurrent = true;
    const [, askedLimit, askedRaws, askedSource] = JSON.parse(key) as Asked;
    void requestSuggestions(askedRaws, askedLimit, askedSource ?? undefined).then((response) => {
      if (isCurrent && response.ok) setAnswer({ key, results: response.results });
    });
    return () => {
      isCurrent = false;
    };
  }, [key, version]);

  if (!terms || !answer) return undefined;
  const byId = new Map(terms.map((term) => [term.id, term]));
  // While an answer for a newer dictionary version is on its way, the last one stays on screen;
  // an answer for other names (another file) is never shown.
  const askedRaws = (JSON.parse(answer.key) as Asked)[2];
  if (JSON.stringify(askedRaws) !== JSON.stringify(raws)) return undefined;
  const ranked = new Map<string, RankedSuggestion[]>();
  askedRaws.forEach((raw, position) => {
    ranked.set(
      raw,
      (answer.results[position] ?? []).flatMap((suggestion): RankedSuggestion[] => {
        const term = byId.get(suggestion.termId);
        return term ? [{ ...suggestion, term }] : [];
      }),
    );
  });
  return ranked;
}
