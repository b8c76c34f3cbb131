import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textSimilarity } from '../text/near-duplicate';
import { curate } from './curate';
import { arraySource, readBatchSize, type PairSource } from './pair-source';
import { dedupePairs, defaultDedupeSettings } from './dedupe';
import { evidenceGroupKeys, type ExportablePair } from './exportable';
import { checkPairFilter, defaultPairFilter, filterPairs } from './filters';
import { checkLeakage } from './leakage';
import { assignSplits, groupPairs, parseSplitRatios, splitNames, type SplitName } from './splits';
import { distinctQuestion, makeEvidence, makePair, shuffled } from './test-support';

describe('filters', () => {
  const pairs = [
    makePair({ id: 'a', tags: ['cardiology'], reviewerIds: ['e1', 'e2'], isTwoExpert: true }),
    makePair({ id: 'b', tags: ['oncology'], approvedAt: '2024-01-15T23:30:00.000Z' }),
    makePair({ id: 'c', state: 'in-review' }),
    makePair({ id: 'd', tags: ['cardiology', 'draft-quality'], reviewerIds: ['e3'] }),
    makePair({ id: 'e', approvedAt: undefined, state: 'approved' }),
  ];
  const ids = (filter: Partial<typeof defaultPairFilter>) =>
    filterPairs(pairs, { ...defaultPairFilter, ...filter }).map((pair) => pair.id);

  it('take approved pairs only by default', () => {
    expect(ids({})).toEqual(['a', 'b', 'd', 'e']);
    expect(ids({ states: ['approved', 'in-review'] })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('narrow by tags, reviewers, two experts and approval dates', () => {
    expect(ids({ anyTags: ['cardiology'] })).toEqual(['a', 'd']);
    expect(ids({ anyTags: ['cardiology'], excludeTags: ['draft-quality'] })).toEqual(['a']);
    expect(ids({ reviewerIds: ['e2', 'e3'] })).toEqual(['a', 'd']);
    expect(ids({ twoExpertOnly: true })).toEqual(['a']);
    // A bare date is the whole day; a pair never approved has no date to match.
    expect(ids({ approvedFrom: '2024-01-15', approvedTo: '2024-01-15' })).toEqual(['b']);
    expect(ids({ approvedFrom: '2024-02-01' })).toEqual(['a', 'd']);
  });

  it('explain a filter that cannot be meant', () => {
    expect(checkPairFilter({ ...defaultPairFilter, states: [] })).toEqual([
      'Choose at least one review state.',
    ]);
    expect(checkPairFilter({ ...defaultPairFilter, approvedFrom: 'soon' })[0]).toContain('"from"');
    expect(
      checkPairFilter({
        ...defaultPairFilter,
        approvedFrom: '2024-03-02',
        approvedTo: '2024-03-01',
      }),
    ).toEqual(['The "from" date is after the "to" date.']);
  });
});

describe('group keys', () => {
  it('name the patient when a cited record has a patient id, else the record', () => {
    expect(
      evidenceGroupKeys('q', [
        makeEvidence(3, { SUBJECT_ID: '10006', DIAGNOSIS: 'SEPSIS' }),
        makeEvidence(9, { DIAGNOSIS: 'PNEUMONIA' }),
        makeEvidence(4, { 'Patient ID': ' 10006 ' }),
      ]),
    ).toEqual(['patient:10006', 'record:src-1#9']);
    expect(evidenceGroupKeys('q', [])).toEqual(['pair:q']);
  });
});

describe('dedupe', () => {
  const base = [
    makePair({ id: 'p1', question: '患者入院时的血红蛋白是多少？', answer: '98 g/L' }),
    makePair({ id: 'p2', question: 'What was the discharge diagnosis?', answer: 'Sepsis.' }),
    makePair({
      id: 'p3',
      question: 'How many days did the patient stay in the intensive care unit after surgery?',
      answer: 'Six days in the ICU, then two on the ward.',
    }),
  ];

  it('drops exact repeats that differ only in case, width, spacing and punctuation', async () => {
    const repeats = [
      ...base,
      makePair({ id: 'r1', question: '患者 入院时的血红蛋白是多少?', answer: '98 g/L' }),
      makePair({ id: 'r2', question: 'WHAT WAS THE DISCHARGE DIAGNOSIS', answer: 'sepsis' }),
    ];
    const { kept, report } = await dedupePairs(repeats, { ...defaultDedupeSettings, near: false });
    expect(kept.map((pair) => pair.id).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(report.dropped).toEqual([
      { id: 'r1', keptId: 'p1', reason: 'exact', similarity: 1 },
      { id: 'r2', keptId: 'p2', reason: 'exact', similarity: 1 },
    ]);
  });

  it('drops near repeats above the threshold and reports the similarity', async () => {
    const near = makePair({
      id: 'n1',
      approvedAt: '2024-03-02T10:00:00.000Z',
      question: 'How many days did the patient stay in the intensive care unit after the surgery?',
      answer: 'Six days in the ICU, then two on the ward.',
    });
    const similarity = textSimilarity(
      `${base[2]?.question}\n${base[2]?.answer}`,
      `${near.question}\n${near.answer}`,
    );
    expect(similarity).toBeGreaterThan(0.9);
    const { kept, report } = await dedupePairs([...base, near]);
    expect(kept.map((pair) => pair.id).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(report.dropped).toEqual([{ id: 'n1', keptId: 'p3', reason: 'near', similarity }]);
    expect(report.settings.banding).toEqual({ bands: 10, rows: 6 });
    // Above the threshold nothing near is dropped.
    const strict = await dedupePairs([...base, near], {
      ...defaultDedupeSettings,
      threshold: 0.99,
    });
    expect(strict.report.dropped).toEqual([]);
  });

  it('keeps the better-reviewed copy, whatever the input order', async () => {
    const single = makePair({ id: 'a', question: 'Same question?', answer: 'Same.' });
    const double = makePair({
      id: 'z',
      question: 'Same question?',
      answer: 'Same.',
      reviewerIds: ['e1', 'e2'],
      isTwoExpert: true,
    });
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (seed) => {
        const { kept } = await dedupePairs(shuffled([single, double, ...base], seed));
        expect(kept.map((pair) => pair.id)).toContain('z');
        expect(kept.map((pair) => pair.id)).not.toContain('a');
      }),
      { numRuns: 20 },
    );
  });

  it('gives the same result for any order of the same pairs', async () => {
    const pairs = Array.from({ length: 40 }, (_, index) =>
      makePair({
        id: `q${index}`,
        question: distinctQuestion(index % 25),
        answer: index % 3 === 0 ? 'Normal.' : `Value ${index % 25}.`,
      }),
    );
    const reference = await dedupePairs(pairs);
    expect(reference.report.dropped.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (seed) => {
        const { kept, report } = await dedupePairs(shuffled(pairs, seed));
        expect(kept.map((pair) => pair.id)).toEqual(reference.kept.map((pair) => pair.id));
        expect(report.dropped).toEqual(reference.report.dropped);
      }),
      { numRuns: 15 },
    );
  });
});

describe('splits', () => {
  // Pairs about 30 patients: between one and five pairs each, some citing two patients.
  const pairs = Array.from({ length: 90 }, (_, index) => {
    const patient = index % 30;
    const keys = [`patient:${patient}`];
    if (index % 17 === 0) keys.push(`patient:${(patient + 1) % 30}`);
    return makePair({
      id: `pair-${index.toString().padStart(3, '0')}`,
      groupKeys: keys,
      tags: index % 4 === 0 ? ['specialty:cardiology'] : ['specialty:general'],
    });
  });
  const ratios = { train: 0.8, validation: 0.1, test: 0.1 };
  const splitOf = (splits: Record<SplitName, { id: string }[]>) => {
    const result = new Map<string, SplitName>();
    for (const name of splitNames) for (const pair of splits[name]) result.set(pair.id, name);
    return result;
  };

  it('parse ratios given as fractions or percentages, and refuse others', () => {
    expect(parseSplitRatios('0.8,0.1,0.1')).toEqual(ratios);
    expect(parseSplitRatios('80, 10, 10')).toEqual(ratios);
    expect(() => parseSplitRatios('0.8,0.1')).toThrow(/three numbers/);
    expect(() => parseSplitRatios('0.8,0.3,0.1')).toThrow(/add up to 1/);
    expect(() => parseSplitRatios('0.8,-0.1,0.3')).toThrow(RangeError);
  });

  it('never put one patient in two splits, even through a pair citing two patients', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const { splits } = assignSplits(pairs, { ratios, seed });
        const where = new Map<string, SplitName>();
        for (const name of splitNames)
          for (const pair of splits[name])
            for (const key of pair.groupKeys) {
              expect(where.get(key) ?? name, key).toBe(name);
              where.set(key, name);
            }
      }),
      { numRuns: 30 },
    );
  });

  it('are the same for any input order, and differ between seeds', () => {
    const reference = splitOf(assignSplits(pairs, { ratios, seed: 42 }).splits);
    fc.assert(
      fc.property(fc.nat(), (shuffle) => {
        const { splits } = assignSplits(shuffled(pairs, shuffle), { ratios, seed: 42 });
        expect(splitOf(splits)).toEqual(reference);
        const again = assignSplits(shuffled(pairs, shuffle + 1), { ratios, seed: 42 }).splits;
        for (const name of splitNames)
          expect(again[name].map((pair) => pair.id)).toEqual(splits[name].map((pair) => pair.id));
      }),
      { numRuns: 20 },
    );
    expect(splitOf(assignSplits(pairs, { ratios, seed: 43 }).splits)).not.toEqual(reference);
  });

  it('hold each split to its share within the largest group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 10, maxLength: 80 }),
        fc.nat(),
        (sizes, seed) => {
          const many = sizes.flatMap((size, group) =>
            Array.from({ length: size }, (_, index) =>
              makePair({ id: `g${group}-${index}`, groupKeys: [`patient:${group}`] }),
            ),
          );
          const { splits } = assignSplits(many, { ratios, seed });
          expect(splitNames.reduce((sum, name) => sum + splits[name].length, 0)).toBe(many.length);
          for (const name of splitNames)
            expect(Math.abs(splits[name].length - ratios[name] * many.length)).toBeLessThanOrEqual(
              Math.max(...sizes) + 1,
            );
        },
      ),
    );
  });

  it('stratify by a tag prefix so that each stratum is split in the same shares', () => {
    const { splits } = assignSplits(pairs, { ratios, seed: 7, stratifyByTag: 'specialty:' });
    for (const tag of ['specialty:cardiology', 'specialty:general']) {
      const total = pairs.filter((pair) => pair.tags.includes(tag)).length;
      const inTrain = splits.train.filter((pair) => pair.tags.includes(tag)).length;
      expect(Math.abs(inTrain - 0.8 * total)).toBeLessThanOrEqual(6);
    }
  });

  it('name each group by its smallest key, so group names do not depend on order', () => {
    const groups = groupPairs(shuffled(pairs, 3));
    expect(groups.get('pair-000')).toBe('patient:0');
    expect(groups.get('pair-017')).toBe(groups.get('pair-018'));
  });
});

describe('leakage check', () => {
  it('reports near-duplicates in different splits and groups that straddle them', async () => {
    const train = [
      makePair({ id: 't1', question: 'What was the haemoglobin on admission for patient seven?' }),
      makePair({ id: 't2', question: 'Which antibiotic was given for the pneumonia?' }),
    ];
    const validation = [
      makePair({
        id: 'v1',
        question: 'What was the haemoglobin on admission for patient seven ?',
        answer: train[0]?.answer,
      }),
    ];
    const test = [makePair({ id: 'x1', question: 'Where was the fracture?' })];
    const groupOf = new Map([
      ['t1', 'patient:1'],
      ['t2', 'patient:2'],
      ['v1', 'patient:3'],
      ['x1', 'patient:2'],
    ]);
    const report = await checkLeakage({ train, validation, test }, groupOf, {
      ...defaultDedupeSettings,
      scope: 'question',
    });
    expect(report.nearDuplicates).toEqual([
      { id: 'v1', split: 'validation', otherId: 't1', otherSplit: 'train', similarity: 1 },
    ]);
    expect(report.sharedGroups).toEqual([{ group: 'patient:2', splits: ['train', 'test'] }]);
  });
});

describe('leakage check on templated text', () => {
  it('finds an exact repeat across splits even when the index buckets are full', async () => {
    const train = Array.from({ length: 50 }, (_, index) =>
      makePair({
        id: `t${index}`,
        question: `What was the haemoglobin of patient ${index}?`,
        answer: 'Low.',
      }),
    );
    const validation = [
      makePair({ id: 'v', question: 'what was the haemoglobin of patient 40', answer: 'low' }),
    ];
    const report = await checkLeakage({ train, validation, test: [] }, new Map(), {
      ...defaultDedupeSettings,
      indexLimits: { maxBucketSize: 1, maxCandidates: 1 },
    });
    expect(report.nearDuplicates).toEqual([
      { id: 'v', split: 'validation', otherId: 't40', otherSplit: 'train', similarity: 1 },
    ]);
  });
});

describe('curate', () => {
  it('filters, de-identifies, dedupes and splits, and the splits leak nothing', async () => {
    const pairs = [
      ...Array.from({ length: 60 }, (_, index) =>
        makePair({
          id: `p${index}`,
          question: `${distinctQuestion(index)} 患者张伟`,
          groupKeys: [`patient:${index % 20}`],
          evidence: [makeEvidence(index, { 姓名: '张伟', SUBJECT_ID: String(index % 20) })],
        }),
      ),
      makePair({ id: 'draft', state: 'draft' }),
      makePair({
        id: 'copy',
        question: `${distinctQuestion(5)} 患者张伟`,
        answer: 'Answer p5.',
        approvedAt: '2024-04-01T00:00:00.000Z',
      }),
    ];
    const curated = await curate(arraySource(pairs), {
      filter: defaultPairFilter,
      dedupe: defaultDedupeSettings,
      split: { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 1 },
      deidentify: { mode: 'placeholder' },
    });
    const { report } = curated;
    expect(report.input).toBe(62);
    expect(report.filtered).toBe(61);
    expect(report.dedupe?.dropped.map((drop) => [drop.id, drop.keptId])).toEqual([['copy', 'p5']]);
    expect(report.counts.train + report.counts.validation + report.counts.test).toBe(60);
    // In each question and each cited name field of the 60 pairs, and in the copy's question:
    // de-identification runs before dedupe drops the copy.
    expect(report.deidentification?.counts.NAME).toBe(121);
    const written: ExportablePair[] = [];
    for await (const batch of curated.pairs('train', true)) written.push(...batch);
    expect(written.map((pair) => pair.id)).toEqual(curated.splits.train);
    expect(written.every((pair) => !pair.question.includes('张伟'))).toBe(true);
    expect(report.leakage.sharedGroups).toEqual([]);
    // Near repeats were dropped before splitting, so none is searched for across splits; without
    // dedupe the leakage check searches for them itself.
    expect(report.leakage.nearRepeats).toBe('removed-by-dedupe');
    expect(report.groups).toBe(20);
    const kept = await curate(arraySource(pairs), {
      filter: defaultPairFilter,
      dedupe: null,
      split: { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 1 },
      deidentify: null,
    });
    expect(kept.report.leakage.nearRepeats).toBe('searched');
    expect(kept.report.dedupe).toBeNull();
  });

  it('reads the pairs a batch at a time, and gives the same dataset for any stored order', async () => {
    const pairs = Array.from({ length: 1_300 }, (_, index) =>
      makePair({
        id: `s${String(index).padStart(4, '0')}`,
        question: `${distinctQuestion(index % 1_100)} 联系电话 1381234${String(index).padStart(4, '0')}`,
        answer: `Value ${index % 1_100}.`,
        groupKeys: [`patient:${index % 400}`],
      }),
    );
    const settings = {
      filter: defaultPairFilter,
      dedupe: defaultDedupeSettings,
      split: { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: 3 },
      deidentify: { mode: 'placeholder' as const },
    };
    const run = async (stored: readonly ExportablePair[]) => {
      const inner = arraySource(stored);
      let largest = 0;
      let scans = 0;
      const source: PairSource = {
        async *scan() {
          scans++;
          for await (const batch of inner.scan()) {
            largest = Math.max(largest, batch.length);
            yield batch;
          }
        },
        read(ids) {
          largest = Math.max(largest, ids.length);
          return inner.read(ids);
        },
      };
      const curated = await curate(source, settings);
      const files: string[] = [];
      for (const split of splitNames)
        for await (const batch of curated.pairs(split, false))
          files.push(...batch.map((pair) => `${split} ${pair.id} ${pair.question}`));
      return { report: curated.report, files, largest, scans };
    };
    const first = await run(pairs);
    expect(first.largest).toBeLessThanOrEqual(readBatchSize);
    // Once to filter and group, once in stored order to de-identify and hash.
    expect(first.scans).toBe(2);
    // 200 questions asked twice differ only in the phone number: once it is replaced, the later
    // copies repeat an earlier pair and are all dropped. Every phone number is replaced.
    const dropped = first.report.dedupe?.dropped ?? [];
    const droppedIds = new Set(dropped.map((drop) => drop.id));
    expect(pairs.slice(1_100).every((pair) => droppedIds.has(pair.id))).toBe(true);
    expect(dropped.filter((drop) => drop.reason === 'exact').length).toBeGreaterThan(190);
    expect(dropped.every((drop) => drop.similarity >= 0.8)).toBe(true);
    expect(first.report.deidentification?.counts.PHONE).toBe(1_300);
    expect(first.files).toHaveLength(1_300 - dropped.length);
    expect(first.files.some((line) => /1381234\d{4}/.test(line))).toBe(false);
    const again = await run(shuffled(pairs, 99));
    expect(again.files).toEqual(first.files);
    expect(again.report).toEqual(first.report);
  });

  it('refuses settings that cannot be meant, with every reason', async () => {
    await expect(
      curate(arraySource([]), {
        filter: { ...defaultPairFilter, states: [] },
        dedupe: { ...defaultDedupeSettings, threshold: 1.5 },
        split: { ratios: { train: 0.5, validation: 0.1, test: 0.1 }, seed: -1 },
        deidentify: null,
      }),
    ).rejects.toThrow(
      'Choose at least one review state. Split ratios must add up to 1, not 0.7. The seed must be a whole number of 0 or more. The near-duplicate threshold must be above 0 and at most 1.',
    );
  });
});
