import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { alpacaJsonlLines, alpacaLineOf } from './alpaca';
import { csvLines } from './csv';
import { llamaFactoryDatasetInfo, llamaFactoryEntry } from './llama-factory';
import { chatJsonlLines, chatLineOf } from './openai-chat';
import { parquetChunks, type ParquetColumn } from './parquet';
import { evidenceContext } from './prompt';
import { qaCsvLines, qaParquetChunks } from './qa-table';
import {
  recordCsvLines,
  recordJsonLine,
  recordParquetChunks,
  type ExportableRecord,
} from './records';
import { shareGptLineOf } from './sharegpt';
import { StreamDigest, collectBytes, utf8Chunks } from './stream';
import { makeEvidence, makePair } from './test-support';

const pair = makePair({
  id: 'q1',
  question: '患者入院时的血红蛋白是多少？',
  answer: '98 g/L，低于参考范围。',
  tags: ['specialty:hematology', 'anemia'],
  evidence: [makeEvidence(2, { SUBJECT_ID: '10006', 血红蛋白: '98 g/L' })],
});
const withSystem = { systemPrompt: 'Answer from the record.', includeEvidence: true };
const plain = { systemPrompt: '  ', includeEvidence: false };
const context = '[ADMISSIONS.csv, row 3] SUBJECT_ID: 10006; 血红蛋白: 98 g/L';

async function readParquet(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return parquetReadObjects({ file: buffer as ArrayBuffer });
}

describe('chat formats', () => {
  it('OpenAI chat: system, user (evidence then question), assistant', () => {
    expect(evidenceContext(pair.evidence)).toBe(context);
    expect(chatLineOf(pair, withSystem)).toEqual({
      messages: [
        { role: 'system', content: 'Answer from the record.' },
        { role: 'user', content: `${context}\n\n患者入院时的血红蛋白是多少？` },
        { role: 'assistant', content: '98 g/L，低于参考范围。' },
      ],
    });
    expect(chatLineOf(pair, plain).messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
    ]);
  });

  it('Alpaca: instruction, input (the evidence), output, and system when there is one', () => {
    expect(alpacaLineOf(pair, withSystem)).toEqual({
      instruction: '患者入院时的血红蛋白是多少？',
      input: context,
      output: '98 g/L，低于参考范围。',
      system: 'Answer from the record.',
    });
    expect(alpacaLineOf(pair, plain)).toEqual({
      instruction: '患者入院时的血红蛋白是多少？',
      input: '',
      output: '98 g/L，低于参考范围。',
    });
  });

  it('ShareGPT: human then gpt turns, system in its own column', () => {
    expect(shareGptLineOf(pair, withSystem)).toEqual({
      conversations: [
        { from: 'human', value: `${context}\n\n患者入院时的血红蛋白是多少？` },
        { from: 'gpt', value: '98 g/L，低于参考范围。' },
      ],
      system: 'Answer from the record.',
    });
  });

  it('write one JSON object per line, newline-terminated, for any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }))),
        (texts) => {
          const pairs = texts.map(([question, answer], index) =>
            makePair({ id: `p${index}`, question, answer }),
          );
          for (const lines of [chatJsonlLines(pairs, plain), alpacaJsonlLines(pairs, plain)]) {
            const text = [...lines].join('');
            const parsed = text
              .split('\n')
              .slice(0, -1)
              .map((line) => JSON.parse(line) as unknown);
            expect(parsed).toHaveLength(pairs.length);
            expect(text.endsWith('\n') || pairs.length === 0).toBe(true);
          }
        },
      ),
    );
  });

  it('are written lazily: the first line is out before the rest are read', () => {
    let read = 0;
    function* endless() {
      for (let index = 0; ; index++) {
        read++;
        yield makePair({ id: `p${index}` });
      }
    }
    const lines = chatJsonlLines(endless(), plain);
    lines.next();
    lines.next();
    expect(read).toBe(2);
  });
});

describe('LLaMA-Factory dataset_info.json', () => {
  it('describes each format in the shape LLaMA-Factory documents', () => {
    expect(llamaFactoryEntry('alpaca', 'train.jsonl', true)).toEqual({
      file_name: 'train.jsonl',
      formatting: 'alpaca',
      columns: { prompt: 'instruction', query: 'input', response: 'output', system: 'system' },
    });
    expect(llamaFactoryEntry('sharegpt', 'train.jsonl', false)).toEqual({
      file_name: 'train.jsonl',
      formatting: 'sharegpt',
      columns: { messages: 'conversations' },
      tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' },
    });
    expect(llamaFactoryEntry('openai-chat', 'test.jsonl', true)).toEqual({
      file_name: 'test.jsonl',
      formatting: 'sharegpt',
      columns: { messages: 'messages' },
      tags: {
        role_tag: 'role',
        content_tag: 'content',
        user_tag: 'user',
        assistant_tag: 'assistant',
        system_tag: 'system',
      },
    });
    expect(llamaFactoryEntry('qa-table', 'train.parquet', true)).toEqual({
      file_name: 'train.parquet',
      formatting: 'alpaca',
      columns: { prompt: 'question', query: 'context', response: 'answer', system: 'system' },
    });
    const info = JSON.parse(
      llamaFactoryDatasetInfo(
        'clinic',
        'alpaca',
        [
          { split: 'train', fileName: 'train.jsonl' },
          { split: 'test', fileName: 'test.jsonl' },
        ],
        false,
      ),
    ) as Record<string, { file_name: string }>;
    expect(Object.keys(info)).toEqual(['clinic_train', 'clinic_test']);
    expect(info['clinic_test']?.file_name).toBe('test.jsonl');
  });
});

describe('CSV', () => {
  it('quotes what RFC 4180 requires, ends records with CRLF and can start with a BOM', () => {
    const text = [
      ...csvLines(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', '患者'],
        ],
        { bom: true },
      ),
    ].join('');
    expect(text).toBe('\ufeffa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",患者\r\n');
  });

  it('round-trips any text through a standard CSV parser', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 3, maxLength: 3 }), {
          maxLength: 8,
        }),
        fc.boolean(),
        (rows, bom) => {
          const text = [...csvLines(['one', 'two', 'three'], rows, { bom })].join('');
          const parsed = Papa.parse<string[]>(bom ? text.slice(1) : text, {
            newline: '\r\n',
            skipEmptyLines: false,
          });
          expect(parsed.errors).toEqual([]);
          expect(parsed.data.slice(1, -1)).toEqual(rows);
        },
      ),
    );
  });

  it('refuses a row with the wrong number of fields', () => {
    expect(() => [...csvLines(['a', 'b'], [['only one']], { bom: false })]).toThrow(RangeError);
  });

  it('writes pairs with one stable header', () => {
    const text = [...qaCsvLines([pair], withSystem, { bom: false })].join('');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, newline: '\r\n' });
    expect(parsed.data[0]).toEqual({
      id: 'q1',
      system: 'Answer from the record.',
      question: '患者入院时的血红蛋白是多少？',
      context,
      answer: '98 g/L，低于参考范围。',
      tags: 'anemia; specialty:hematology',
    });
  });
});

describe('Parquet', () => {
  const columns: ParquetColumn[] = [
    { name: 'id', type: 'string' },
    { name: 'line', type: 'int' },
    { name: 'tags', type: 'string-list' },
    { name: 'messages', type: 'messages' },
  ];

  it('round-trips rows through a Parquet reader, one row group per group of rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            id: fc.string({ unit: 'grapheme' }),
            line: fc.integer({ min: -1000, max: 1_000_000 }),
            tags: fc.array(fc.string(), { maxLength: 3 }),
            messages: fc.array(
              fc.record({ role: fc.constantFrom('user', 'assistant'), content: fc.string() }),
              { maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.integer({ min: 1, max: 12 }),
        async (rows, rowGroupSize) => {
          const chunks = [...parquetChunks(columns, rows, { rowGroupSize, createdBy: 'test' })];
          const groups = Math.ceil(rows.length / rowGroupSize);
          // One chunk per full group as it fills; the last, partial group goes out with the footer.
          expect(chunks).toHaveLength(Math.floor(rows.length / rowGroupSize) + 1);
          const bytes = collectBytes(chunks);
          expect(await readParquet(bytes)).toEqual(rows);
          const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
          expect(parquetMetadata(buffer as ArrayBuffer).row_groups).toHaveLength(groups);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads no more rows than one group before handing out bytes', () => {
    let read = 0;
    function* endless() {
      for (let index = 0; ; index++) {
        read++;
        yield { id: `r${index}`, line: index, tags: [], messages: [] };
      }
    }
    const chunks = parquetChunks(columns, endless(), { rowGroupSize: 50, createdBy: 'test' });
    chunks.next();
    expect(read).toBe(50);
  });

  it('gives the same bytes for the same rows (no timestamp inside)', () => {
    const rows = [{ id: 'a', line: 1, tags: ['x'], messages: [{ role: 'user', content: 'hi' }] }];
    const first = collectBytes(parquetChunks(columns, rows));
    const second = collectBytes(parquetChunks(columns, rows));
    expect(bytesToHex(sha256(first))).toBe(bytesToHex(sha256(second)));
  });

  it('writes an empty file that readers accept', async () => {
    expect(await readParquet(collectBytes(parquetChunks(columns, [])))).toEqual([]);
  });

  it('refuses a value of the wrong type, naming the column', () => {
    expect(() => [
      ...parquetChunks(columns, [{ id: 'a', line: 'one', tags: [], messages: [] }]),
    ]).toThrow('Parquet column "line" expects int, got string.');
  });

  it('writes pairs as a flat table with tags as a list', async () => {
    const rows = await readParquet(collectBytes(qaParquetChunks([pair], withSystem)));
    expect(rows).toEqual([
      {
        id: 'q1',
        system: 'Answer from the record.',
        question: '患者入院时的血红蛋白是多少？',
        context,
        answer: '98 g/L，低于参考范围。',
        tags: ['anemia', 'specialty:hematology'],
      },
    ]);
  });
});

describe('normalized records', () => {
  const record: ExportableRecord = {
    source: 'labs.csv',
    line: 2,
    fields: [
      { raw: 'PID', rawValue: '10006', name: 'PID', value: '10006' },
      {
        raw: '检验项目',
        rawValue: '血红蛋白',
        name: 'Test',
        code: 'local:test',
        value: 'Hemoglobin',
        valueCode: 'LOINC:718-7',
      },
      { raw: '结果', rawValue: '98', name: 'Result', code: 'local:result', value: '98' },
    ],
  };

  it('as JSONL: canonical names and codes, raw alongside on request', () => {
    expect(recordJsonLine(record, { includeRaw: false })).toEqual({
      source: 'labs.csv',
      line: 2,
      fields: { PID: '10006', Test: 'Hemoglobin', Result: '98' },
      codes: { Test: 'local:test', Result: 'local:result' },
      valueCodes: { Test: 'LOINC:718-7' },
    });
    expect(recordJsonLine(record, { includeRaw: true }).raw).toEqual({
      PID: '10006',
      检验项目: '血红蛋白',
      结果: '98',
    });
  });

  it('as CSV and Parquet: one row per field, the same columns for every source', async () => {
    const csv = Papa.parse<Record<string, string>>(
      [...recordCsvLines([record], { includeRaw: true }, { bom: false })].join(''),
      { header: true, newline: '\r\n', skipEmptyLines: true },
    );
    expect(csv.data[1]).toEqual({
      source: 'labs.csv',
      line: '2',
      field: 'Test',
      code: 'local:test',
      value: 'Hemoglobin',
      value_code: 'LOINC:718-7',
      raw_field: '检验项目',
      raw_value: '血红蛋白',
    });
    const rows = await readParquet(
      collectBytes(recordParquetChunks([record, record], { includeRaw: false })),
    );
    expect(rows).toHaveLength(6);
    expect(rows[2]).toEqual({
      source: 'labs.csv',
      line: 2,
      field: 'Result',
      code: 'local:result',
      value: '98',
      value_code: '',
    });
  });
});

describe('chunk streams', () => {
  it('encode the text exactly, in pieces near the target size, and hash as they pass', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array({ maxLength: 20 }))),
        fc.integer({ min: 1, max: 64 }),
        (chunks, target) => {
          const pieces = [...utf8Chunks(chunks, target)];
          const expected = collectBytes(
            chunks.map((chunk) =>
              typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk,
            ),
          );
          const digest = new StreamDigest();
          for (const piece of pieces) {
            expect(piece.byteLength).toBeGreaterThan(0);
            digest.update(piece);
          }
          expect(collectBytes(pieces)).toEqual(expected);
          expect(digest.digest()).toEqual({
            bytes: expected.byteLength,
            sha256: bytesToHex(sha256(expected)),
          });
        },
      ),
    );
  });
});
