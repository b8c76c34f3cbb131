import { useEffect, useState } from 'react';
import type { Suggestion } from '../../../shared/terminology/suggest';
import { useServices } from '../../app/services';
import { readDictionaryVersion, useLive, type StoredTerm } from '../../db';
import { requestSuggestions } from '../../workers/suggest-client';

export interface RankedSuggestion extends Suggestion {
  term: StoredTerm;
}

type Answer = { key: string; results: Suggestion[][] };

/**
 * Top suggestions for each raw name, from the suggestion worker. Asked again whenever the
 * dictionary version moves, so a decision shows up in every other name's suggestions.
 */
export function useSuggestions(
  raws: readonly string[],
  limit = 5,
): Map<string, RankedSuggestion[]> | undefined {
  const { db } = useServices();
  const terms = useLive(() => db.terms.toArray(), [db]);
  const version = useLive(() => readDictionaryVersion(db), [db]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = JSON.stringify([version, limit, raws]);

  useEffect(() => {
    if (version === undefined) return;
    let isCurrent = true;
    const [, askedLimit, askedRaws] = JSON.parse(key) as [number, number, string[]];
    void requestSuggestions(askedRaws, askedLimit).then((response) => {
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
  const askedRaws = (JSON.parse(answer.key) as [number, number, string[]])[2];
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
