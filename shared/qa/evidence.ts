import type { BoxCoordinates, Evidence, OcrRegionEvidence, RecordEvidence } from '../model/qa';

export function isRecordEvidence(evidence: Evidence): evidence is RecordEvidence {
  return evidence.kind === 'record';
}

/** One string per cited thing, for keys, sets and telling evidence added from removed. */
export function evidenceKey(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'record':
      return `record:${evidence.sourceId}:${evidence.row}`;
    case 'field':
      return `field:${evidence.sourceId}:${evidence.row}:${evidence.field}`;
    case 'ocr-region': {
      const { region } = evidence;
      const where = region.kind === 'span' ? `${region.start}-${region.end}` : region.box.join(',');
      return `ocr:${evidence.scanId}:${evidence.page}:${region.kind}:${where}`;
    }
    case 'document':
      return `document:${evidence.fileName}:${evidence.line}`;
  }
}

/** The record source, scan or import file the evidence comes from, for filtering by source. */
export function evidenceSource(evidence: Evidence): string {
  switch (evidence.kind) {
    case 'record':
    case 'field':
      return evidence.sourceId;
    case 'ocr-region':
      return evidence.scanId;
    case 'document':
      return evidence.fileName;
  }
}

/**
 * A span of a page's corrected OCR text. Offsets are UTF-16 indices into that text, as a
 * selection in the page's text gives them; the quoted text is taken from the page, so it cannot
 * drift from the offsets.
 */
export function spanEvidence(
  scan: { scanId: string; scanName: string; page: number },
  pageText: string,
  start: number,
  end: number,
): OcrRegionEvidence {
  const evidence: OcrRegionEvidence = {
    ...scan,
    kind: 'ocr-region',
    region: { kind: 'span', start, end, text: pageText.slice(start, end) },
  };
  const problems = evidenceProblems(evidence, pageText);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  return evidence;
}

/** A box drawn on a page image, with the OCR text of the words inside it. */
export function boxEvidence(
  scan: { scanId: string; scanName: string; page: number },
  box: BoxCoordinates,
  text: string,
): OcrRegionEvidence {
  const evidence: OcrRegionEvidence = {
    ...scan,
    kind: 'ocr-region',
    region: { kind: 'box', box, text },
  };
  const problems = evidenceProblems(evidence);
  if (problems.length > 0) throw new RangeError(problems.join(' '));
  return evidence;
}

/**
 * What is wrong with a piece of evidence, in sentences; empty when nothing is. With the page's
 * text, a span's quote is checked against it.
 */
export function evidenceProblems(evidence: Evidence, pageText?: string): string[] {
  const problems: string[] = [];
  if (evidence.kind === 'record' || evidence.kind === 'field') {
    if (!isCount(evidence.row)) problems.push(`Row ${evidence.row} is not a row number.`);
    if (!isCount(evidence.line) || evidence.line < 1) {
      problems.push(`Line ${evidence.line} is not a line number.`);
    }
    if (evidence.kind === 'record' && Object.keys(evidence.fields).length === 0) {
      problems.push('The record cites no fields.');
    }
    return problems;
  }
  if (evidence.kind === 'document') {
    if (evidence.title.trim() === '' && (evidence.text ?? '').trim() === '') {
      problems.push('The document has neither a title nor a text.');
    }
    return problems;
  }
  if (!isCount(evidence.page) || evidence.page < 1) {
    problems.push(`Page ${evidence.page} is not a page number (pages count from 1).`);
  }
  const { region } = evidence;
  if (region.kind === 'span') {
    if (!isCount(region.start) || !isCount(region.end) || region.start >= region.end) {
      problems.push(`The span ${region.start}–${region.end} is empty or reversed.`);
    } else if (pageText !== undefined) {
      if (region.end > pageText.length) {
        problems.push(
          `The span ends at ${region.end}, past the page's ${pageText.length} characters.`,
        );
      } else if (pageText.slice(region.start, region.end) !== region.text) {
        problems.push('The quoted text is not what the page holds at the span.');
      }
    }
  } else {
    const [x0, y0, x1, y1] = region.box;
    const isFinite = region.box.every((value) => Number.isFinite(value) && value >= 0);
    if (!isFinite || x0 >= x1 || y0 >= y1) {
      problems.push(`The box [${region.box.join(', ')}] has no area or is off the page.`);
    }
  }
  // A box may hold no readable text (a stamp, a signature): its image crop is the evidence.
  if (region.kind === 'span' && region.text.trim() === '') problems.push('The span holds no text.');
  return problems;
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
