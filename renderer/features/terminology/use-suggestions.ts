import { useMemo } from 'react';
import {
  buildSuggestionIndex,
  suggest,
  type Suggestion,
} from '../../../shared/terminology/suggest';
import { useServices } from '../../app/services';
import { useLive, type StoredTerm } from '../../db';

export interface RankedSuggestion extends Suggestion {
  term: StoredTerm;
}

/** Top suggestions for each raw name; the index is rebuilt only when the dictionary changes. */
export function useSuggestions(raws: readonly string[], limit = 5) {
  const { db } = useServices();
  const terms = useLive(() => db.terms.toArray(), [db]);
  return useMemo(() => {
    if (!terms) return undefined;
    const index = buildSuggestionIndex(terms);
    const byId = new Map(terms.map((term) => [term.id, term]));
    return new Map(
      raws.map((raw) => [
        raw,
        suggest(index, raw, limit).flatMap((suggestion): RankedSuggestion[] => {
          const term = byId.get(suggestion.termId);
          return term ? [{ ...suggestion, term }] : [];
        }),
      ]),
    );
  }, [terms, raws, limit]);
}
