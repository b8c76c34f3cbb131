import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { AuditEvent } from '../../shared/model/audit';
import type { FieldMapping } from '../../shared/model/mapping';
import type { Profile } from '../../shared/model/people';
import type { QaPair, Review } from '../../shared/model/qa';
import type { Project, RecordBlock, Source } from '../../shared/model/records';
import type { Term } from '../../shared/model/terminology';
import { declareSchema } from './schema';

export interface StoredTerm extends Term {
  aliasKeys: string[];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export class TesseraDatabase extends Dexie {
  profiles!: EntityTable<Profile, 'id'>;
  projects!: EntityTable<Project, 'id'>;
  sources!: EntityTable<Source, 'id'>;
  recordBlocks!: Table<RecordBlock, [string, number]>;
  terms!: EntityTable<StoredTerm, 'id'>;
  mappings!: EntityTable<FieldMapping, 'id'>;
  qaPairs!: EntityTable<QaPair, 'id'>;
  reviews!: EntityTable<Review, 'id'>;
  auditEvents!: EntityTable<AuditEvent, 'seq'>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name = 'tessera', options?: DexieOptions) {
    super(name, options);
    declareSchema(this);
  }
}
