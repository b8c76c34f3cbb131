import { beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { aliasKeysOf } from '../alias-keys';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { labTerm } from '../test-terms';
import { readFileSync } from 'node:fs';
import { compareDictionaries } from '../../../shared/terminology/merge';
import { planMappingImport, readMappingFile } from '../../../shared/terminology/mapping-import';
import {
  addSynonym,
  createTerm,
  deprecateTerm,
  editTerm,
  importMappingSynonyms,
  mergeDictionary,
  mergeTerms,
  searchTerms,
  termHistory,
} from './dictionary';
import { createProfile } from './profiles';
import { acceptMapping, readDictionaryVersion } from './terminology';

let db: TesseraDatabase;
let lead: Profile;

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  for (const item of [
    labTerm('lab.hemoglobin', 'Hemoglobin', '718-7', ['HGB']),
    labTerm('lab.alt', 'Alanine aminotransferase', '1742-6', ['ALT', 'GPT']),
  ]) {
    await db.terms.add({ ...item, aliasKeys: aliasKeysOf(item) });
  }
  await db.meta.put({ key: 'dictionaryVersion', value: 1 });
  lead = await createProfile(db, 'Zhao Lei', 'governance-lead');
});

describe('adding synonyms by hand', () => {
  it('teaches the term, bumps the version and writes one audit event', async () => {
    const before = await db.auditEvents.count();
    await addSynonym(db, lead, 'lab.hemoglobin', '  血色素浓度 ');
    expect((await db.terms.get('lab.hemoglobin'))?.learned).toEqual([
      expect.objectContaining({ text: '血色素浓度', addedBy: lead.id }),
    ]);
    expect(await db.terms.where('aliasKeys').equals('血色素浓度').count()).toBe(1);
    expect(await readDictionaryVersion(db)).toBe(2);
    expect(await db.auditEvents.count()).toBe(before + 1);
  });

  it('refuses a synonym that already names another term, and changes nothing', async () => {
    await expect(addSynonym(db, lead, 'lab.hemoglobin', 'gpt')).rejects.toThrow(
      '"gpt" already names Alanine aminotransferase (LOINC 1742-6).',
    );
    await expect(addSynonym(db, lead, 'lab.hemoglobin', 'hgb')).rejects.toThrow(
      'already names Hemoglobin',
    );
    expect(await readDictionaryVersion(db)).toBe(1);
    expect((await db.terms.get('lab.hemoglobin'))?.learned).toEqual([]);
  });

  it('finds terms by any alias or code, exact names first', async () => {
    expect((await searchTerms(db, 'gpt', null)).map((found) => found.id)).toEqual(['lab.alt']);
    expect((await searchTerms(db, '718', null)).map((found) => found.id)).toEqual([
      'lab.hemoglobin',
    ]);
    expect(await searchTerms(db, '', null)).toHaveLength(2);
  });
});

describe('merging a dictionary', () => {
  const local = () =>
    db.terms.toArray().then((terms) => terms.map(({ aliasKeys: _keys, ...term }): Term => term));

  it('applies the decided plan with one audit event, and refuses undecided conflicts', async () => {
    const incoming = (await local()).map((item) =>
      item.id === 'lab.alt'
        ? { ...item, abbreviations: [...item.abbreviations, 'SGPT'], nameZh: '谷丙转氨酶' }
        : item,
    );
    const plan = compareDictionaries(await local(), incoming, { source: 'ward-7.json' });
    expect(plan.newSynonyms.map((synonym) => synonym.text)).toEqual(['SGPT']);
    expect(plan.conflicts.map((conflict) => conflict.kind)).toEqual(['name']);
    await expect(mergeDictionary(db, lead, plan, {})).rejects.toThrow();
    expect(await readDictionaryVersion(db)).toBe(1);
    const before = await db.auditEvents.count();
    await mergeDictionary(db, lead, plan, { [plan.conflicts[0]?.id ?? '']: 'keep-local' });
    expect(await db.auditEvents.count()).toBe(before + 1);
    expect(await readDictionaryVersion(db)).toBe(2);
    expect((await searchTerms(db, 'sgpt', null)).map((found) => found.id)).toEqual(['lab.alt']);
    expect((await db.terms.get('lab.alt'))?.nameZh).toBe('Alanine aminotransferase');
  });
});

describe('creating a term', () => {
  const input = {
    dictionaryId: 'clinical-lab',
    domain: 'clinical-lab' as const,
    system: 'local' as const,
    category: '',
    units: ['mmol/L'],
  };

  it('adds an active term with its aliases, audited, and finds it by its names', async () => {
    const term = await createTerm(db, lead, {
      ...input,
      code: 'LOCAL-LACT-V',
      nameEn: 'Venous lactate',
      nameZh: '静脉乳酸',
      abbreviations: ['VLAC', ' '],
    });
    expect(term).toMatchObject({
      id: 'clinical-lab.local-lact-v',
      status: 'active',
      abbreviations: ['VLAC'],
      category: 'Local',
    });
    expect((await searchTerms(db, '静脉乳酸', null)).map((found) => found.id)).toEqual([term.id]);
    expect(await readDictionaryVersion(db)).toBe(2);
    expect((await db.auditEvents.orderBy('seq').last())?.action).toBe('term.create');
  });

  it('refuses a taken code or a name that already names another term', async () => {
    await expect(
      createTerm(db, lead, {
        ...input,
        system: 'LOINC',
        code: '718-7',
        nameEn: 'Hb again',
        nameZh: '',
        abbreviations: [],
      }),
    ).rejects.toThrow('LOINC 718-7 is already Hemoglobin.');
    await expect(
      createTerm(db, lead, {
        ...input,
        code: 'X-1',
        nameEn: 'Something',
        nameZh: '',
        abbreviations: ['GPT'],
      }),
    ).rejects.toThrow('"gpt" already names Alanine aminotransferase');
    expect(await db.terms.count()).toBe(2);
  });
});

describe('deprecating a term', () => {
  it('retires it with its successor, audited, and refuses to do it twice or to point at itself', async () => {
    const successor = await createTerm(db, lead, {
      dictionaryId: 'clinical-lab',
      domain: 'clinical-lab',
      system: 'local',
      code: 'LOCAL-HB-2',
      nameEn: 'Hemoglobin photometric',
      nameZh: '血红蛋白光度法',
      abbreviations: [],
      units: [],
      category: '',
    });
    await expect(deprecateTerm(db, lead, 'lab.hemoglobin', 'lab.hemoglobin')).rejects.toThrow(
      'another active term',
    );
    const retired = await deprecateTerm(db, lead, 'lab.hemoglobin', successor.id);
    expect(retired).toMatchObject({ status: 'deprecated', replacedBy: successor.id });
    expect((await db.auditEvents.orderBy('seq').last())?.action).toBe('term.deprecate');
    await expect(deprecateTerm(db, lead, 'lab.hemoglobin', null)).rejects.toThrow(
      'deprecated already',
    );
    // The retired term's names are free for an active term again.
    await addSynonym(db, lead, successor.id, 'HGB');
    expect((await db.terms.get(successor.id))?.learned.map((synonym) => synonym.text)).toEqual([
      'HGB',
    ]);
  });
});

describe('merging two terms', () => {
  it('moves names, learned synonyms and mappings to the kept term and retires the other', async () => {
    const duplicate = await createTerm(db, lead, {
      dictionaryId: 'clinical-lab',
      domain: 'clinical-lab',
      system: 'local',
      code: 'LOCAL-HB',
      nameEn: 'Haemoglobin mass',
      nameZh: '血红蛋白量',
      abbreviations: ['HB-M'],
      units: ['g/L'],
      category: '',
    });
    await acceptMapping(db, lead, {
      projectId: 'p',
      sourceId: 's',
      raw: 'HB_MASS',
      termId: duplicate.id,
      score: 0.9,
      reason: 'r',
    });
    const before = await db.auditEvents.count();
    const merged = await mergeTerms(db, lead, 'lab.hemoglobin', duplicate.id);
    expect(await db.auditEvents.count()).toBe(before + 1);
    expect(merged.abbreviations).toEqual(['HGB', 'HB-M']);
    expect(merged.synonyms).toEqual(['Haemoglobin mass', '血红蛋白量']);
    expect(merged.learned.map((synonym) => synonym.text)).toEqual(['HB_MASS']);
    expect(await db.terms.get(duplicate.id)).toMatchObject({
      status: 'deprecated',
      replacedBy: 'lab.hemoglobin',
    });
    expect((await db.mappings.toArray()).map((mapping) => mapping.termId)).toEqual([
      'lab.hemoglobin',
    ]);
    expect((await searchTerms(db, 'hb_mass', null)).map((found) => found.id)).toContain(
      'lab.hemoglobin',
    );
    await expect(mergeTerms(db, lead, 'lab.hemoglobin', duplicate.id)).rejects.toThrow(
      'must exist and be active',
    );
  });
});

describe('editing a term', () => {
  it('changes names and aliases with one audit event, refusing an alias of another term', async () => {
    await expect(
      editTerm(db, lead, 'lab.hemoglobin', {
        nameEn: 'Hemoglobin',
        nameZh: '血红蛋白',
        abbreviations: ['HGB', 'ALT'],
        units: [],
        category: '',
      }),
    ).rejects.toThrow('"alt" already names Alanine aminotransferase');
    const before = await db.auditEvents.count();
    const edited = await editTerm(db, lead, 'lab.hemoglobin', {
      nameEn: 'Hemoglobin',
      nameZh: '血红蛋白',
      abbreviations: ['HGB', 'Hb ', 'HGB'],
      units: ['g/L', 'g/dL'],
      category: 'Hematology',
    });
    expect(edited).toMatchObject({
      nameZh: '血红蛋白',
      abbreviations: ['HGB', 'Hb'],
      units: ['g/L', 'g/dL'],
      category: 'Hematology',
    });
    expect((await searchTerms(db, '血红蛋白', null)).map((found) => found.id)).toEqual([
      'lab.hemoglobin',
    ]);
    expect(await db.auditEvents.count()).toBe(before + 1);
    expect((await db.auditEvents.orderBy('seq').last())?.before).toMatchObject({
      nameZh: 'Hemoglobin',
    });
  });
});

describe("a term's history", () => {
  it('lists edits, hand-added synonyms and synonyms learned from accepted mappings, newest first', async () => {
    await addSynonym(db, lead, 'lab.hemoglobin', 'Hb total');
    await acceptMapping(db, lead, {
      projectId: 'p',
      sourceId: 's',
      raw: 'HGB_X',
      termId: 'lab.hemoglobin',
      score: 0.9,
      reason: 'r',
    });
    await acceptMapping(db, lead, {
      projectId: 'p',
      sourceId: 's',
      raw: 'ALT_X',
      termId: 'lab.alt',
      score: 0.9,
      reason: 'r',
    });
    expect((await termHistory(db, 'lab.hemoglobin')).map((entry) => entry.action)).toEqual([
      'mapping.accept',
      'term.add-synonym',
    ]);
    expect((await termHistory(db, 'lab.alt')).map((entry) => entry.action)).toEqual([
      'mapping.accept',
    ]);
  });
});

describe('synonyms scoped to a source system in the dictionary', () => {
  it('do not stop a person from giving the same text to another term for every system', async () => {
    await acceptMapping(db, lead, {
      projectId: 'p',
      sourceId: 's',
      raw: 'HB1',
      termId: 'lab.alt',
      score: 0.7,
      reason: 'r',
      sourceSystem: 'LIS-A',
      isForSourceSystem: true,
    });
    await addSynonym(db, lead, 'lab.hemoglobin', 'HB1');
    expect((await db.terms.get('lab.hemoglobin'))?.learned.map((synonym) => synonym.text)).toEqual([
      'HB1',
    ]);
    await expect(addSynonym(db, lead, 'lab.alt', 'HB1')).rejects.toThrow(
      '"HB1" already names Hemoglobin (LOINC 718-7).',
    );
  });

  it('show in the history with the system they hold for', async () => {
    await acceptMapping(db, lead, {
      projectId: 'p',
      sourceId: 's',
      raw: 'HGB-7',
      termId: 'lab.hemoglobin',
      score: 0.87,
      reason: 'r',
      sourceSystem: 'LIS-A',
      isForSourceSystem: true,
    });
    await addSynonym(db, lead, 'lab.hemoglobin', 'Hb total');
    expect(
      (await termHistory(db, 'lab.hemoglobin')).map(({ action, synonyms }) => ({
        action,
        synonyms,
      })),
    ).toEqual([
      { action: 'term.add-synonym', synonyms: [{ text: 'Hb total' }] },
      { action: 'mapping.accept', synonyms: [{ text: 'HGB-7', sourceSystem: 'LIS-A' }] },
    ]);
  });
});

describe('importing a mapping file', () => {
  const fileName = 'ward5-labs.sssom.tsv';
  const text = readFileSync(`test/fixtures/terminology/crafted/${fileName}`, 'utf8');
  async function plan(sourceSystem = '') {
    const terms = await db.terms.toArray();
    const file = readMappingFile(fileName, text, terms, '2026-11-29T10:00:00.000Z');
    return planMappingImport(file, terms, {
      dictionaryVersion: await readDictionaryVersion(db),
      sourceSystem,
    });
  }

  it('teaches the planned synonyms with the file as provenance: one version, one audit event', async () => {
    const planned = await plan('Ward 5 LIS');
    expect(planned.synonyms).toEqual([
      { raw: 'W5 HB01', termId: 'lab.hemoglobin', sourceSystem: 'Ward 5 LIS' },
    ]);
    const events = await db.auditEvents.count();
    await importMappingSynonyms(db, lead, planned, new Date('2026-11-29T11:00:00.000Z'));
    expect(await db.auditEvents.count()).toBe(events + 1);
    expect(await readDictionaryVersion(db)).toBe(2);
    expect((await db.terms.get('lab.hemoglobin'))?.learned).toEqual([
      {
        text: 'W5 HB01',
        addedBy: lead.id,
        addedAt: '2026-11-29T11:00:00.000Z',
        sourceId: `mappings:${fileName}`,
        sourceSystem: 'Ward 5 LIS',
      },
    ]);
    expect((await db.terms.get('lab.hemoglobin'))?.aliasKeys).toContain('w5 hb01');
    const event = await db.auditEvents.orderBy('seq').last();
    expect(event).toMatchObject({
      action: 'dictionary.import-mappings',
      entity: 'term',
      entityId: fileName,
      after: { file: fileName, format: 'sssom', dictionaryVersion: 2 },
    });
    expect((await termHistory(db, 'lab.hemoglobin'))[0]).toMatchObject({
      action: 'dictionary.import-mappings',
      synonyms: [{ text: 'W5 HB01', sourceSystem: 'Ward 5 LIS' }],
    });
  });

  it('refuses a plan made before the dictionary changed, and one with nothing to teach', async () => {
    const planned = await plan();
    await addSynonym(db, lead, 'lab.alt', 'SGPT');
    await expect(importMappingSynonyms(db, lead, planned)).rejects.toThrow(
      `The dictionary changed since ${fileName} was read; read it again.`,
    );
    const fresh = await plan();
    await importMappingSynonyms(db, lead, fresh);
    await expect(importMappingSynonyms(db, lead, await plan())).rejects.toThrow(
      `${fileName} brings no new synonyms.`,
    );
    expect((await db.terms.get('lab.hemoglobin'))?.learned.map((synonym) => synonym.text)).toEqual([
      'W5 HB01',
    ]);
  });
});
