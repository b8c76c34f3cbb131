import type { BBox } from './types';

export interface CorrectionInput {
  id: string;
  scanId: string;
  pageId: string;
  wordIndex: number;
  engineText: string;
  text: string;
  bbox: BBox;
  confidence: number;
  by: string;
  at: string;
}

export interface CorrectionPair {
  /** The decision this pair comes from, for tracing it back in the audit trail. */
  correction_id: string;
  /** Path of the PNG crop inside the export folder. */
  image: string;
  text: string;
  engine_text: string;
  kind: 'corrected' | 'accepted';
  engine_confidence: number;
  file: string;
  page: number;
  bbox: BBox;
  by: string;
  at: string;
}

/**
 * Image-crop and text pairs for training an OCR model: one JSONL line per decided word, its crop
 * named after the word's place so the same corrections always give the same files.
 */
export function correctionPairs(
  corrections: readonly CorrectionInput[],
  locate: (correction: CorrectionInput) => { file: string; page: number },
): CorrectionPair[] {
  return corrections
    .filter((correction) => correction.text !== '')
    .map((correction) => {
      const { file, page } = locate(correction);
      return {
        correction_id: correction.id,
        image: `crops/${safeName(correction.scanId)}-p${page}-w${correction.wordIndex}.png`,
        text: correction.text,
        engine_text: correction.engineText,
        kind:
          correction.text === correction.engineText
            ? ('accepted' as const)
            : ('corrected' as const),
        engine_confidence: correction.confidence,
        file,
        page,
        bbox: correction.bbox,
        by: correction.by,
        at: correction.at,
      };
    })
    .sort((a, b) => a.image.localeCompare(b.image));
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/gu, '_');
}

export function pairsJsonl(pairs: readonly CorrectionPair[]): string {
  return pairs.map((pair) => JSON.stringify(pair)).join('\n') + (pairs.length > 0 ? '\n' : '');
}
