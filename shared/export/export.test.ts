import { describe, expect, it } from 'vitest';
import type { QaPair } from '../model/qa';
import { describeFile } from './manifest';
import { writeChatJsonl, type ChatLine } from './openai-chat';
import { toNormalizedRecord } from './records-jsonl';

const pair = (question: string, answer: string): QaPair => ({
  id: 'qa_1',
  projectId: 'p',
  question,
  answer,
  evidence: [],
  state: 'approved',
  authorId: 'u',
  createdAt: '',
  updatedAt: '',
  version: 1,
});

describe('OpenAI chat JSONL', () => {
  it('writes one system/user/assistant object per line, newline-terminated', () => {
    const text = writeChatJsonl(
      [pair('患者的诊断是什么？', 'SEPSIS'), pair('Line\nbreak?', 'Yes "quoted"')],
      'Be careful.',
    );
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      messages: [
        { role: 'system', content: 'Be careful.' },
        { role: 'user', content: '患者的诊断是什么？' },
        { role: 'assistant', content: 'SEPSIS' },
      ],
    });
    expect((JSON.parse(lines[1] ?? '') as ChatLine).messages[1]?.content).toBe('Line\nbreak?');
  });

  it('leaves the system message out when the prompt is empty', () => {
    const line = JSON.parse(writeChatJsonl([pair('Q', 'A')], '  ').trim()) as {
      messages: { role: string }[];
    };
    expect(line.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
  });
});

describe('normalized records', () => {
  it('uses canonical names and codes where mapped and raw names elsewhere', () => {
    const record = toNormalizedRecord(
      'ADMISSIONS.csv',
      2,
      [
        { raw: 'SUBJECT_ID' },
        {
          raw: 'MARITAL_STATUS',
          canonical: { name: 'Marital status', system: 'LOINC', code: '45404-1' },
        },
      ],
      ['10006', 'SEPARATED'],
    );
    expect(record).toEqual({
      source: 'ADMISSIONS.csv',
      line: 2,
      fields: { SUBJECT_ID: '10006', 'Marital status': 'SEPARATED' },
      codes: { 'Marital status': 'LOINC:45404-1' },
    });
  });
});

describe('manifest entries', () => {
  it('give the SHA-256, size and line count of a file', () => {
    const entry = describeFile({ path: 'a.jsonl', data: new TextEncoder().encode('abc\n') });
    expect(entry).toEqual({
      path: 'a.jsonl',
      bytes: 4,
      lines: 1,
      sha256: 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb',
    });
  });
});
