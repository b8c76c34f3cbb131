import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../model/qa';
import {
  boxEvidence,
  evidenceKey,
  evidenceProblems,
  evidenceSource,
  spanEvidence,
} from './evidence';
import { labRecord } from './test-support';

const scan = { scanId: 'scan-7', scanName: 'ward-round-2025-03-01.pdf', page: 2 };
const pageText = '尿常规：蛋白 ++，潜血 +。\nPSA 6.2 ng/mL';

describe('spanEvidence', () => {
  it('quotes the page text between the offsets', () => {
    const evidence = spanEvidence(scan, pageText, pageText.indexOf('PSA'), pageText.length);
    expect(evidence).toEqual({
      kind: 'ocr-region',
      scanId: 'scan-7',
      scanName: 'ward-round-2025-03-01.pdf',
      page: 2,
      region: { kind: 'span', start: 16, end: 29, text: 'PSA 6.2 ng/mL' },
    });
    expect(evidenceKey(evidence)).toBe('ocr:scan-7:2:span:16-29');
    expect(evidenceSource(evidence)).toBe('scan-7');
  });

  it('refuses empty, reversed and out-of-page spans', () => {
    expect(() => spanEvidence(scan, pageText, 5, 5)).toThrow(/empty or reversed/);
    expect(() => spanEvidence(scan, pageText, 6, 2)).toThrow(/empty or reversed/);
    expect(() => spanEvidence(scan, pageText, 20, 99)).toThrow(/past the page's 29 characters/);
    expect(() => spanEvidence({ ...scan, page: 0 }, pageText, 0, 3)).toThrow(/count from 1/);
  });

  it('every span inside the page round-trips its quote', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        if (text.slice(start, end).trim() === '') return;
        const evidence = spanEvidence(scan, text, start, end);
        expect(evidenceProblems(evidence, text)).toEqual([]);
        expect(evidence.region.text).toBe(text.slice(start, end));
      }),
    );
  });
});

describe('boxEvidence', () => {
  it('keeps the box and its text, and refuses boxes without area', () => {
    const evidence = boxEvidence(scan, [120, 340, 560, 388], 'PSA 6.2 ng/mL');
    expect(evidence.region).toEqual({
      kind: 'box',
      box: [120, 340, 560, 388],
      text: 'PSA 6.2 ng/mL',
    });
    expect(evidenceKey(evidence)).toBe('ocr:scan-7:2:box:120,340,560,388');
    expect(() => boxEvidence(scan, [10, 10, 10, 50], '')).toThrow(/no area/);
    expect(() => boxEvidence(scan, [10, 60, 20, 50], '')).toThrow(/no area/);
    expect(() => boxEvidence(scan, [-1, 0, 20, 50], '')).toThrow(/off the page/);
    expect(boxEvidence(scan, [0, 0, 20, 50], '').region.text).toBe('');
  });
});

describe('evidenceProblems', () => {
  it('checks records, fields and documents', () => {
    expect(evidenceProblems(labRecord)).toEqual([]);
    expect(evidenceProblems({ ...labRecord, fields: {}, line: 0 })).toEqual([
      'Line 0 is not a line number.',
      'The record cites no fields.',
    ]);
    const field: Evidence = { ...labRecord, kind: 'field', field: '结果', value: '98' };
    expect(evidenceProblems(field)).toEqual([]);
    expect(
      evidenceProblems({ kind: 'document', fileName: 'drafts.csv', line: 3, title: ' ' }),
    ).toEqual(['The document has neither a title nor a text.']);
    expect(
      evidenceProblems(
        { ...scan, kind: 'ocr-region', region: { kind: 'span', start: 0, end: 2, text: 'xx' } },
        pageText,
      ),
    ).toEqual(['The quoted text is not what the page holds at the span.']);
  });

  it('gives each kind its own key and source', () => {
    const evidence: Evidence[] = [
      labRecord,
      { ...labRecord, kind: 'field', field: '结果', value: '98' },
      { kind: 'document', fileName: 'medquad.xml', line: 21, title: 'Aberrant subclavian artery' },
    ];
    expect(evidence.map(evidenceKey)).toEqual([
      'record:src-labs:4',
      'field:src-labs:4:结果',
      'document:medquad.xml:21',
    ]);
    expect(evidence.map(evidenceSource)).toEqual(['src-labs', 'src-labs', 'medquad.xml']);
  });
});
