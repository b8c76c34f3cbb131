export type AuditEntity =
  | 'profile'
  | 'project'
  | 'source'
  | 'term'
  | 'mapping'
  | 'qa-pair'
  | 'review'
  | 'export'
  | 'scan'
  | 'template'
  | 'language-pack';

export interface AuditEvent {
  /** Order of writing; assigned by the database. */
  seq?: number;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  entity: AuditEntity;
  entityId: string;
  before: unknown;
  after: unknown;
  /** SHA-256 of the previous event's hash and this event's canonical form. */
  hash: string;
  previousHash: string;
}
