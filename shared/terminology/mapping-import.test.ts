import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../ingest/errors';
import { failureOf } from '../ingest/test-support';
import type { Term } from '../model/terminology';
import { writeSssom } from './formats/sssom';
import { mappingsOf, uniqueTerms } from './formats/test-arbitraries';
import {
  learnFromPlan,
  mappingFileSource,
  planMappingImport,
  readMappingFile,
  type MappingFile,
} from './mapping-import';
import { holdsInScope } from './source-system';
import { starterDictionaries } from './starter';

const folder = 'test/fixtures/terminology/crafted';
const importedAt = '2026-11-29T10:00:00.000Z';
const terms: Term[] = starterDictionaries.flatMap((dictionary) =>
  dictionary.terms.map((term) => ({
    ...term,
    dictionaryId: dictionary.id,
    status: 'active' as const,
    learned: [],
    updatedAt: '',
  })),
);
const read = (name: string, text = readFileSync(`${folder}/${name}`, 'utf8')) =>
  readMappingFile(name, text, terms, importedAt);

describe('planMappingImport', () => {
  it('says what an SSSOM file from another tool would teach the dictionary', () => {
    const file = read('ward5-labs.sssom.tsv');
    expect(file.format).toBe('sssom');
    expect(planMappingImport(file, terms, { dictionaryVersion: 4 })).toEqual({
      fileName: 'ward5-labs.sssom.tsv',
      format: 'sssom',
      dictionaryVersion: 4,
      read: 8,
      synonyms: [
        { raw: 'W5 HB01', termId: 'lab.hemoglobin' },
        { raw: 'W5 GLU01', termId: 'lab.glucose' },
        { raw: 'W5 K01', termId: 'lab.potassium' },
        { raw: 'W5 NA01', termId: 'lab.sodium' },
      ],
      known: [{ raw: 'HGB', termId: 'lab.hemoglobin' }],
      conflicts: [{ raw: 'GPT', termId: 'lab.ast', otherTermId: 'lab.alt' }],
      unknownTargets: [
        {
          line: 15,
          raw: 'W5 XYZ9',
          target: 'LOINC:99999-9',
          reason: 'no term has LOINC code "99999-9"',
        },
      ],
      notAccepted: 1,
    });
  });

  it('reads a FHIR ConceptMap from elsewhere the same way, unknown codes with their line', () => {
    const text = readFileSync(`${folder}/ward5-labs.conceptmap.json`, 'utf8');
    const plan = planMappingImport(read('ward5-labs.conceptmap.json', text), terms, {
      dictionaryVersion: 1,
    });
    expect(plan.format).toBe('fhir-conceptmap');
    expect(plan.synonyms).toEqual([
      { raw: 'W5 HB01', termId: 'lab.hemoglobin' },
      { raw: 'W5 K01', termId: 'lab.potassium' },
    ]);
    expect(plan.unknownTargets.map(({ raw, target }) => ({ raw, target }))).toEqual([
      { raw: 'W5 XYZ9', target: 'http://loinc.org|99999-9' },
    ]);
    expect(text.split('\n')[(plan.unknownTargets[0]?.line ?? 0) - 1]).toContain('99999-9');
    expect(plan.notAccepted).toBe(1);
  });

  it('scopes the synonyms to a source system when asked, where another term’s synonym for every system is no conflict', () => {
    const plan = planMappingImport(read('ward5-labs.sssom.tsv'), terms, {
      dictionaryVersion: 4,
      sourceSystem: ' Ward 5  LIS ',
    });
    expect(plan.conflicts).toEqual([]);
    expect(plan.synonyms).toContainEqual({
      raw: 'GPT',
      termId: 'lab.ast',
      sourceSystem: 'Ward 5 LIS',
    });
    expect(plan.synonyms.every((synonym) => synonym.sourceSystem === 'Ward 5 LIS')).toBe(true);
    // HGB for every system covers Ward 5 LIS too.
    expect(plan.known).toEqual([
      { raw: 'HGB', termId: 'lab.hemoglobin', sourceSystem: 'Ward 5 LIS' },
    ]);
  });

  it('follows a deprecated target to its replacement, and lists one with none', () => {
    const retired = terms.map((term) =>
      term.id === 'lab.glucose'
        ? { ...term, status: 'deprecated' as const, replacedBy: 'lab.glucose-blood' }
        : term.id === 'lab.sodium'
          ? { ...term, status: 'deprecated' as const }
          : term,
    );
    const plan = planMappingImport(
      readMappingFile(
        'ward5-labs.sssom.tsv',
        readFileSync(`${folder}/ward5-labs.sssom.tsv`, 'utf8'),
        retired,
        importedAt,
      ),
      retired,
      { dictionaryVersion: 4 },
    );
    expect(plan.synonyms).toContainEqual({ raw: 'W5 GLU01', termId: 'lab.glucose-blood' });
    expect(plan.unknownTargets).toContainEqual({
      line: null,
      raw: 'W5 NA01',
      target: 'lab.sodium',
      reason: 'lab.sodium is deprecated and has no replacement',
    });
  });

  it('names the file and line of a broken row, and refuses JSON that is not a ConceptMap', () => {
    const text = readFileSync(`${folder}/ward5-labs.sssom.tsv`, 'utf8').replace(
      '\t0.95\t',
      '\thigh\t',
    );
    const error = failureOf(() => read('ward5-labs.sssom.tsv', text));
    expect(error).toBeInstanceOf(IngestError);
    expect(error.message).toBe(
      'ward5-labs.sssom.tsv, line 11: confidence "high" is not a number from 0 to 1',
    );
    expect(
      failureOf(() => read('dictionary.json', '{"format":"tessera-dictionary"}')).message,
    ).toBe('dictionary.json, line 1: is JSON but not a FHIR ConceptMap');
  });
});

describe('learnFromPlan', () => {
  it('adds each planned synonym with who, when, which file and which system', () => {
    const plan = planMappingImport(read('ward5-labs.sssom.tsv'), terms, {
      dictionaryVersion: 4,
      sourceSystem: 'Ward 5 LIS',
    });
    const now = new Date(importedAt);
    const changed = learnFromPlan(terms, plan, { id: 'profile_lead' }, now);
    expect(changed.find((term) => term.id === 'lab.hemoglobin')?.learned).toEqual([
      {
        text: 'W5 HB01',
        addedBy: 'profile_lead',
        addedAt: importedAt,
        sourceId: mappingFileSource('ward5-labs.sssom.tsv'),
        sourceSystem: 'Ward 5 LIS',
      },
    ]);
    expect(changed.map((term) => term.id).sort()).toEqual([
      'lab.ast',
      'lab.glucose',
      'lab.hemoglobin',
      'lab.potassium',
      'lab.sodium',
    ]);
  });

  it('teaches every planned synonym once: planning the same file again finds nothing new', () => {
    const dictionary = uniqueTerms(
      {
        dictionaryId: 'clinical-lab',
        domain: 'clinical-lab',
        text: fc.constantFrom('GPT', 'ALT', 'Hb', 'hb', 'x y', 'X-Y', '血红蛋白'),
      },
      { minLength: 1, maxLength: 5 },
    ).map((list) =>
      list.map((term, index): Term => ({ ...term, status: index === 0 ? 'active' : term.status })),
    );
    fc.assert(
      fc.property(
        dictionary.chain((list) => mappingsOf(list).map((mappings) => ({ list, mappings }))),
        fc.constantFrom('', 'LIS-A'),
        ({ list, mappings }, sourceSystem) => {
          const file: MappingFile = {
            fileName: 'f.tsv',
            format: 'sssom',
            mappings,
            unknownTargets: [],
          };
          const plan = planMappingImport(file, list, { dictionaryVersion: 1, sourceSystem });
          for (const synonym of plan.synonyms) {
            const system = synonym.sourceSystem ?? '';
            const holders = list.filter(
              (term) => term.status === 'active' && holdsInScope(term, synonym.raw, system),
            );
            expect(holders).toEqual([]);
          }
          const changed = learnFromPlan(list, plan, { id: 'u' }, new Date(importedAt));
          const after = list.map((term) => changed.find((found) => found.id === term.id) ?? term);
          const again = planMappingImport(file, after, { dictionaryVersion: 2, sourceSystem });
          expect(again.synonyms).toEqual([]);
          expect(again.known.length).toBe(plan.known.length + plan.synonyms.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('mapping files written by Tessera', () => {
  it('come back as the decisions they were, scope included', () => {
    const hemoglobin = terms.find((term) => term.id === 'lab.hemoglobin');
    if (!hemoglobin) throw new Error('no hemoglobin');
    const text = writeSssom(
      [
        {
          id: 'mapping_1',
          projectId: 'project_ward3',
          raw: 'HGB-7',
          scope: 'value:OBX-3.1',
          sourceSystem: 'LIS-A',
          termId: hemoglobin.id,
          status: 'accepted',
          score: 0.87,
          reason: 'abbreviation "HGB" of Hemoglobin',
          decidedBy: 'profile_li',
          decidedAt: importedAt,
          dictionaryVersion: 3,
        },
      ],
      terms,
    );
    const plan = planMappingImport(read('ward3.sssom.tsv', text), terms, { dictionaryVersion: 3 });
    expect(plan.synonyms).toEqual([
      { raw: 'HGB-7', termId: 'lab.hemoglobin', sourceSystem: 'LIS-A' },
    ]);
  });
});
