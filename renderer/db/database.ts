import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { AuditEvent } from '../../shared/model/audit';
import type { FieldMapping } from '../../shared/model/mapping';
import type { Profile } from '../../shared/model/people';
import type { QaPair, QaTags, QaVersion, Review } from '../../shared/model/qa';
import type { RecordLayout } from '../../shared/qa/template-expand';
import type { Project, RecordBlock, Source } from '../../shared/model/records';
import type {
  LanguagePack,
  OcrCorrection,
  Scan,
  ScanPage,
  StoredTemplate,
} from '../../shared/model/scans';
import type { Term } from '../../shared/model/terminology';
import { declareSchema } from './schema';

export interface StoredTerm extends Term {
  aliasKeys: string[];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A question–answer template as its author wrote it, with the records it was applied to. */
export interface StoredQaTemplate {
  id: string;
  projectId: string;
  name: string;
  question: string;
  answer: string;
  tags: QaTags;
  sourceId: string;
  layout: RecordLayout;
  createdBy: string;
  createdAt: string;
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
  scans!: EntityTable<Scan, 'id'>;
  scanPages!: EntityTable<ScanPage, 'id'>;
  ocrCorrections!: EntityTable<OcrCorrection, 'id'>;
  formTemplates!: EntityTable<StoredTemplate, 'id'>;
  languagePacks!: EntityTable<LanguagePack, 'code'>;
  qaVersions!: EntityTable<QaVersion, 'id'>;
  qaTemplates!: EntityTable<StoredQaTemplate, 'id'>;

  constructor(name = 'tessera', options?: DexieOptions) {
    super(name, options);
    declareSchema(this);
  }
}
