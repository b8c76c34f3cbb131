import { aliasesOf, type Term } from '../../shared/model/terminology';
import { labelKey } from '../../shared/terminology/normalize';

export function aliasKeysOf(term: Term): string[] {
  return [...new Set(aliasesOf(term).map(({ text }) => labelKey(text)))].filter(
    (key) => key !== '',
  );
}
