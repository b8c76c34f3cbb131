export type MappingStatus = 'accepted' | 'automatic';

/** A decision that a raw field name of a project means a dictionary term. */
export interface FieldMapping {
  id: string;
  projectId: string;
  raw: string;
  termId: string;
  status: MappingStatus;
  score: number;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  dictionaryVersion: number;
}
