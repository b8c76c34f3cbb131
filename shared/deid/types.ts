export const identifierTypes = ['NAME', 'PHONE', 'EMAIL', 'ID', 'MRN', 'ADDRESS', 'DATE'] as const;
export type IdentifierType = (typeof identifierTypes)[number];

/** [start, end) in UTF-16 code units. */
export interface TextRange {
  start: number;
  end: number;
}

/** A stretch of text found to be an identifier. */
export interface Span extends TextRange {
  type: IdentifierType;
}

export type IdentifierCounts = Record<IdentifierType, number>;

export function emptyCounts(): IdentifierCounts {
  return { NAME: 0, PHONE: 0, EMAIL: 0, ID: 0, MRN: 0, ADDRESS: 0, DATE: 0 };
}
