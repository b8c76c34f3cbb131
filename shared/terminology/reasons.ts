/**
 * The words of a reason: which raw words were read how, what is missing, and what came from
 * elsewhere — "synonym "Measured LDL cholesterol" of Direct LDL cholesterol, same words in another
 * order", "name "Aspartate aminotransferase" of …, "asparate" read as "aspartate"".
 */
import type { Alignment } from './alignment';
import type { Query } from './query';
import type { SuggestionIndex, TermEntry } from './suggestion-index';

const mostDetails = 4;

export function explainWords(
  base: string,
  query: Query,
  alignment: Alignment,
  alignments: readonly Alignment[],
  termGroups: readonly number[],
  entry: TermEntry,
  index: SuggestionIndex,
): string {
  const alias = index.aliases[alignment.alias];
  if (alias && alignment.groups.every((match) => match.how === 'initials'))
    return `abbreviation of ${entry.term.nameEn} (initials of "${alias.text}")`;
  const details: string[] = [];
  let plain = true;
  const acronyms = new Map<string, string[]>();
  query.groups.forEach((group, position) => {
    const match = alignment.groups[position];
    if (match?.how === 'acronym' && match.shown) {
      const words = acronyms.get(match.shown) ?? [];
      if (words.length === 0) details.push(`"${match.shown}" spelled out`);
      words.push(group.word.shown);
      acronyms.set(match.shown, words);
      plain = false;
      return;
    }
    const shownRaw = `"${group.word.shown}"`;
    const termBest = termGroups[position] ?? 0;
    if (match && termBest > match.similarity + 0.15) {
      const other = alignments.find(
        (candidate) => (candidate.groups[position]?.similarity ?? 0) >= termBest,
      );
      const otherAlias = other && index.aliases[other.alias];
      if (otherAlias) {
        details.push(`${shownRaw} matches its ${otherAlias.kind} "${otherAlias.text}"`);
        plain = false;
        return;
      }
    }
    if (!match || match.how === 'same' || match.how === 'specimen') return;
    plain = false;
    switch (match.how) {
      case 'none':
        details.push(`${shownRaw} not matched`);
        break;
      case 'initials':
        details.push(`${shownRaw} read as the initials of "${alias?.text ?? ''}"`);
        break;
      case 'compact':
        details.push(`${shownRaw} written as one word`);
        break;
      case 'contains':
        details.push(`${shownRaw} shares "${match.shown}"`);
        break;
      case 'reading':
        details.push(`${shownRaw} read as ${match.shown}`);
        break;
      default:
        details.push(`${shownRaw} read as "${match.shown}"`);
    }
  });
  for (const [acronym, words] of acronyms) {
    const at = details.indexOf(`"${acronym}" spelled out`);
    if (at >= 0) details[at] = `"${words.join(' ')}" is "${acronym}"`;
  }
  for (const word of alignment.missing) {
    details.push(`"${word}" missing`);
    plain = false;
  }
  for (const word of alignment.fromContext) details.push(`"${word}" from the context`);
  if (plain && alignment.fromContext.length === 0 && alias)
    details.push(sameOrder(query, alias.words) ? 'same words' : 'same words in another order');
  return [base, ...details.slice(0, mostDetails)].join(', ');
}

function sameOrder(query: Query, aliasWords: readonly { text: string }[]): boolean {
  const raw = query.words.map((word) => word.text).join(' ');
  return raw === aliasWords.map((word) => word.text).join(' ');
}
