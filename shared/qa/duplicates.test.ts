import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textSimilarity } from '../text/near-duplicate';
import { indexQuestions, QuestionIndex } from './duplicates';

interface MedquadLine {
  id: string;
  question: string;
}
const medquad = readFileSync(
  'test/fixtures/qa/medquad/medquad_sample_qa_pairs.subset.jsonl',
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as MedquadLine);

describe('QuestionIndex on MedQuAD questions', () => {
  const index = indexQuestions(medquad.map((line) => ({ id: line.id, question: line.question })));

  it('finds the same question typed differently as an exact duplicate', () => {
    expect(index.check('how to diagnose adult acute lymphoblastic leukemia')).toEqual([
      { pairId: '0000001_1-3', kind: 'exact', similarity: 1 },
    ]);
  });

  it('finds a reworded question as the nearest duplicate, with its similarity', () => {
    const [match, ...rest] = index.check('What is adult acute lymphoblastic leukemia?');
    expect(match).toMatchObject({ pairId: '0000001_1-1', kind: 'near' });
    expect(match!.similarity).toBeCloseTo(
      textSimilarity(
        'What is adult acute lymphoblastic leukemia?',
        'What is (are) Adult Acute Lymphoblastic Leukemia ?',
      ),
      12,
    );
    expect(match!.similarity).toBeGreaterThan(0.9);
    // MedQuAD's other questions on the same focus share most of their characters, so they follow.
    const query = 'What is adult acute lymphoblastic leukemia?';
    const bySimilarity = medquad
      .map((line) => ({ id: line.id, similarity: textSimilarity(query, line.question) }))
      .filter((entry) => entry.id !== '0000001_1-1' && entry.similarity >= index.threshold)
      .sort((a, b) => b.similarity - a.similarity);
    expect(rest.map((other) => other.pairId)).toEqual(bySimilarity.map((entry) => entry.id));
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((other) => other.similarity < match!.similarity)).toBe(true);
  });

  it('finds every stored question at least as similar as the threshold (none missed)', () => {
    for (const line of medquad) {
      const expected = medquad
        .filter(
          (other) =>
            other.id !== line.id &&
            textSimilarity(line.question, other.question) >= index.threshold,
        )
        .map((other) => other.id)
        .sort();
      const found = index
        .check(line.question, { excludeId: line.id })
        .map((match) => match.pairId)
        .sort();
      expect(found, line.question).toEqual(expected);
    }
  });

  it('finds nothing for an unrelated question, or while the first words are typed', () => {
    expect(index.check('Which antibiotics treat urinary tract infections in pregnancy?')).toEqual(
      [],
    );
    expect(index.check('What is')).toEqual([]);
    expect(index.check('  ？ ')).toEqual([]);
  });

  it('leaves out the pair being edited', () => {
    const matches = index.check('What is (are) Adult Acute Lymphoblastic Leukemia ?', {
      excludeId: '0000001_1-1',
    });
    expect(matches.map((match) => match.pairId)).not.toContain('0000001_1-1');
    expect(matches.every((match) => match.kind === 'near')).toBe(true);
  });
});

describe('QuestionIndex on Chinese questions', () => {
  const index = new QuestionIndex();
  index.add('qa-1', '血红蛋白98 g/L的成年男性是否贫血？');
  index.add('qa-2', 'PSA 6.2 ng/mL提示什么？');
  index.add('qa-3', '空腹血糖7.9 mmol/L能否诊断糖尿病？');

  it('ignores full-width forms, spacing and punctuation for exact matches', () => {
    expect(index.check('ＰＳＡ ６.２ ng/mL 提示什么')).toEqual([
      { pairId: 'qa-2', kind: 'exact', similarity: 1 },
    ]);
  });

  it('finds a one-character edit as near, and follows edits and removals', () => {
    expect(
      index.check('空腹血糖7.9 mmol/L能否确诊糖尿病？').map((match) => [match.pairId, match.kind]),
    ).toEqual([['qa-3', 'near']]);
    index.add('qa-3', '餐后两小时血糖11.2 mmol/L意味着什么？');
    expect(index.check('空腹血糖7.9 mmol/L能否诊断糖尿病？')).toEqual([]);
    index.remove('qa-2');
    expect(index.check('PSA 6.2 ng/mL提示什么？')).toEqual([]);
    expect(index.size).toBe(2);
  });
});

const word = fc.constantFrom(
  '血红蛋白',
  '贫血',
  'PSA',
  'glucose',
  '患者',
  'mmol/L',
  '升高',
  'what',
  'is',
  '7.9',
);
const question = fc.array(word, { minLength: 2, maxLength: 8 }).map((words) => words.join(' '));

describe('duplicate properties', () => {
  it('a question is an exact duplicate of itself however it is cased and punctuated', () => {
    fc.assert(
      fc.property(
        fc.array(question, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        (questions, pick) => {
          const index = indexQuestions(
            questions.map((text, position) => ({ id: `qa-${position}`, question: text })),
          );
          const chosen = pick % questions.length;
          const variant = `  ${questions[chosen]!.toUpperCase().replace(/ /g, '  ')}？！`;
          const matches = index.check(variant);
          expect(matches).toContainEqual({ pairId: `qa-${chosen}`, kind: 'exact', similarity: 1 });
          expect(
            matches
              .slice(0, matches.filter((match) => match.kind === 'exact').length)
              .every((match) => match.kind === 'exact'),
          ).toBe(true);
        },
      ),
      // Each run builds an index, and choosing its LSH banding takes a while.
      { numRuns: 40 },
    );
  });

  it('every near match reaches the threshold, and removed or excluded pairs never match', () => {
    fc.assert(
      fc.property(
        fc.array(question, { minLength: 1, maxLength: 12 }),
        question,
        fc.nat(),
        (questions, query, pick) => {
          const index = indexQuestions(
            questions.map((text, position) => ({ id: `qa-${position}`, question: text })),
          );
          const removed = `qa-${pick % questions.length}`;
          index.remove(removed);
          const excluded = `qa-${(pick + 1) % questions.length}`;
          for (const match of index.check(query, { excludeId: excluded })) {
            expect(match.pairId).not.toBe(removed);
            expect(match.pairId).not.toBe(excluded);
            expect(match.similarity).toBeGreaterThanOrEqual(index.threshold);
          }
        },
      ),
      // Each run builds an index, and choosing its LSH banding takes a while.
      { numRuns: 40 },
    );
  });
});
