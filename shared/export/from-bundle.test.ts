import { describe, expect, it } from 'vitest';
import { BundleError } from '../bundle/format';
import { Deidentifier } from '../deid/deidentify';
import { readBundlePartly } from '../bundle/read';
import { writeBundle } from '../bundle/write';
import type { ExportablePair } from './exportable';
import {
  bundlePairSource,
  dictionaryVersionOf,
  flattenTags,
  pairsFromTables,
  projectsOf,
} from './from-bundle';
import { readBatchSize } from './pair-source';
import { chatLineOf } from './openai-chat';

const basePair = {
  projectId: 'p1',
  question: 'Q?',
  answer: 'A.',
  state: 'approved',
  authorId: 'a',
  createdAt: '',
  updatedAt: '',
  version: 2,
};

describe('pairsFromTables', () => {
  it('reads who approved the current version, and counts a resolution as no second expert', () => {
    const [one, two, three] = pairsFromTables({
      qaPairs: [
        { ...basePair, id: 'one' },
        { ...basePair, id: 'two' },
        { ...basePair, id: 'three' },
      ],
      reviews: [
        {
          qaPairId: 'one',
          pairVersion: 1,
          reviewerId: 'e1',
          decision: 'approve',
          at: '2024-01-01',
        },
        {
          qaPairId: 'one',
          pairVersion: 2,
          reviewerId: 'e2',
          decision: 'approve',
          at: '2024-02-01',
        },
        {
          qaPairId: 'two',
          pairVersion: 2,
          reviewerId: 'e1',
          decision: 'approve',
          at: '2024-03-01',
        },
        {
          qaPairId: 'two',
          pairVersion: 2,
          reviewerId: 'e2',
          decision: 'approve',
          at: '2024-03-05',
        },
        {
          qaPairId: 'three',
          pairVersion: 2,
          reviewerId: 'e1',
          decision: 'approve',
          at: '2024-04-01',
        },
        {
          qaPairId: 'three',
          pairVersion: 2,
          reviewerId: 'lead',
          decision: 'approve',
          at: '2024-04-09',
          kind: 'resolution',
        },
        {
          qaPairId: 'three',
          pairVersion: 2,
          reviewerId: 'e2',
          decision: 'reject',
          at: '2024-04-02',
        },
      ],
    });
    expect(one).toMatchObject({
      reviewerIds: ['e2'],
      approvedAt: '2024-02-01',
      isTwoExpert: false,
    });
    expect(two).toMatchObject({
      reviewerIds: ['e1', 'e2'],
      approvedAt: '2024-03-05',
      isTwoExpert: true,
    });
    expect(three).toMatchObject({
      reviewerIds: ['e1', 'lead'],
      approvedAt: '2024-04-09',
      isTwoExpert: false,
    });
  });

  it('flattens structured tags so that they can be filtered and stratified by prefix', () => {
    expect(flattenTags({ department: 'cardiology', difficulty: 'hard', free: ['sepsis'] })).toEqual(
      ['department:cardiology', 'difficulty:hard', 'sepsis'],
    );
    expect(flattenTags(['a', 'b'])).toEqual(['a', 'b']);
    const [pair] = pairsFromTables({
      qaPairs: [{ ...basePair, id: 'x', tags: { topic: 'anemia', free: [] } }],
    });
    expect(pair?.tags).toEqual(['topic:anemia']);
  });

  it('reads every kind of evidence, grouping by patient, record, scan or document', () => {
    const [pair] = pairsFromTables({
      qaPairs: [
        {
          ...basePair,
          id: 'e',
          context: 'A passage about 张伟.',
          evidence: [
            {
              kind: 'record',
              sourceId: 's1',
              sourceName: 'a.csv',
              row: 0,
              line: 2,
              fields: { SUBJECT_ID: 7, DX: 'SEPSIS' },
            },
            {
              kind: 'field',
              sourceId: 's2',
              sourceName: 'b.csv',
              row: 4,
              line: 6,
              field: 'HB',
              canonical: 'Hemoglobin',
              value: '98',
            },
            {
              kind: 'ocr-region',
              scanId: 'scan-1',
              scanName: '张伟_病历.pdf',
              page: 2,
              region: { kind: 'span', start: 0, end: 5, text: '血红蛋白 98 g/L' },
            },
            {
              kind: 'document',
              fileName: 'medquad.csv',
              line: 12,
              title: 'Anemia',
              url: 'https://example.org/anemia',
              text: 'Anemia is…',
            },
            { kind: 'future-kind', anything: true },
          ],
        },
      ],
    });
    if (!pair) throw new Error('The pair was not read.');
    expect(pair.groupKeys).toEqual([
      'document:https://example.org/anemia',
      'patient:7',
      'record:s2#4',
      'scan:scan-1',
    ]);
    expect(pair.evidence).toHaveLength(4);
    const prompt = chatLineOf(pair, {
      systemPrompt: '',
      includeEvidence: true,
    });
    expect(prompt.messages[0]?.content).toBe(
      [
        'A passage about 张伟.',
        '',
        '[a.csv, row 1] SUBJECT_ID: 7; DX: SEPSIS',
        '[b.csv, row 5] Hemoglobin: 98',
        '[张伟_病历.pdf, page 2] text: 血红蛋白 98 g/L',
        '[Anemia] text: Anemia is…',
        '',
        'Q?',
      ].join('\n'),
    );
    const cleaned = new Deidentifier({ names: ['张伟'] }).pair(pair);
    expect(cleaned.context).toBe('A passage about [NAME].');
    expect(cleaned.evidence[2]?.label).toBe('[NAME]_病历.pdf, page 2');
    expect(cleaned.evidence[2]?.fields['text']).toBe('血红蛋白 98 g/L');
  });

  it('takes one project, and names the table and row of a row it cannot use', () => {
    const pairs = pairsFromTables(
      {
        qaPairs: [
          { ...basePair, id: 'in' },
          { ...basePair, id: 'out', projectId: 'p2' },
        ],
      },
      { projectId: 'p1' },
    );
    expect(pairs.map((pair) => pair.id)).toEqual(['in']);
    try {
      pairsFromTables({
        qaPairs: [
          { ...basePair, id: 'ok' },
          { ...basePair, id: 'bad', question: 5 },
        ],
      });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(BundleError);
      expect(error).toMatchObject({ part: 'tables/qaPairs.jsonl', line: 2 });
      expect((error as Error).message).toMatch(/^qaPairs row 2: question — /);
    }
  });

  it('finds the dictionary version and the projects', () => {
    const tables = {
      meta: [
        { key: 'other', value: 1 },
        { key: 'dictionaryVersion', value: 6 },
      ],
      projects: [{ id: 'p1', name: 'Ward 7' }, { id: 'p2' }],
    };
    expect(dictionaryVersionOf(tables)).toBe(6);
    expect(dictionaryVersionOf({})).toBeNull();
    expect(projectsOf(tables)).toEqual([
      { id: 'p1', name: 'Ward 7' },
      { id: 'p2', name: 'p2' },
    ]);
  });
});

describe('bundlePairSource', () => {
  const qaPairs = Array.from({ length: 1_203 }, (_, index) => ({
    ...basePair,
    id: `q${index}`,
    projectId: index % 3 === 0 ? 'p2' : 'p1',
    question: `Question ${index}?`,
  }));
  const reviews = qaPairs.flatMap((pair, index) => [
    { qaPairId: pair.id, pairVersion: 2, reviewerId: 'e1', decision: 'approve', at: '2024-01-01' },
    ...(index % 4 === 0
      ? [
          {
            qaPairId: pair.id,
            pairVersion: 2,
            reviewerId: 'e2',
            decision: 'approve',
            at: '2024-02-01',
          },
        ]
      : [
          {
            qaPairId: pair.id,
            pairVersion: 2,
            reviewerId: 'e3',
            decision: 'reject',
            at: '2024-02-02',
          },
        ]),
  ]);
  const bundle = () =>
    readBundlePartly(writeBundle({ qaPairs, reviews }, { appVersion: '0', createdAt: '' }), {
      parse: [],
      keepRaw: ['qaPairs', 'reviews'],
    });

  it('reads the same pairs as the whole-table adapter, a batch at a time', async () => {
    const source = bundlePairSource(bundle(), { projectId: 'p1' });
    const scanned: ExportablePair[] = [];
    for await (const batch of source.scan()) {
      expect(batch.length).toBeLessThanOrEqual(readBatchSize);
      scanned.push(...batch);
    }
    expect(scanned).toEqual(pairsFromTables({ qaPairs, reviews }, { projectId: 'p1' }));
    const ids = scanned
      .map((pair) => pair.id)
      .reverse()
      .slice(0, 600);
    expect((await source.read(ids)).map((pair) => pair.id)).toEqual(ids);
    await expect(source.read(['q0'])).rejects.toThrow('Pair q0 is no longer there');
  });

  it('names the bundle row of a review it cannot read', () => {
    const broken = [...reviews];
    broken[1_500] = { qaPairId: 'q750', decision: 'approve' } as never;
    const read = readBundlePartly(
      writeBundle({ qaPairs, reviews: broken }, { appVersion: '0', createdAt: '' }),
      { parse: [], keepRaw: ['qaPairs', 'reviews'] },
    );
    expect(() => bundlePairSource(read)).toThrow(/^reviews row 1501: reviewerId/);
  });
});
