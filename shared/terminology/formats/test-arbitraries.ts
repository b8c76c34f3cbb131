import fc from 'fast-check';
import type { FieldMapping, MappingStatus } from '../../model/mapping';
import type { LearnedSynonym, Term, TermDomain } from '../../model/terminology';
import type { DictionaryInfo } from './schemas';
import { codeSystems, termDomains } from './schemas';
import type { ExportedTerm } from './tessera-json';

/**
 * fast-check arbitraries for the format and merge tests (test support only). Text is drawn from
 * characters that break naive writers — separators, quotes, escapes, line breaks, Chinese — as
 * well as from any Unicode.
 */

const awkward = [
  'a',
  'Z',
  '9',
  ' ',
  '|',
  '\\',
  ',',
  '"',
  "'",
  '\n',
  '\r\n',
  '\t',
  '=',
  '#',
  '/',
  '(',
  ')',
  '%',
  ':',
  '血',
  '红',
  '蛋',
  '白',
  'μ',
  'γ',
  '-',
];

/** Any text, often awkward; may start or end with white space. */
export const anyText = fc.oneof(
  fc
    .array(fc.constantFrom(...awkward), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

/** Non-empty text without white space at either end: what a spreadsheet cell keeps. */
export const trimmedText = anyText.map((text) => text.trim()).filter((text) => text !== '');

export const isoDateTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00.000Z'),
    max: new Date('2099-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const personId = fc.stringMatching(/^profile_[a-z0-9]{1,6}$/);

/** Source-system labels, a few shared so that scopes repeat, as typed by people. */
export const sourceSystem = fc.oneof(fc.constantFrom('LIS-A', 'lis-a', 'HIS 北京'), trimmedText);

export const learnedSynonym: fc.Arbitrary<LearnedSynonym> = fc.record(
  {
    text: trimmedText,
    addedBy: personId,
    addedAt: isoDateTime,
    sourceId: trimmedText,
    sourceSystem,
  },
  { requiredKeys: ['text', 'addedBy', 'addedAt'] },
);

export interface TermOptions {
  dictionaryId: string;
  domain: TermDomain;
  /** Text of names and list items: default any text trimmed. */
  text?: fc.Arbitrary<string>;
}

/** A term with a code that is unique only by chance; see `uniqueTerms`. */
export function term(options: TermOptions): fc.Arbitrary<ExportedTerm> {
  const text = options.text ?? trimmedText;
  return fc
    .record(
      {
        id: trimmedText,
        system: fc.constantFrom(...codeSystems),
        code: trimmedText,
        nameEn: text,
        nameZh: fc.oneof(fc.constant(''), text),
        abbreviations: fc.array(text, { maxLength: 3 }),
        synonyms: fc.array(text, { maxLength: 3 }),
        units: fc.array(text, { maxLength: 3 }),
        property: text,
        specimen: text,
        category: fc.oneof(fc.constant(''), text),
        status: fc.constantFrom('active' as const, 'deprecated' as const),
        learned: fc.array(learnedSynonym, { maxLength: 2 }),
        updatedAt: isoDateTime,
        replacedBy: trimmedText,
      },
      {
        requiredKeys: [
          'id',
          'system',
          'code',
          'nameEn',
          'nameZh',
          'abbreviations',
          'synonyms',
          'units',
          'category',
          'status',
          'learned',
          'updatedAt',
        ],
      },
    )
    .map(({ replacedBy, ...rest }): ExportedTerm => {
      const result: ExportedTerm = {
        ...rest,
        domain: options.domain,
        dictionaryId: options.dictionaryId,
      };
      if (replacedBy !== undefined && rest.status === 'deprecated' && replacedBy !== rest.id) {
        result.replacedBy = replacedBy;
      }
      return result;
    });
}

/** Terms with distinct codes and distinct ids (the id gets its position appended). */
export function uniqueTerms(
  options: TermOptions,
  constraints: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<ExportedTerm[]> {
  return fc
    .uniqueArray(term(options), { selector: (item) => item.code, maxLength: 6, ...constraints })
    .map((terms) =>
      terms.map((item, index) => {
        const id = `${item.id}#${index}`;
        const copy: ExportedTerm = { ...item, id };
        if (copy.replacedBy === id) delete copy.replacedBy;
        return copy;
      }),
    );
}

export const dictionaryInfo: fc.Arbitrary<DictionaryInfo> = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
  domain: fc.constantFrom(...termDomains),
  nameEn: trimmedText,
  nameZh: fc.oneof(fc.constant(''), trimmedText),
});

/** A dictionary and its terms. */
export const dictionaryWithTerms = dictionaryInfo.chain((dictionary) =>
  uniqueTerms({ dictionaryId: dictionary.id, domain: dictionary.domain }).map((terms) => ({
    dictionary,
    terms,
  })),
);

const score = fc.double({ min: 0, max: 1, noNaN: true }).map((value) => (value === 0 ? 0 : value));

/** Mappings of raw names to the given terms (flagged ones may name none). */
export function mappingsOf(terms: readonly Term[]): fc.Arbitrary<FieldMapping[]> {
  const termIds = terms.map((item) => item.id);
  const mapping = fc
    .record({
      id: fc.oneof(fc.stringMatching(/^mapping_[a-z0-9]{4,20}$/), trimmedText),
      // Few projects, so that mappings share groups and sources.
      projectId: fc.oneof(fc.constantFrom('project_ward3', '病区 5', 'a|b=c%'), trimmedText),
      raw: anyText.filter((raw) => raw !== ''),
      status: fc.constantFrom<MappingStatus>('accepted', 'automatic', 'rejected', 'flagged'),
      termId: termIds.length > 0 ? fc.constantFrom(...termIds) : fc.constant(''),
      proposesTerm: fc.boolean(),
      score,
      reason: fc.oneof(fc.constant(''), anyText),
      decidedBy: fc.oneof(personId, fc.constant('system'), trimmedText),
      decidedAt: isoDateTime,
      dictionaryVersion: fc.nat({ max: 10_000 }),
      sourceSystem: fc.option(sourceSystem, { nil: undefined }),
    })
    .map(({ proposesTerm, sourceSystem: system, ...rest }): FieldMapping => {
      const status: MappingStatus = rest.termId === '' ? 'flagged' : rest.status;
      const termId = status === 'flagged' && !proposesTerm ? '' : rest.termId;
      return { ...rest, status, termId, ...(system === undefined ? {} : { sourceSystem: system }) };
    });
  return fc
    .uniqueArray(mapping, { selector: (item) => `${item.projectId}\n${item.raw}`, maxLength: 8 })
    .map((mappings) => mappings.map((item, index) => ({ ...item, id: `${item.id}#${index}` })));
}
