import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldMapping } from '../../model/mapping';
import {
  buildFhirConceptMap,
  readConceptMapMappings,
  readFhirConceptMap,
  writeFhirConceptMap,
} from './fhir-conceptmap';
import { readTesseraDictionary } from './tessera-json';
import { mappingsOf, uniqueTerms } from './test-arbitraries';
import { failureOf } from '../../ingest/test-support';

const importedAt = '2025-06-01T00:00:00.000Z';
const date = '2025-05-06T01:00:00.000Z';
const fixture = readTesseraDictionary(
  readFileSync('test/fixtures/terminology/crafted/local.tessera.json', 'utf8'),
);
const mappings = fixture.mappings ?? [];

/** A ConceptMap lists mappings by group, so compare them in a fixed order. */
function byId(list: readonly FieldMapping[]): FieldMapping[] {
  return [...list].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}

const termsAndMappings = uniqueTerms(
  { dictionaryId: 'clinical-lab', domain: 'clinical-lab' },
  { minLength: 1 },
).chain((terms) => mappingsOf(terms).map((list) => ({ terms, mappings: list })));

const fhirCode = /^[^\s]+( [^\s]+)*$/;

describe('FHIR ConceptMap', () => {
  it('reads back raw name, target, status, score, person, time and reason of every mapping', () => {
    fc.assert(
      fc.property(termsAndMappings, ({ terms, mappings: list }) => {
        const text = writeFhirConceptMap(list, terms, { date });
        expect(byId(readFhirConceptMap(text, { terms, importedAt }))).toEqual(byId(list));
      }),
      { numRuns: 150 },
    );
  });

  it('has the published shape: valid codes, one group per project and target system', () => {
    fc.assert(
      fc.property(termsAndMappings, ({ terms, mappings: list }) => {
        const conceptMap = buildFhirConceptMap(list, terms, { date });
        expect(conceptMap).toMatchObject({ resourceType: 'ConceptMap', status: 'active', date });
        const keys = conceptMap.group.map((group) => `${group.source} ${group.target ?? ''}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const group of conceptMap.group) {
          expect(group.source).toMatch(/^urn:tessera:project:/);
          for (const element of group.element) {
            expect(element.code).toMatch(fhirCode);
            expect(element.target).toHaveLength(1);
            const target = element.target[0]!;
            expect(target.code === undefined).toBe(target.equivalence === 'unmatched');
            if (target.code !== undefined) expect(group.target).toBeDefined();
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes the fixture mappings with the equivalence of each status', () => {
    const conceptMap = buildFhirConceptMap(mappings, fixture.terms, { date, dictionaryVersion: 7 });
    expect(conceptMap.group.map((group) => [group.source, group.target])).toEqual([
      ['urn:tessera:project:project_ward3', 'http://loinc.org'],
      ['urn:tessera:project:project_ward3', undefined],
    ]);
    const [loinc, none] = conceptMap.group;
    expect(
      loinc?.element.map((element) => [
        element.code,
        element.target[0]?.code,
        element.target[0]?.display,
        element.target[0]?.equivalence,
      ]),
    ).toEqual([
      ['HGB_RESULT', '718-7', 'Hemoglobin', 'equivalent'],
      ['白细胞', '6690-2', 'White blood cell count', 'relatedto'],
      ['ALT (U/L)', '1742-6', 'Alanine aminotransferase', 'equivalent'],
      ['CK', '2160-0', 'Creatinine', 'disjoint'],
    ]);
    expect(loinc?.element[0]?.target[0]?.comment).toBe('abbreviation "HGB" of Hemoglobin, 1 edit');
    expect(none?.element).toEqual([
      {
        code: 'Glu fasting',
        extension: [{ url: 'urn:tessera:fhir:raw', valueString: 'Glu  fasting' }],
        target: [expect.objectContaining({ equivalence: 'unmatched' })],
      },
    ]);
    expect(
      byId(readFhirConceptMap(JSON.stringify(conceptMap), { terms: fixture.terms, importedAt })),
    ).toEqual(byId(mappings));
  });

  it('reads a ConceptMap from elsewhere by code, equivalence, publisher and date', () => {
    const foreign = {
      resourceType: 'ConceptMap',
      status: 'active',
      publisher: 'Ward 5 lab',
      date: '2024-11-02T08:00:00+08:00',
      group: [
        {
          source: 'http://ward5.example.org/fields',
          target: 'http://loinc.org',
          element: [
            { code: 'HB', target: [{ code: '718-7', equivalence: 'equal' }] },
            {
              code: 'GLU',
              target: [{ code: '2345-7', equivalence: 'wider', comment: 'any glucose' }],
            },
            { code: 'XYZ', target: [{ equivalence: 'unmatched' }] },
          ],
        },
      ],
    };
    const read = readFhirConceptMap(JSON.stringify(foreign), {
      terms: fixture.terms,
      importedAt,
      projectId: 'project_ward5',
    });
    expect(read).toEqual([
      {
        id: 'mapping:project_ward5:HB',
        projectId: 'project_ward5',
        raw: 'HB',
        termId: 'lab.hemoglobin',
        status: 'accepted',
        score: 1,
        reason: '',
        decidedBy: 'Ward 5 lab',
        decidedAt: '2024-11-02T08:00:00+08:00',
        dictionaryVersion: 0,
      },
      expect.objectContaining({
        raw: 'GLU',
        termId: 'lab.glucose',
        status: 'automatic',
        score: 0,
        reason: 'any glucose',
      }),
      expect.objectContaining({ raw: 'XYZ', termId: '', status: 'flagged' }),
    ]);
  });

  it('names the JSON path and line of a target no term has and of a group with no project', () => {
    const conceptMap = buildFhirConceptMap(mappings, fixture.terms, { date });
    conceptMap.group[0]!.element[1]!.target[0]!.code = '99999-9';
    conceptMap.group[0]!.element[1]!.target[0]!.extension = [];
    const text = JSON.stringify(conceptMap, null, 2);
    const error = failureOf(() =>
      readFhirConceptMap(text, { fileName: 'map.json', terms: fixture.terms, importedAt }),
    );
    expect(error.reason).toBe(
      '$.group[0].element[1].target[0].code: no term has code "99999-9" in http://loinc.org',
    );
    expect(text.split('\n')[(error.line ?? 0) - 1]).toContain('"99999-9"');

    const collected = readConceptMapMappings(text, {
      terms: fixture.terms,
      importedAt,
      unknownTargets: 'collect',
    });
    expect(collected.unknownTargets).toEqual([
      {
        line: error.line,
        raw: conceptMap.group[0]!.element[1]!.code,
        target: 'http://loinc.org|99999-9',
        reason: 'no term has code "99999-9" in http://loinc.org',
      },
    ]);
    expect(collected.mappings).toHaveLength(mappings.length - 1);

    const foreign = JSON.stringify({
      resourceType: 'ConceptMap',
      group: [{ source: 'http://example.org', target: 'http://loinc.org', element: [] }],
    });
    expect(failureOf(() => readFhirConceptMap(foreign, { terms: [], importedAt })).reason).toBe(
      '$.group[0].source: not a Tessera project URI, and no project was given',
    );
    expect(
      failureOf(() =>
        readFhirConceptMap('{"resourceType":"ConceptMap","group":[{"element":[{"code":""}]}]}', {
          terms: [],
          importedAt,
        }),
      ).reason,
    ).toMatch(/^\$\.group\[0\]\.element\[0\]\.code: must not be empty/);
  });
});
