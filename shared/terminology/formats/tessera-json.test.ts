import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dictionaryInfo, isoDateTime, mappingsOf, uniqueTerms } from './test-arbitraries';
import {
  readTesseraDictionary,
  writeTesseraDictionary,
  type TesseraDictionaryContent,
} from './tessera-json';
import { failureOf } from '../../ingest/test-support';

const localPath = 'test/fixtures/terminology/crafted/local.tessera.json';

/** The fixture with one change made to its parsed form, written back as indented JSON. */
function edited(change: (file: Record<string, unknown>) => void): string {
  const file = JSON.parse(readFileSync(localPath, 'utf8')) as Record<string, unknown>;
  change(file);
  return JSON.stringify(file, null, 2);
}

/** 1-based line of the first line of `text` that contains `needle` after line `after`. */
function lineOf(text: string, needle: string, after = 0): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line, at) => at >= after && line.includes(needle));
  if (index === -1) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}

const content: fc.Arbitrary<TesseraDictionaryContent> = fc
  .uniqueArray(dictionaryInfo, { selector: (dictionary) => dictionary.id, maxLength: 3 })
  .chain((dictionaries) =>
    fc.record({
      exportedAt: isoDateTime,
      dictionaryVersion: fc.nat({ max: 1000 }),
      dictionaries: fc.constant(dictionaries),
      terms: fc
        .tuple(
          ...dictionaries.map((dictionary) =>
            uniqueTerms({ dictionaryId: dictionary.id, domain: dictionary.domain }),
          ),
        )
        .map((lists) =>
          lists.flatMap((terms, index) =>
            terms.map((term) => ({ ...term, id: `${dictionaries[index]?.id}/${term.id}` })),
          ),
        ),
    }),
  )
  .chain((base) =>
    fc
      .option(mappingsOf(base.terms), { nil: undefined })
      .map((mappings) => (mappings === undefined ? base : { ...base, mappings })),
  );

describe('Tessera dictionary JSON', () => {
  it('reads back exactly what it wrote, learned synonyms, replacements and mappings included', () => {
    fc.assert(
      fc.property(content, (original) => {
        const read = readTesseraDictionary(writeTesseraDictionary(original));
        expect(read).toEqual({ format: 'tessera-dictionary', version: 1, ...original });
      }),
      { numRuns: 150 },
    );
  });

  it('reads the crafted fixture: dictionaries, terms with provenance, mappings of each status', () => {
    const file = readTesseraDictionary(readFileSync(localPath, 'utf8'), 'local.tessera.json');
    expect(file.dictionaryVersion).toBe(7);
    expect(file.dictionaries).toEqual([
      {
        id: 'clinical-lab',
        domain: 'clinical-lab',
        nameEn: 'Clinical laboratory',
        nameZh: '临床检验',
      },
    ]);
    expect(file.terms.map((term) => term.id)).toEqual([
      'lab.wbc',
      'lab.hemoglobin',
      'lab.alt',
      'lab.ast',
      'lab.alp',
      'lab.ggt',
      'lab.glucose',
      'lab.creatinine',
    ]);
    expect(file.terms[1]?.learned).toEqual([
      {
        text: 'HGB_RESULT',
        addedBy: 'profile_zhang',
        addedAt: '2025-03-04T02:15:00.000Z',
        sourceId: 'source_0m7b2k1q9a3f',
      },
    ]);
    expect(file.mappings?.map((mapping) => mapping.status)).toEqual([
      'accepted',
      'automatic',
      'accepted',
      'flagged',
      'rejected',
    ]);
    const again = readTesseraDictionary(writeTesseraDictionary(file));
    expect(again).toEqual(file);
  });

  it('writes two-space indented JSON with a final newline and the keys in format order', () => {
    const text = writeTesseraDictionary({
      exportedAt: '2025-05-06T01:00:00.000Z',
      dictionaryVersion: 1,
      dictionaries: [],
      terms: [],
    });
    expect(text).toBe(
      '{\n  "format": "tessera-dictionary",\n  "version": 1,\n  "exportedAt": "2025-05-06T01:00:00.000Z",\n  "dictionaryVersion": 1,\n  "dictionaries": [],\n  "terms": []\n}\n',
    );
  });

  it('refuses to write what it could not read back, naming the JSON path', () => {
    const file = readTesseraDictionary(readFileSync(localPath, 'utf8'));
    const broken = { ...file, terms: [...file.terms, { ...file.terms[0]!, nameEn: '' }] };
    expect(() => writeTesseraDictionary(broken)).toThrow(/\$\.terms\[8\]\.nameEn/);
  });

  it('names the line of a JSON syntax error', () => {
    const text = readFileSync(localPath, 'utf8').replace(
      '"category": "Hematology",',
      '"category": "Hematology"',
    );
    const error = failureOf(() => readTesseraDictionary(text, 'local.tessera.json'));
    expect(error.fileName).toBe('local.tessera.json');
    expect(error.line).toBe(lineOf(text, '"category": "Hematology"') + 1);
    expect(error.reason).toMatch(/^is not valid JSON/);
  });

  it('refuses another kind of file and a version it does not read', () => {
    expect(failureOf(() => readTesseraDictionary('{"resourceType": "CodeSystem"}')).reason).toMatch(
      /not a Tessera dictionary file/,
    );
    const newer = edited((file) => (file.version = 2));
    const error = failureOf(() => readTesseraDictionary(newer));
    expect(error.reason).toMatch(/^\$\.version: version 2 is not one this Tessera reads/);
    expect(error.line).toBe(lineOf(newer, '"version"'));
    expect(failureOf(() => readTesseraDictionary('   ')).reason).toMatch(/blank/);
  });

  it('names the JSON path and line of a wrong value', () => {
    const text = edited((file) => {
      const terms = file.terms as Record<string, unknown>[];
      terms[2]!.status = 'retired';
    });
    const error = failureOf(() => readTesseraDictionary(text));
    expect(error.reason).toMatch(/^\$\.terms\[2\]\.status: /);
    expect(error.line).toBe(lineOf(text, '"retired"'));
  });

  it('names the JSON path of a missing field and the line of the object lacking it', () => {
    const text = edited((file) => {
      const terms = file.terms as Record<string, unknown>[];
      delete terms[1]!.code;
    });
    const error = failureOf(() => readTesseraDictionary(text));
    expect(error.reason).toMatch(/^\$\.terms\[1\]\.code: /);
    expect(error.line).toBe(lineOf(text, '"id": "lab.hemoglobin"') - 1);
  });

  it('names the path of a learned synonym without its date and of a key the format lacks', () => {
    const noDate = edited((file) => {
      const terms = file.terms as { learned: Record<string, unknown>[] }[];
      delete terms[1]!.learned[0]!.addedAt;
    });
    expect(failureOf(() => readTesseraDictionary(noDate)).reason).toMatch(
      /^\$\.terms\[1\]\.learned\[0\]\.addedAt: /,
    );
    const extra = edited((file) => {
      const terms = file.terms as Record<string, unknown>[];
      terms[0]!.colour = 'red';
    });
    expect(failureOf(() => readTesseraDictionary(extra)).reason).toMatch(
      /^\$\.terms\[0\]: .*colour/,
    );
  });

  it('refuses duplicate term ids, unlisted dictionaries and replacements of active terms', () => {
    const duplicate = edited((file) => {
      const terms = file.terms as Record<string, unknown>[];
      terms[3]!.id = 'lab.wbc';
    });
    const error = failureOf(() => readTesseraDictionary(duplicate));
    expect(error.reason).toBe(
      '$.terms[3].id: term id "lab.wbc" appears twice (first at $.terms[0])',
    );
    expect(error.line).toBe(
      lineOf(duplicate, '"id": "lab.wbc"', lineOf(duplicate, '"id": "lab.alt"')),
    );

    const unlisted = edited((file) => {
      const terms = file.terms as Record<string, unknown>[];
      terms[4]!.dictionaryId = 'finance';
    });
    expect(failureOf(() => readTesseraDictionary(unlisted)).reason).toBe(
      '$.terms[4].dictionaryId: dictionary "finance" is not listed in $.dictionaries',
    );

    const replaced = edited((file) => {
      const terms = file.terms as Record<string, unknown>[];
      terms[5]!.replacedBy = 'lab.alt';
    });
    expect(failureOf(() => readTesseraDictionary(replaced)).reason).toBe(
      '$.terms[5].replacedBy: only a deprecated term has a replacement',
    );
  });

  it('refuses a mapping that names no term unless it is flagged', () => {
    const text = edited((file) => {
      const mappings = file.mappings as Record<string, unknown>[];
      mappings[0]!.termId = '';
    });
    expect(failureOf(() => readTesseraDictionary(text)).reason).toBe(
      '$.mappings[0].termId: must name a term unless the mapping is flagged',
    );
  });
});
