import { describe, expect, it } from 'vitest';
import { detectColumns, mappableColumns, mappingProblems } from './columns';

describe('detectColumns', () => {
  it('recognizes Chinese headers', () => {
    expect(detectColumns(['问题', '答案', '科室', '难度', '标签', '证据', '备注'])).toEqual({
      question: '问题',
      answer: '答案',
      department: '科室',
      difficulty: '难度',
      tags: '标签',
      evidence: '证据',
      notes: '备注',
    });
  });

  it('recognizes short and differently written English headers', () => {
    expect(detectColumns(['Q', 'A', 'Context', 'Tags', 'Question_ID'])).toEqual({
      question: 'Q',
      answer: 'A',
      context: 'Context',
      tags: 'Tags',
      id: 'Question_ID',
    });
  });

  it('reads MedQuAD’s flattened JSONL and Alpaca’s instruction/input/output', () => {
    expect(
      detectColumns(['id', 'question', 'answer', 'qtype', 'focus', 'source', 'url', 'file']),
    ).toEqual({
      question: 'question',
      answer: 'answer',
      evidence: 'url',
      tags: 'qtype',
      topic: 'focus',
      id: 'id',
    });
    expect(detectColumns(['instruction', 'input', 'output'])).toEqual({
      question: 'instruction',
      answer: 'output',
      context: 'input',
    });
  });

  it('offers a flattened JSON array as one column', () => {
    expect(mappableColumns(['question', 'tags.0', 'tags.1'])).toEqual([
      'question',
      'tags.0',
      'tags.1',
      'tags',
    ]);
    expect(detectColumns(['question', 'answer', 'tags.0', 'tags.1']).tags).toBe('tags');
  });

  it('leaves unknown columns unmapped', () => {
    expect(detectColumns(['患者编号', '结果'])).toEqual({});
  });
});

describe('mappingProblems', () => {
  it('asks for a question and an answer from columns the file has', () => {
    expect(mappingProblems({}, ['x'])).toEqual([
      'Choose the column that holds the question.',
      'Choose the column that holds the answer.',
    ]);
    expect(mappingProblems({ question: 'q', answer: 'q', tags: 'labels' }, ['q'])).toEqual([
      'The file has no column "labels" (chosen for tags).',
      '"q" cannot be both the question and the answer.',
    ]);
    expect(mappingProblems({ question: 'q', answer: 'a' }, ['q', 'a'])).toEqual([]);
  });
});
