import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Term } from '../../model/terminology';
import { joinList, readTermsCsv, splitList, termCsvColumns, writeTermsCsv } from './csv';
import { readTesseraDictionary } from './tessera-json';
import { trimmedText, uniqueTerms } from './test-arbitraries';
import { failureOf } from '../../ingest/test-support';

const importedAt = '2025-06-01T00:00:00.000Z';

/**
 * What CSV keeps of a term: no learned synonyms (those for every system join the synonyms; those
 * for one source system are not widened to all), no replacement.
 */
function asCsvKeepsIt(term: Term & { replacedBy?: string }): Term {
  const { replacedBy: _replacedBy, ...rest } = term;
  const kept: Term = {
    ...rest,
    synonyms: [
      ...new Set([
        ...term.synonyms,
        ...term.learned
          .filter((learned) => learned.sourceSystem === undefined)
          .map((learned) => learned.text),
      ]),
    ],
    learned: [],
    updatedAt: importedAt,
  };
  if (kept.property === '') delete kept.property;
  if (kept.specimen === '') delete kept.specimen;
  return kept;
}

const header = termCsvColumns.join(',');

describe('list cells', () => {
  it('split what they join, for items holding "|", "\\", " | " and Chinese', () => {
    fc.assert(
      fc.property(fc.array(trimmedText, { maxLength: 6 }), (items) => {
        expect(splitList(joinList(items))).toEqual(items);
      }),
      { numRuns: 300 },
    );
    expect(joinList(['a|b', 'c\\d', '血 | 红'])).toBe('a\\|b | c\\\\d | 血 \\| 红');
  });

  it('take what people type: no spaces, extra spaces, empty items, stray backslashes', () => {
    expect(splitList('Hb|HGB |  Hgb ||')).toEqual(['Hb', 'HGB', 'Hgb']);
    expect(splitList('C:\\path | 10^9/L')).toEqual(['C:\\path', '10^9/L']);
    expect(splitList('')).toEqual([]);
  });
});

describe('terms CSV', () => {
  it('reads back the facts it wrote, with commas, quotes, line breaks, "|" and Chinese', () => {
    fc.assert(
      fc.property(
        uniqueTerms({ dictionaryId: 'clinical-lab', domain: 'clinical-lab' }),
        (terms) => {
          const read = readTermsCsv(writeTermsCsv(terms), { importedAt });
          expect(read).toEqual(terms.map(asCsvKeepsIt));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes the header, a BOM, CRLF lines and " | " lists', () => {
    const file = readTesseraDictionary(
      readFileSync('test/fixtures/terminology/crafted/local.tessera.json', 'utf8'),
    );
    const csv = writeTermsCsv(file.terms.slice(1, 2));
    expect(csv.startsWith(`\uFEFF${header}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]).toEqual([
      'lab.hemoglobin',
      'clinical-lab',
      'clinical-lab',
      'LOINC',
      '718-7',
      'Hemoglobin',
      '血红蛋白',
      'Hb | HGB | Hgb',
      'Haemoglobin | Hemoglobin concentration | 血色素 | 血红蛋白浓度 | HGB_RESULT',
      'g/L | g/dL',
      'MCnc',
      'Blood',
      'Hematology',
      'active',
    ]);
    expect(
      writeTermsCsv(file.terms.slice(1, 2), { learnedAsSynonyms: false, bom: false }),
    ).not.toMatch(/HGB_RESULT|^\uFEFF/);
  });

  it('reads columns in any order and fills the optional ones', () => {
    const csv =
      'code,name_en,id,dictionary,domain,system\n718-7,Hemoglobin,lab.hb,lab,clinical-lab,LOINC\n';
    expect(readTermsCsv(csv, { importedAt })).toEqual([
      {
        id: 'lab.hb',
        domain: 'clinical-lab',
        system: 'LOINC',
        code: '718-7',
        nameEn: 'Hemoglobin',
        nameZh: '',
        abbreviations: [],
        synonyms: [],
        units: [],
        category: '',
        dictionaryId: 'lab',
        status: 'active',
        learned: [],
        updatedAt: importedAt,
      },
    ]);
  });

  it('names the line of a bad row, counting line breaks inside quoted cells', () => {
    const csv = [
      header,
      'lab.a,lab,clinical-lab,LOINC,1-1,A,,,"one',
      'two",,,,,active',
      'lab.b,lab,clinical-labs,LOINC,2-2,B,,,,,,,,active',
    ].join('\r\n');
    const error = failureOf(() => readTermsCsv(csv, { fileName: 'terms.csv', importedAt }));
    expect(error.fileName).toBe('terms.csv');
    expect(error.line).toBe(4);
    expect(error.reason).toMatch(/^domain "clinical-labs" is not one of clinical-lab, /);
  });

  it('names the line of an empty required cell, an unknown system or status, a repeated id', () => {
    const row = (cells: string) =>
      `${header}\nlab.a,lab,clinical-lab,LOINC,1-1,A,,,,,,,,\n${cells}\n`;
    const cases: [string, string][] = [
      ['lab.b,lab,clinical-lab,LOINC,,B,,,,,,,,', 'column "code" is empty'],
      [
        'lab.b,lab,clinical-lab,RxNorm,2,B,,,,,,,,',
        'system "RxNorm" is not one of LOINC, SNOMED CT, ICD-10, local',
      ],
      [
        'lab.b,lab,clinical-lab,LOINC,2,B,,,,,,,,retired',
        'status "retired" is not active or deprecated',
      ],
      [
        'lab.a,lab,clinical-lab,LOINC,2,B,,,,,,,,',
        'term id "lab.a" appears twice (first on line 2)',
      ],
    ];
    for (const [cells, reason] of cases) {
      const error = failureOf(() => readTermsCsv(row(cells), { importedAt }));
      expect([error.line, error.reason]).toEqual([3, reason]);
    }
  });

  it('names the header line of an unknown or missing column, and the line of a broken quote', () => {
    expect(failureOf(() => readTermsCsv('id,dictionary,colour\n', { importedAt })).reason).toBe(
      `column "colour" is not one of ${termCsvColumns.join(', ')}`,
    );
    const missing = failureOf(() => readTermsCsv('id,dictionary,code\nx,y,z\n', { importedAt }));
    expect([missing.line, missing.reason]).toEqual([
      1,
      'the header lacks columns domain, system, name_en',
    ]);
    const quote = failureOf(() =>
      readTermsCsv(`${header}\nlab.a,lab,clinical-lab,LOINC,1,"A,,,,,,,,\n`, { importedAt }),
    );
    expect(quote.line).toBe(2);
    expect(quote.reason).toMatch(/quote/);
  });
});
