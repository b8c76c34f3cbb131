import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFhirCodeSystem, readFhirCodeSystem, writeFhirCodeSystem } from './fhir-codesystem';
import { readTesseraDictionary } from './tessera-json';
import { dictionaryWithTerms } from './test-arbitraries';
import { failureOf } from '../../ingest/test-support';

const importedAt = '2025-06-01T00:00:00.000Z';
const date = '2025-05-06T01:00:00.000Z';
const fixture = readTesseraDictionary(
  readFileSync('test/fixtures/terminology/crafted/local.tessera.json', 'utf8'),
);
const lab = fixture.dictionaries[0]!;

const designationUses = new Set([
  'http://snomed.info/sct|900000000000013009',
  'http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra|preferredForLanguage',
  'urn:tessera:designation-use|abbreviation',
  'urn:tessera:designation-use|learned-synonym',
]);

describe('FHIR CodeSystem', () => {
  it('reads back the codes, names, aliases, provenance and properties it wrote', () => {
    fc.assert(
      fc.property(dictionaryWithTerms, fc.nat({ max: 99 }), ({ dictionary, terms }, version) => {
        const text = writeFhirCodeSystem(dictionary, terms, { date, dictionaryVersion: version });
        const read = readFhirCodeSystem(text, { importedAt });
        expect(read.dictionary).toEqual(dictionary);
        expect(read.terms).toEqual(terms.map((term) => ({ ...term, updatedAt: importedAt })));
      }),
      { numRuns: 150 },
    );
  });

  it('has the published shape: resourceType, url, status, content, unique codes, declared properties', () => {
    fc.assert(
      fc.property(dictionaryWithTerms, ({ dictionary, terms }) => {
        const codeSystem = JSON.parse(
          writeFhirCodeSystem(dictionary, terms, { date }),
        ) as ReturnType<typeof buildFhirCodeSystem>;
        expect(codeSystem).toMatchObject({
          resourceType: 'CodeSystem',
          url: `urn:tessera:dictionary:${dictionary.id}`,
          status: 'active',
          content: 'complete',
          count: terms.length,
          date,
        });
        expect(codeSystem.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
        expect(codeSystem.name).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
        const codes = codeSystem.concept.map((concept) => concept.code);
        expect(new Set(codes).size).toBe(codes.length);
        const declared = new Set(codeSystem.property.map((property) => property.code));
        for (const concept of codeSystem.concept) {
          for (const property of concept.property ?? []) expect(declared).toContain(property.code);
          for (const designation of concept.designation ?? []) {
            expect(designationUses).toContain(
              `${designation.use?.system}|${designation.use?.code}`,
            );
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes a lab term as a FHIR reader expects it', () => {
    const codeSystem = buildFhirCodeSystem(lab, fixture.terms, { date, dictionaryVersion: 7 });
    expect(codeSystem.version).toBe('7');
    expect(codeSystem.name).toBe('TesseraClinicalLab');
    expect(codeSystem.title).toBe('Clinical laboratory');
    expect(codeSystem._title?.extension[0]?.extension).toEqual([
      { url: 'lang', valueCode: 'zh-CN' },
      { url: 'content', valueString: '临床检验' },
    ]);
    const hemoglobin = codeSystem.concept[1]!;
    expect(hemoglobin.code).toBe('718-7');
    expect(hemoglobin.display).toBe('Hemoglobin');
    expect(hemoglobin.designation?.slice(0, 2)).toEqual([
      {
        language: 'zh-CN',
        use: {
          system: 'http://terminology.hl7.org/CodeSystem/hl7TermMaintInfra',
          code: 'preferredForLanguage',
          display: 'Preferred For Language',
        },
        value: '血红蛋白',
      },
      {
        language: 'en',
        use: {
          system: 'urn:tessera:designation-use',
          code: 'abbreviation',
          display: 'Abbreviation',
        },
        value: 'Hb',
      },
    ]);
    expect(hemoglobin.designation).toContainEqual({
      language: 'zh-CN',
      use: { system: 'http://snomed.info/sct', code: '900000000000013009', display: 'Synonym' },
      value: '血色素',
    });
    expect(hemoglobin.property?.slice(0, 4)).toEqual([
      { code: 'status', valueCode: 'active' },
      { code: 'tessera-id', valueString: 'lab.hemoglobin' },
      { code: 'source-system', valueString: 'http://loinc.org' },
      { code: 'unit', valueString: 'g/L' },
    ]);
  });

  it('leaves out terms of other dictionaries and refuses two terms with one code', () => {
    const other = { ...fixture.terms[0]!, id: 'x.wbc', dictionaryId: 'other' };
    expect(buildFhirCodeSystem(lab, [...fixture.terms, other], { date }).count).toBe(8);
    const twin = { ...fixture.terms[0]!, id: 'lab.wbc-2' };
    expect(() => buildFhirCodeSystem(lab, [...fixture.terms, twin], { date })).toThrow(
      'Terms "lab.wbc" and "lab.wbc-2" share the code "6690-2"',
    );
  });

  it('reads a CodeSystem from elsewhere: LOINC url, nested concepts, plain designations', () => {
    const loinc = {
      resourceType: 'CodeSystem',
      url: 'http://loinc.org',
      id: 'loinc-subset',
      title: 'LOINC subset',
      status: 'active',
      content: 'fragment',
      concept: [
        {
          code: '718-7',
          display: 'Hemoglobin [Mass/volume] in Blood',
          designation: [
            { language: 'zh-CN', value: '血红蛋白' },
            { value: 'Hemoglobin [Mass/volume] in Blood' },
            { language: 'en', value: 'Hgb Bld-mCnc' },
          ],
          concept: [
            {
              code: '4544-3',
              display: 'Hematocrit [Volume Fraction] of Blood by Automated count',
              property: [{ code: 'inactive', valueBoolean: true }],
            },
          ],
        },
      ],
    };
    const read = readFhirCodeSystem(JSON.stringify(loinc), { importedAt });
    expect(read.dictionary).toEqual({
      id: 'loinc-subset',
      domain: 'clinical-lab',
      nameEn: 'LOINC subset',
      nameZh: '',
    });
    expect(read.terms.map((term) => [term.id, term.system, term.code, term.status])).toEqual([
      ['loinc-subset.718-7', 'LOINC', '718-7', 'active'],
      ['loinc-subset.4544-3', 'LOINC', '4544-3', 'deprecated'],
    ]);
    expect(read.terms[0]).toMatchObject({ nameZh: '血红蛋白', synonyms: ['Hgb Bld-mCnc'] });
    const local = readFhirCodeSystem(JSON.stringify({ ...loinc, url: 'http://example.org/cs' }), {
      importedAt,
      dictionaryId: 'site-codes',
      domain: 'clinical-lab',
    });
    expect(local.terms.map((term) => [term.id, term.system])).toEqual([
      ['site-codes.718-7', 'local'],
      ['site-codes.4544-3', 'local'],
    ]);
  });

  it('names the JSON path and line of what it cannot read', () => {
    expect(
      failureOf(() => readFhirCodeSystem('{\n  "resourceType": "Bundle"\n}', { importedAt })),
    ).toMatchObject({ line: 2, reason: '$.resourceType: this is a FHIR Bundle, not a CodeSystem' });

    const text = writeFhirCodeSystem(lab, fixture.terms, { date });
    const parsed = JSON.parse(text) as { concept: Record<string, unknown>[] };
    parsed.concept[2]!.code = parsed.concept[0]!.code;
    const twice = failureOf(() =>
      readFhirCodeSystem(JSON.stringify(parsed, null, 2), { fileName: 'lab.json', importedAt }),
    );
    expect(twice.fileName).toBe('lab.json');
    expect(twice.reason).toBe(
      '$.concept[2].code: code "6690-2" appears twice (first at $.concept[0])',
    );
    const lines = JSON.stringify(parsed, null, 2).split('\n');
    expect(lines[(twice.line ?? 0) - 1]).toContain('"code": "6690-2"');

    delete parsed.concept[3]!.code;
    expect(
      failureOf(() => readFhirCodeSystem(JSON.stringify(parsed), { importedAt })).reason,
    ).toMatch(/^\$\.concept\[3\]\.code: /);

    const anonymous = { resourceType: 'CodeSystem', url: 'http://example.org/cs', concept: [] };
    expect(
      failureOf(() => readFhirCodeSystem(JSON.stringify(anonymous), { importedAt })).reason,
    ).toBe('$.url: no dictionary id: not a Tessera URL, no id, no name, none given');
    const noDomain = { ...anonymous, id: 'cs' };
    expect(
      failureOf(() => readFhirCodeSystem(JSON.stringify(noDomain), { importedAt })).reason,
    ).toBe('$.extension: the CodeSystem does not say its domain, and none was given');
  });

  it('refuses a learned synonym without its provenance', () => {
    const parsed = buildFhirCodeSystem(lab, fixture.terms, { date });
    const designation = parsed.concept[1]!.designation!.find(
      (item) => item.use?.code === 'learned-synonym',
    )!;
    designation.extension = designation.extension!.filter(
      (item) => !item.url.endsWith('learned-at'),
    );
    const error = failureOf(() =>
      readFhirCodeSystem(JSON.stringify(parsed, null, 2), { importedAt }),
    );
    expect(error.reason).toMatch(
      /^\$\.concept\[1\]\.designation\[\d+\]\.extension: a learned synonym needs the extension urn:tessera:fhir:learned-at/,
    );
  });
});
