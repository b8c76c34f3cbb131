import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence, QaTags } from '../model/qa';
import { pairOf, labRecord } from './test-support';
import { applyEdit, changedFields, contentOf, diffVersions, firstVersion } from './versions';

const fieldEvidence: Evidence = {
  kind: 'field',
  sourceId: 'src-labs',
  sourceName: 'labs.csv',
  row: 4,
  line: 6,
  field: '结果',
  canonical: 'Hemoglobin',
  value: '98',
};
const at = new Date('2025-03-03T10:00:00.000Z');

describe('firstVersion', () => {
  it('is the pair as created, by its author, changing nothing', () => {
    const version = firstVersion(pairOf());
    expect(version).toMatchObject({
      id: 'qa-1@1',
      qaPairId: 'qa-1',
      version: 1,
      question: '患者血红蛋白98 g/L，是否贫血？',
      tags: { free: [] },
      editedBy: 'annotator-1',
      editedAt: '2025-03-01T08:00:00.000Z',
      changed: [],
    });
  });
});

describe('applyEdit', () => {
  it('makes version 2 with who, when and what changed', () => {
    const pair = pairOf();
    const { pair: edited, version } = applyEdit(
      pair,
      {
        answer: '是，低于参考下限。',
        tags: { department: ' 血液科 ', free: ['贫血', '贫血', ' '] },
      },
      'expert-1',
      at,
    );
    expect(edited).toMatchObject({
      version: 2,
      answer: '是，低于参考下限。',
      tags: { department: '血液科', free: ['贫血'] },
      updatedAt: at.toISOString(),
    });
    expect(version).toMatchObject({
      id: 'qa-1@2',
      version: 2,
      editedBy: 'expert-1',
      editedAt: at.toISOString(),
      changed: ['answer', 'tags'],
      answer: '是，低于参考下限。',
    });
    expect(pair.version).toBe(1);
    expect(pair.answer).toBe('是，低于成年男性参考下限130 g/L。');
  });

  it('makes no version when nothing versioned changed', () => {
    const pair = pairOf({ tags: { free: ['a'] } });
    const same = applyEdit(
      pair,
      { question: ` ${pair.question} `, tags: { free: ['a', ''] } },
      'x',
      at,
    );
    expect(same).toEqual({ pair, version: null });
    const reordered = pairOf({ evidence: [labRecord, fieldEvidence] });
    expect(
      applyEdit(reordered, { evidence: [fieldEvidence, labRecord] }, 'x', at).version,
    ).toBeNull();
  });

  it('keeps notes without a new version', () => {
    const { pair, version } = applyEdit(pairOf(), { notes: ' 请核对单位 ' }, 'annotator-1', at);
    expect(version).toBeNull();
    expect(pair).toMatchObject({ notes: '请核对单位', version: 1, updatedAt: at.toISOString() });
  });

  it('seals each version: it cannot be changed, and later edits do not reach it', () => {
    const pair = pairOf();
    const { pair: edited, version } = applyEdit(pair, { evidence: [fieldEvidence] }, 'e', at);
    expect(version?.changed).toEqual(['evidence']);
    expect(() => {
      (version as { question: string }).question = 'tampered';
    }).toThrow(TypeError);
    expect(() => version!.evidence.push(labRecord)).toThrow(TypeError);
    edited.evidence.push(labRecord);
    expect(version!.evidence).toEqual([fieldEvidence]);
  });
});

describe('diffVersions', () => {
  it('shows text runs, tags and evidence added and removed', () => {
    const before = contentOf(pairOf({ tags: { topic: '贫血', free: ['血常规'] } }));
    const after = {
      ...before,
      answer: '是，低于成年女性参考下限115 g/L。',
      tags: { topic: '贫血', difficulty: 'easy' as const, free: [] },
      evidence: [fieldEvidence],
    };
    const diff = diffVersions(before, after);
    expect(diff.question).toEqual([{ op: 'equal', text: before.question }]);
    expect(diff.answer).toEqual([
      { op: 'equal', text: '是，低于成年' },
      { op: 'delete', text: '男' },
      { op: 'insert', text: '女' },
      { op: 'equal', text: '性参考下限' },
      { op: 'delete', text: '130' },
      { op: 'insert', text: '115' },
      { op: 'equal', text: ' g/L。' },
    ]);
    expect(diff.tags).toEqual({ added: ['difficulty:easy'], removed: ['tag:血常规'] });
    expect(diff.evidence).toEqual({ added: [fieldEvidence], removed: [labRecord] });
  });
});

const tags: fc.Arbitrary<QaTags> = fc.record(
  {
    department: fc.constantFrom('泌尿外科', '血液科'),
    topic: fc.constantFrom('贫血', 'PSA'),
    difficulty: fc.constantFrom('easy' as const, 'hard' as const),
    free: fc.array(fc.constantFrom('a', 'b', '肾'), { maxLength: 3 }),
  },
  { requiredKeys: ['free'] },
);
const edit = fc.record(
  {
    question: fc.constantFrom('Q1?', '问题二？', 'Q1?'),
    answer: fc.constantFrom('A1.', '答案。'),
    tags,
    evidence: fc.subarray([labRecord, fieldEvidence]),
    notes: fc.constantFrom('', 'n'),
  },
  { requiredKeys: [] },
);

describe('version history properties', () => {
  it('numbers versions 1, 2, 3… and each version’s changes are what differs from the one before', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        let pair = pairOf();
        const history = [firstVersion(pair)];
        for (const change of edits) {
          const result = applyEdit(pair, change, 'editor', at);
          if (result.version) history.push(result.version);
          pair = result.pair;
        }
        expect(history.map((version) => version.version)).toEqual(
          history.map((_, index) => index + 1),
        );
        expect(pair.version).toBe(history.length);
        for (let index = 1; index < history.length; index++) {
          const changed = changedFields(history[index - 1]!, history[index]!);
          expect(changed.length).toBeGreaterThan(0);
          expect(history[index]!.changed).toEqual(changed);
        }
        expect(contentOf(pair)).toEqual({
          question: history.at(-1)!.question,
          answer: history.at(-1)!.answer,
          tags: history.at(-1)!.tags,
          evidence: history.at(-1)!.evidence,
        });
      }),
    );
  });
});
