import { describe, expect, it } from 'vitest';
import { checkCurationSettings } from '../../../shared/export/curate';
import {
  curationOf,
  defaultExportForm,
  folderNameFor,
  formProblems,
  namesOf,
  outputOf,
} from './export-form';

const project = { id: 'p1', name: '心内科 Ward 7', createdAt: '', createdBy: '' };

describe('the export form', () => {
  it('starts with approved pairs only, near-dedupe at 0.8, seeded 80/10/10 splits and no de-identification', () => {
    const curation = curationOf(defaultExportForm);
    expect(curation.filter.states).toEqual(['approved']);
    expect(curation.dedupe).toMatchObject({ exact: true, near: true, threshold: 0.8 });
    expect(curation.split).toEqual({
      ratios: { train: 0.8, validation: 0.1, test: 0.1 },
      seed: 42,
    });
    expect(curation.deidentify).toBeNull();
    expect(checkCurationSettings(curation)).toEqual([]);
    expect(formProblems(defaultExportForm)).toEqual([]);
  });

  it('reads percentages as shares, so 8/1/1 and 80/10/10 split alike', () => {
    const shares = curationOf({ ...defaultExportForm, train: 8, validation: 1, test: 1 });
    expect(shares.split.ratios).toEqual(curationOf(defaultExportForm).split.ratios);
    expect(formProblems({ ...defaultExportForm, train: 0, validation: 0, test: 0 })).toContain(
      'At least one split needs a share of the pairs.',
    );
  });

  it('turns every choice into the settings shared/export runs on', () => {
    const curation = curationOf({
      ...defaultExportForm,
      states: ['approved', 'in-review'],
      anyTags: ['topic:emergency'],
      excludeTags: ['planted-identifiers'],
      reviewerIds: ['user_1'],
      approvedFrom: '2026-11-01',
      approvedTo: '',
      twoExpertOnly: true,
      dedupe: 'exact',
      stratifyByTag: ' topic: ',
      deidentify: true,
      deidMode: 'pseudonym',
      dates: 'placeholder',
      names: '李秀英\nJohn Smith， 王芳\n\n李秀英',
    });
    expect(curation.filter).toMatchObject({
      states: ['approved', 'in-review'],
      anyTags: ['topic:emergency'],
      excludeTags: ['planted-identifiers'],
      reviewerIds: ['user_1'],
      approvedFrom: '2026-11-01',
      twoExpertOnly: true,
    });
    expect(curation.filter.approvedTo).toBeUndefined();
    expect(curation.dedupe).toMatchObject({ exact: true, near: false });
    expect(curation.split.stratifyByTag).toBe('topic:');
    expect(curation.deidentify).toEqual({
      mode: 'pseudonym',
      dates: 'placeholder',
      names: ['李秀英', 'John Smith', '王芳'],
    });
    expect(curationOf({ ...defaultExportForm, dedupe: 'none' }).dedupe).toBeNull();
  });

  it('refuses what cannot be meant, in words', () => {
    expect(formProblems({ ...defaultExportForm, states: [] })).toContain(
      'Choose at least one review state.',
    );
    expect(
      formProblems({ ...defaultExportForm, approvedFrom: '2026-12-01', approvedTo: '2026-11-01' }),
    ).toContain('The "from" date is after the "to" date.');
    expect(formProblems({ ...defaultExportForm, seed: 1.5 })).toContain(
      'The seed must be a whole number of 0 or more.',
    );
  });

  it('writes the format, prompt and card from the form, with a BOM for CSV', () => {
    const output = outputOf(
      {
        ...defaultExportForm,
        format: 'hf',
        hfDataFormat: 'parquet',
        systemPrompt: 'You are a ward assistant.',
        includeEvidence: true,
        license: ' cc-by-nc-4.0 ',
      },
      project,
    );
    expect(output).toMatchObject({
      format: 'hf',
      hfDataFormat: 'parquet',
      prompt: { systemPrompt: 'You are a ward assistant.', includeEvidence: true },
      csvBom: true,
      card: { prettyName: '心内科 Ward 7 question–answer pairs', license: 'cc-by-nc-4.0' },
    });
    expect(namesOf(' ; ,')).toEqual([]);
  });

  it('names the folder after the project and the time, in characters any file system takes', () => {
    expect(folderNameFor(project, new Date('2026-11-21T09:08:07.000Z'))).toBe(
      'tessera-心内科-Ward-7-20261121-090807',
    );
    expect(folderNameFor({ ...project, name: '../..' }, new Date(0))).toBe(
      'tessera-project-19700101-000000',
    );
  });
});
