import { z } from 'zod';
import type { FieldMapping, MappingStatus } from '../../model/mapping';
import type {
  CodeSystem,
  LearnedSynonym,
  StarterDictionary,
  Term,
  TermDomain,
  TermStatus,
} from '../../model/terminology';

/** Validation of the model types as they arrive in files, shared by the formats. */

export const termDomains = [
  'clinical-lab',
  'clinical-record',
  'finance',
  'manufacturing',
  'retail',
] as const satisfies readonly TermDomain[];

export const codeSystems = [
  'LOINC',
  'SNOMED CT',
  'ICD-10',
  'local',
] as const satisfies readonly CodeSystem[];

export const termStatuses = ['active', 'deprecated'] as const satisfies readonly TermStatus[];

export const mappingStatuses = [
  'accepted',
  'automatic',
  'rejected',
  'flagged',
] as const satisfies readonly MappingStatus[];

/** A dictionary as a file describes it: what the dictionary card shows, without its terms. */
export type DictionaryInfo = Pick<StarterDictionary, 'id' | 'domain' | 'nameEn' | 'nameZh'>;

/** An ISO 8601 date-time with a zone, as `Date.toISOString()` writes it. */
export const isoDateTime = z.iso.datetime({ offset: true });

const text = z.string().min(1, 'must not be empty');

export const learnedSynonymSchema = z.strictObject({
  text,
  addedBy: text,
  addedAt: isoDateTime,
  sourceId: z.string().optional(),
  sourceSystem: text.optional(),
});

export const termSchema = z.strictObject({
  id: text,
  domain: z.enum(termDomains),
  system: z.enum(codeSystems),
  code: text,
  nameEn: text,
  nameZh: z.string(),
  abbreviations: z.array(z.string()),
  synonyms: z.array(z.string()),
  units: z.array(z.string()),
  property: z.string().optional(),
  specimen: z.string().optional(),
  category: z.string(),
  dictionaryId: text,
  status: z.enum(termStatuses),
  learned: z.array(learnedSynonymSchema),
  updatedAt: isoDateTime,
  replacedBy: z.string().min(1).optional(),
});

/** A flagged mapping may propose no term yet (termId ''); every other status names one. */
export const fieldMappingSchema = z
  .strictObject({
    id: text,
    projectId: text,
    raw: text,
    scope: z.string().optional(),
    sourceSystem: z.string().optional(),
    termId: z.string(),
    status: z.enum(mappingStatuses),
    score: z.number().min(0).max(1),
    reason: z.string(),
    decidedBy: text,
    decidedAt: isoDateTime,
    dictionaryVersion: z.number().int().min(0),
  })
  .refine((mapping) => mapping.termId !== '' || mapping.status === 'flagged', {
    path: ['termId'],
    message: 'must name a term unless the mapping is flagged',
  });

export const dictionaryInfoSchema = z.strictObject({
  id: text,
  domain: z.enum(termDomains),
  nameEn: text,
  nameZh: z.string(),
});

// Compile-time proof that the schemas and the model agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemasMatchModel: [
  Same<z.output<typeof learnedSynonymSchema>, LearnedSynonym>,
  Same<z.output<typeof termSchema>, Term>,
  Same<z.output<typeof fieldMappingSchema>, FieldMapping>,
  Same<z.output<typeof dictionaryInfoSchema>, DictionaryInfo>,
] = [true, true, true, true];

export function isTermDomain(value: string): value is TermDomain {
  return (termDomains as readonly string[]).includes(value);
}

export function isCodeSystem(value: string): value is CodeSystem {
  return (codeSystems as readonly string[]).includes(value);
}

export function isTermStatus(value: string): value is TermStatus {
  return (termStatuses as readonly string[]).includes(value);
}
