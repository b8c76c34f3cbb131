import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../ingest/errors';
import { failureOf } from '../../ingest/test-support';
import { draftsFromTable } from './drafts';
import { importDraftFile } from './file';
import { readDraftTable } from './table';

const csvPath = 'test/fixtures/qa/drafts-zh.csv';
const jsonlPath = 'test/fixtures/qa/medquad/medquad_sample_qa_pairs.subset.jsonl';
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

describe('importDraftFile on drafts-zh.csv', () => {
  it('stops at the row without an answer in strict mode, naming file and line', () => {
    const error = failureOf(() => importDraftFile('drafts-zh.csv', bytesOf(csvPath), 'strict'));
    expect(error.message).toBe('drafts-zh.csv, line 5: the answer is empty');
  });

  it('guesses the columns and drafts the other rows in lenient mode', () => {
    const result = importDraftFile('drafts-zh.csv', bytesOf(csvPath), 'lenient');
    expect(result.format).toBe('delimited');
    expect(result.mapping).toMatchObject({ question: '问题', answer: '答案', evidence: '证据' });
    expect(result.skipped).toEqual([{ line: 5, reason: 'the answer is empty' }]);
    expect(result.drafts.map((draft) => draft.importedFrom)).toEqual([
      { fileName: 'drafts-zh.csv', line: 2 },
      { fileName: 'drafts-zh.csv', line: 3 },
      { fileName: 'drafts-zh.csv', line: 6 },
    ]);
    expect(result.drafts[0]).toEqual({
      question: '血红蛋白98 g/L的成年男性是否贫血？',
      answer: '是。成年男性血红蛋白低于130 g/L即为贫血，98 g/L属于中度贫血。',
      evidence: [
        {
          kind: 'document',
          fileName: 'drafts-zh.csv',
          line: 2,
          title: 'https://www.who.int/publications/i/item/WHO-NMH-NHD-MNM-11.1',
          url: 'https://www.who.int/publications/i/item/WHO-NMH-NHD-MNM-11.1',
        },
      ],
      tags: { department: '血液科', difficulty: 'medium', free: ['贫血', '血常规'] },
      origin: 'imported',
      importedFrom: { fileName: 'drafts-zh.csv', line: 2 },
    });
    expect(result.drafts[1]).toMatchObject({
      answer: 'PSA轻度升高（4–10 ng/mL为灰区），\n需结合游离PSA比值和MRI判断是否穿刺。',
      evidence: [{ kind: 'document', line: 3, title: '', text: '检验报告第2页' }],
      tags: { department: '泌尿外科', difficulty: 'hard', free: ['PSA', '前列腺'] },
      notes: '需专家确认灰区范围',
    });
    expect(result.drafts[2]!.tags.difficulty).toBe('hard');
  });

  it('uses a corrected mapping, and refuses an incomplete one', () => {
    const result = importDraftFile('drafts-zh.csv', bytesOf(csvPath), 'lenient', {
      question: '问题',
      answer: '答案',
      topic: '科室',
    });
    expect(result.drafts[0]!.tags).toEqual({ topic: '血液科', free: [] });
    expect(result.drafts[0]!.evidence).toEqual([]);
    const error = failureOf(() =>
      importDraftFile('drafts-zh.csv', bytesOf(csvPath), 'lenient', { question: '问题' }),
    );
    expect(error.message).toBe('drafts-zh.csv: Choose the column that holds the answer.');
  });

  it('refuses files of other kinds and empty files', () => {
    expect(
      failureOf(() => importDraftFile('pairs.docx', bytesOf(csvPath), 'strict')).reason,
    ).toMatch(/not a CSV/);
    expect(failureOf(() => importDraftFile('pairs.csv', new Uint8Array(), 'strict')).reason).toBe(
      'the file is empty',
    );
  });

  it('reads the same drafts from a GB18030 copy of the file', () => {
    const gb18030 = bytesOf('test/fixtures/qa/drafts-zh-gb18030.csv');
    const result = importDraftFile('drafts-zh-gb18030.csv', gb18030, 'lenient');
    const utf8 = importDraftFile('drafts-zh-gb18030.csv', bytesOf(csvPath), 'lenient');
    expect(result.drafts).toEqual(utf8.drafts);
    expect(result.drafts).toHaveLength(3);
  });
});

describe('importDraftFile on MedQuAD pairs as JSONL', () => {
  const result = importDraftFile('medquad.jsonl', bytesOf(jsonlPath), 'strict');

  it('drafts every line with its line number, id, question type, focus and link', () => {
    expect(result.format).toBe('jsonl');
    expect(result.drafts).toHaveLength(19);
    expect(result.drafts[0]).toMatchObject({
      question: 'What is (are) Adult Acute Lymphoblastic Leukemia ?',
      tags: { topic: 'Adult Acute Lymphoblastic Leukemia', free: ['information'] },
      importedFrom: { fileName: 'medquad.jsonl', line: 1, externalId: '0000001_1-1' },
      evidence: [
        {
          kind: 'document',
          url: 'https://www.cancer.gov/types/leukemia/patient/adult-all-treatment-pdq',
        },
      ],
    });
    expect(result.drafts.map((draft) => draft.importedFrom?.line)).toEqual(
      Array.from({ length: 19 }, (_, index) => index + 1),
    );
  });

  it('keeps answers as MedQuAD has them (trimmed only)', () => {
    const lines = readFileSync(jsonlPath, 'utf8').trim().split('\n');
    const answers = lines.map((line) => (JSON.parse(line) as { answer: string }).answer.trim());
    expect(result.drafts.map((draft) => draft.answer)).toEqual(answers);
  });

  it('names the line of broken JSON', () => {
    const text = '{"question":"q","answer":"a"}\n{"question": oops}\n';
    const error = failureOf(() =>
      importDraftFile('broken.jsonl', new TextEncoder().encode(text), 'strict'),
    );
    expect(error).toBeInstanceOf(IngestError);
    expect(error.line).toBe(2);
  });
});

describe('JSON arrays of drafts', () => {
  it('reads tags given as an array', () => {
    const text = JSON.stringify([{ q: '问?', a: '答。', tags: ['甲', '乙'], 难度: '2' }], null, 2);
    const result = importDraftFile('drafts.json', new TextEncoder().encode(text), 'strict');
    expect(result.mapping).toMatchObject({ tags: 'tags', difficulty: '难度' });
    expect(result.drafts[0]).toMatchObject({
      tags: { difficulty: 'medium', free: ['甲', '乙'] },
      importedFrom: { line: 2 },
    });
  });
});

const cell = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((value) => value.trim() !== '');
const row = fc.record({
  question: cell,
  answer: cell,
  tags: fc.array(
    cell.map((tag) => tag.replace(/[,;|，；、]/g, '')),
    { maxLength: 3 },
  ),
});

describe('CSV round trip', () => {
  it('any questions and answers written as CSV are read back, each at its line', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
        const text = Papa.unparse(
          rows.map((entry) => ({
            question: entry.question,
            answer: entry.answer,
            tags: entry.tags.join(';'),
          })),
          { newline: '\n' },
        );
        const table = readDraftTable(text, 'round.csv', 'delimited', 'strict');
        const result = draftsFromTable(
          table,
          { question: 'question', answer: 'answer', tags: 'tags' },
          'strict',
        );
        expect(result.drafts.map((draft) => [draft.question, draft.answer])).toEqual(
          rows.map((entry) => [entry.question.trim(), entry.answer.trim()]),
        );
        const expectedLines: number[] = [];
        let line = 2;
        for (const entry of rows) {
          expectedLines.push(line);
          line += (entry.question + entry.answer + entry.tags.join(';')).split(/\r\n|\r|\n/).length;
        }
        expect(result.drafts.map((draft) => draft.importedFrom?.line)).toEqual(expectedLines);
      }),
    );
  });
});
