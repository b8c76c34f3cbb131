/**
 * accepted: a person confirmed the term; automatic: an exact synonym, shown as such;
 * rejected: a person said the suggested term is wrong; flagged: left for a governance lead.
 */
export type MappingStatus = 'accepted' | 'automatic' | 'rejected' | 'flagged';

export function isMapped(status: MappingStatus): boolean {
  return status === 'accepted' || status === 'automatic';
}

/** A decision that a raw field name of a project means a dictionary term. */
export interface FieldMapping {
  id: string;
  projectId: string;
  raw: string;
  /**
   * What `raw` is: '' (or absent in older data) for a column name; `value:<column>` for a value
   * found in that column, as in long-format lab exports where the test name is a value.
   */
  scope?: string;
  /**
   * Set when the decision holds for sources of that system only (e.g. "LIS-A"); '' or absent:
   * for every source of the project. Stored as '' rather than absent, so the database can key it.
   */
  sourceSystem?: string;
  /** The term meant (accepted, automatic), refused (rejected) or proposed (flagged; may be ''). */
  termId: string;
  status: MappingStatus;
  score: number;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  dictionaryVersion: number;
}

export const columnNames = '';

export function valuesOf(column: string): string {
  return `value:${column}`;
}
