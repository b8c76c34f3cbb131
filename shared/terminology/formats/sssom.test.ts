import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readSssom, sssomColumns, writeSssom } from './sssom';
import { readTesseraDictionary } from './tessera-json';
import { mappingsOf, uniqueTerms } from './test-arbitraries';
import { failureOf } from '../../ingest/test-support';

const importedAt = '2025-06-01T00:00:00.000Z';
const fixture = readTesseraDictionary(
  readFileSync('test/fixtures/terminology/crafted/local.tessera.json', 'utf8'),
);
const mappings = fixture.mappings ?? [];
const terms = fixture.terms;

/** Slot names of the SSSOM schema (mapping-commons/sssom, sssom_schema.yaml). */
const sssomSlots = new Set([
  'subject_id',
  'subject_label',
  'subject_category',
  'subject_type',
  'subject_source',
  'subject_source_version',
  'subject_match_field',
  'subject_preprocessing',
  'predicate_id',
  'predicate_label',
  'predicate_modifier',
  'predicate_type',
  'object_id',
  'object_label',
  'object_category',
  'object_type',
  'object_source',
  'object_source_version',
  'object_match_field',
  'object_preprocessing',
  'mapping_justification',
  'author_id',
  'author_label',
  'reviewer_id',
  'reviewer_label',
  'creator_id',
  'creator_label',
  'license',
  'mapping_provider',
  'mapping_source',
  'mapping_cardinality',
  'mapping_tool',
  'mapping_tool_version',
  'mapping_date',
  'publication_date',
  'confidence',
  'match_string',
  'curation_rule',
  'curation_rule_text',
  'similarity_score',
  'similarity_measure',
  'issue_tracker_item',
  'see_also',
  'other',
  'comment',
]);
const builtInPrefixes = new Set(['skos', 'semapv', 'sssom', 'owl', 'rdf', 'rdfs', 'xsd']);

function split(text: string): { header: string[]; table: string[] } {
  const lines = text.trimEnd().split('\n');
  return {
    header: lines.filter((line) => line.startsWith('#')),
    table: lines.filter((line) => !line.startsWith('#')),
  };
}

const termsAndMappings = uniqueTerms(
  { dictionaryId: 'clinical-lab', domain: 'clinical-lab' },
  { minLength: 1 },
).chain((list) => mappingsOf(list).map((mappingList) => ({ terms: list, mappings: mappingList })));

describe('SSSOM/TSV', () => {
  it('reads back raw name, target, status, confidence, person, time and reason', () => {
    fc.assert(
      fc.property(termsAndMappings, ({ terms: list, mappings: mappingList }) => {
        const text = writeSssom(mappingList, list);
        expect(readSssom(text, { terms: list, importedAt }).mappings).toEqual(mappingList);
      }),
      { numRuns: 150 },
    );
  });

  it('writes a "# key: value" metadata block that parses as YAML, then SSSOM columns', () => {
    const text = writeSssom(mappings, terms, {
      mappingSetTitle: 'Ward 3: field mappings',
      dictionaryVersion: 7,
    });
    const { header, table } = split(text);
    for (const line of header) {
      expect(line).toMatch(/^# (curie_map:| {2}[A-Za-z][\w.-]*: \S.*|[a-z_]+: \S.*)$/);
    }
    const metadata = parseYaml(header.map((line) => line.slice(2)).join('\n')) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({
      mapping_set_id: 'urn:tessera:mapping-set:field-mappings',
      mapping_set_title: 'Ward 3: field mappings',
      mapping_set_version: '7',
      license: 'https://w3id.org/sssom/license/all-rights-reserved',
    });
    const columns = table[0]?.split('\t') ?? [];
    expect(columns).toEqual([...sssomColumns]);
    for (const column of columns) expect(sssomSlots).toContain(column);

    const curieMap = metadata.curie_map as Record<string, string>;
    for (const row of table.slice(1)) {
      const cells = row.split('\t');
      for (const column of [
        'subject_id',
        'predicate_id',
        'object_id',
        'author_id',
        'subject_source',
      ]) {
        const value = cells[columns.indexOf(column)] ?? '';
        const prefix = value.slice(0, value.indexOf(':'));
        expect(builtInPrefixes.has(prefix) || prefix in curieMap).toBe(true);
      }
    }
  });

  it('writes each status with its predicate, modifier and justification', () => {
    const { table } = split(writeSssom(mappings, terms));
    const columns = table[0]?.split('\t') ?? [];
    const pick = (row: string, names: string[]) => {
      const cells = row.split('\t');
      return names.map((name) => cells[columns.indexOf(name)]);
    };
    const names = [
      'subject_id',
      'subject_label',
      'predicate_id',
      'predicate_modifier',
      'object_id',
      'mapping_justification',
      'confidence',
      'mapping_date',
    ];
    expect(table.slice(1).map((row) => pick(row, names))).toEqual([
      [
        'tessera.field:HGB_RESULT',
        'HGB_RESULT',
        'skos:exactMatch',
        '',
        'LOINC:718-7',
        'semapv:ManualMappingCuration',
        '0.86',
        '2025-03-04',
      ],
      [
        'tessera.field:%E7%99%BD%E7%BB%86%E8%83%9E',
        '白细胞',
        'skos:exactMatch',
        '',
        'LOINC:6690-2',
        'semapv:LexicalMatching',
        '1',
        '2025-03-04',
      ],
      [
        'tessera.field:ALT%20(U%2FL)',
        'ALT (U/L)',
        'skos:exactMatch',
        '',
        'LOINC:1742-6',
        'semapv:ManualMappingCuration',
        '1',
        '2025-03-04',
      ],
      [
        'tessera.field:Glu%20%20fasting',
        'Glu  fasting',
        'skos:exactMatch',
        '',
        'sssom:NoTermFound',
        'semapv:UnspecifiedMatching',
        '0.7',
        '2025-03-04',
      ],
      [
        'tessera.field:CK',
        'CK',
        'skos:exactMatch',
        'Not',
        'LOINC:2160-0',
        'semapv:ManualMappingCuration',
        '0.64',
        '2025-03-04',
      ],
    ]);
    expect(readSssom(writeSssom(mappings, terms), { terms, importedAt }).mappings).toEqual(
      mappings,
    );
  });

  it('reads SSSOM from elsewhere: set-level source, other prefixes, no Tessera extras', () => {
    const text = [
      '# curie_map:',
      '#   loinc: https://loinc.org/',
      '#   orcid: https://orcid.org/',
      '#   ward5: http://ward5.example.org/field/',
      '# mapping_set_id: http://ward5.example.org/mappings.sssom.tsv',
      '# license: https://creativecommons.org/publicdomain/zero/1.0/',
      '# subject_source: tessera.project:project_ward5',
      'subject_id\tsubject_label\tpredicate_id\tobject_id\tmapping_justification\tauthor_id\tmapping_date',
      'ward5:HB\tHB\tskos:exactMatch\tloinc:718-7\tsemapv:MappingReview\torcid:0000-0002-1825-0097\t2024-11-02',
      'ward5:GLU\t\tskos:closeMatch\tloinc:2345-7\tsemapv:LexicalSimilarityThresholdMatching\t\t',
      '',
    ].join('\n');
    const read = readSssom(text, { terms, importedAt });
    expect(read.metadata.license).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(read.mappings).toEqual([
      {
        id: 'mapping:project_ward5:HB',
        projectId: 'project_ward5',
        raw: 'HB',
        termId: 'lab.hemoglobin',
        status: 'accepted',
        score: 1,
        reason: '',
        decidedBy: 'orcid:0000-0002-1825-0097',
        decidedAt: '2024-11-02T00:00:00.000Z',
        dictionaryVersion: 0,
      },
      {
        id: 'mapping:project_ward5:GLU',
        projectId: 'project_ward5',
        raw: 'GLU',
        termId: 'lab.glucose',
        status: 'automatic',
        score: 0,
        reason: '',
        decidedBy: 'unknown',
        decidedAt: importedAt,
        dictionaryVersion: 0,
      },
    ]);
  });

  it('names the line of a bad confidence, an unknown prefix, a missing term or project', () => {
    const text = writeSssom(mappings, terms);
    const lines = text.split('\n');
    const firstRow = lines.findIndex((line) => line.startsWith('tessera.field:'));
    const broken = (index: number, from: string, to: string) =>
      lines.map((line, at) => (at === firstRow + index ? line.replace(from, to) : line)).join('\n');

    const confidence = failureOf(() =>
      readSssom(broken(2, '\t1\t', '\t1.5\t'), { fileName: 'map.sssom.tsv', terms, importedAt }),
    );
    expect(confidence).toMatchObject({
      fileName: 'map.sssom.tsv',
      line: firstRow + 3,
      reason: 'confidence "1.5" is not a number from 0 to 1',
    });
    expect(
      failureOf(() => readSssom(broken(1, 'LOINC:6690-2', 'RXNORM:6690'), { terms, importedAt })),
    ).toMatchObject({
      line: firstRow + 2,
      reason: 'object_id "RXNORM:6690": prefix "RXNORM" is not a code system Tessera knows',
    });
    expect(
      failureOf(() => readSssom(broken(0, 'LOINC:718-7', 'LOINC:99999-9'), { terms, importedAt })),
    ).toMatchObject({ line: firstRow + 1, reason: 'no term has LOINC code "99999-9"' });
    expect(
      failureOf(() =>
        readSssom(broken(4, 'tessera.project:project_ward3', ''), { terms, importedAt }),
      ),
    ).toMatchObject({
      line: firstRow + 5,
      reason: 'subject_source is not tessera.project:<id>, and no project was given',
    });
  });

  it('lists rows whose object the dictionary lacks, by line, when asked to collect them', () => {
    const text = writeSssom(mappings, terms);
    const lines = text.split('\n');
    const firstRow = lines.findIndex((line) => line.startsWith('tessera.field:'));
    const edit = (index: number, from: string, to: string) => {
      lines[firstRow + index] = (lines[firstRow + index] ?? '').replace(from, to);
    };
    edit(0, 'LOINC:718-7', 'LOINC:99999-9');
    edit(1, 'LOINC:6690-2', 'RXNORM:6690');
    const read = readSssom(lines.join('\n'), { terms, importedAt, unknownTargets: 'collect' });
    expect(read.unknownTargets).toEqual([
      {
        line: firstRow + 1,
        raw: mappings[0]?.raw,
        target: 'LOINC:99999-9',
        reason: 'no term has LOINC code "99999-9"',
      },
      {
        line: firstRow + 2,
        raw: mappings[1]?.raw,
        target: 'RXNORM:6690',
        reason: 'object_id "RXNORM:6690": prefix "RXNORM" is not a code system Tessera knows',
      },
    ]);
    expect(read.mappings).toEqual(mappings.slice(2));
    // A row broken otherwise is still refused, unknown object or not.
    const header = lines.find((line) => line.startsWith('subject_id'))?.split('\t') ?? [];
    const cells = (lines[firstRow] ?? '').split('\t');
    cells[header.indexOf('confidence')] = 'high';
    lines[firstRow] = cells.join('\t');
    expect(
      failureOf(() =>
        readSssom(lines.join('\n'), { terms, importedAt, unknownTargets: 'collect' }),
      ),
    ).toMatchObject({
      line: firstRow + 1,
      reason: 'confidence "high" is not a number from 0 to 1',
    });
  });

  it('keeps the source system a decision was made for', () => {
    const scoped = mappings.map((mapping, index) =>
      index === 0 ? { ...mapping, sourceSystem: 'LIS-A|北京' } : mapping,
    );
    const text = writeSssom(scoped, terms);
    expect(text).toContain('tessera_source_system=LIS-A%7C%E5%8C%97%E4%BA%AC');
    expect(readSssom(text, { terms, importedAt }).mappings).toEqual(scoped);
  });

  it('names the line of metadata that is not YAML and of a header lacking columns', () => {
    const yaml = failureOf(() =>
      readSssom('# curie_map:\n#   a: [b\n# license: x\nsubject_id\n', { terms, importedAt }),
    );
    expect(yaml.reason).toMatch(/^the metadata block is not valid YAML/);
    expect(yaml.line).not.toBeNull();
    const header = failureOf(() =>
      readSssom('# license: x\nsubject_id\tobject_id\nA:1\tLOINC:718-7\n', { terms, importedAt }),
    );
    expect(header).toMatchObject({
      line: 2,
      reason: 'the header lacks columns predicate_id, mapping_justification',
    });
  });
});
