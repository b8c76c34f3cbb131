import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeTags, parseDifficulty, parseTagList, tagKeys } from './tags';

describe('tags', () => {
  it('normalizes values and lists them by facet', () => {
    const tags = normalizeTags({
      department: '  泌尿外科 ',
      topic: '',
      difficulty: 'hard',
      free: [' PSA ', 'PSA', '', '前列腺  癌'],
    });
    expect(tags).toEqual({
      department: '泌尿外科',
      difficulty: 'hard',
      free: ['PSA', '前列腺 癌'],
    });
    expect(tagKeys(tags)).toEqual([
      'department:泌尿外科',
      'difficulty:hard',
      'tag:PSA',
      'tag:前列腺 癌',
    ]);
  });

  it('splits a cell of tags on Latin and Chinese separators', () => {
    expect(parseTagList('renal; PSA, 前列腺、尿检，复查|renal')).toEqual([
      'renal',
      'PSA',
      '前列腺',
      '尿检',
      '复查',
    ]);
    expect(parseTagList(' ')).toEqual([]);
  });

  it('reads difficulty in English, Chinese or as 1–3', () => {
    expect(['Easy', '简单', '2', 'moderate', '困难', 'HARD'].map(parseDifficulty)).toEqual([
      'easy',
      'easy',
      'medium',
      'medium',
      'hard',
      'hard',
    ]);
    expect(parseDifficulty('very')).toBeNull();
  });

  it('normalizing twice changes nothing', () => {
    const tags = fc.record({
      department: fc.string(),
      topic: fc.string(),
      free: fc.array(fc.string()),
    });
    fc.assert(
      fc.property(tags, (value) => {
        const once = normalizeTags(value);
        expect(normalizeTags(once)).toEqual(once);
        expect(new Set(once.free).size).toBe(once.free.length);
      }),
    );
  });
});
