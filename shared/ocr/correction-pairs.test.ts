import { describe, expect, it } from 'vitest';
import { correctionPairs, pairsJsonl, type CorrectionInput } from './correction-pairs';

const base: Omit<CorrectionInput, 'id' | 'wordIndex' | 'text' | 'engineText'> = {
  scanId: 'scan:2026/1',
  pageId: 'scan:2026/1:2',
  bbox: [10, 20, 60, 40],
  confidence: 43.5,
  by: 'p1',
  at: '2026-11-29T10:00:00.000Z',
};

describe('OCR correction pairs', () => {
  const corrections: CorrectionInput[] = [
    { ...base, id: 'c2', wordIndex: 7, engineText: 'Alc', text: 'A1c' },
    { ...base, id: 'c1', wordIndex: 3, engineText: 'g/L', text: 'g/L' },
    { ...base, id: 'c3', wordIndex: 9, engineText: '~', text: '' },
  ];
  const pairs = correctionPairs(corrections, () => ({ file: 'labs.pdf', page: 2 }));

  it('pairs each decided word with its crop, marking corrections and acceptances', () => {
    expect(pairs).toEqual([
      expect.objectContaining({
        image: 'crops/scan_2026_1-p2-w3.png',
        text: 'g/L',
        kind: 'accepted',
        file: 'labs.pdf',
        page: 2,
      }),
      expect.objectContaining({
        image: 'crops/scan_2026_1-p2-w7.png',
        text: 'A1c',
        engine_text: 'Alc',
        kind: 'corrected',
        engine_confidence: 43.5,
      }),
    ]);
  });

  it('leaves out words a person deleted: there is no text to learn', () => {
    expect(pairs.map((pair) => pair.engine_text)).not.toContain('~');
  });

  it('writes one JSON object per line', () => {
    const lines = pairsJsonl(pairs).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { text: string }).text)).toEqual([
      'g/L',
      'A1c',
    ]);
  });
});
