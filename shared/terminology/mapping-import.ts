/**
 * Mappings made elsewhere (an SSSOM file from another tool, a FHIR ConceptMap) taught to the
 * dictionary as learned synonyms, in two steps a person can check:
 *
 * 1. `readMappingFile` reads the file (told apart by its content) and lists, rather than
 *    refuses, mappings whose target the dictionary lacks; any other problem is an IngestError
 *    naming the file and line.
 * 2. `planMappingImport` says what would change: which raw names become synonyms of which term,
 *    which the term already has, which conflict with a synonym of another term (left out: a
 *    person settles those in the dictionary), and which were not acceptances at all.
 */
import type { FieldMapping } from '../model/mapping';
import type { LearnedSynonym, Term } from '../model/terminology';
import { IngestError } from '../ingest/errors';
import { readConceptMapMappings } from './formats/fhir-conceptmap';
import { readSssom } from './formats/sssom';
import type { UnknownTarget } from './formats/unknown-targets';
import { labelKey } from './normalize';
import { cleanSystemLabel, holdsInScope, readsAs, sameScope } from './source-system';

export type MappingFileFormat = 'sssom' | 'fhir-conceptmap';

export interface MappingFile {
  fileName: string;
  format: MappingFileFormat;
  mappings: FieldMapping[];
  unknownTargets: UnknownTarget[];
}

/**
 * Reads an SSSOM/TSV file or a FHIR ConceptMap (a JSON object with resourceType "ConceptMap").
 * Synonyms belong to the dictionary, not to a project, so mappings from other tools (which name
 * none) are read into a placeholder project.
 */
export function readMappingFile(
  fileName: string,
  text: string,
  terms: readonly Term[],
  importedAt: string,
): MappingFile {
  const body = text.replace(/^\uFEFF/, '');
  const common = {
    fileName,
    terms,
    importedAt,
    projectId: 'mapping-file',
    unknownTargets: 'collect' as const,
  };
  if (body.trimStart().startsWith('{')) {
    if (!/"resourceType"\s*:\s*"ConceptMap"/.test(body))
      throw new IngestError(fileName, 1, 'is JSON but not a FHIR ConceptMap');
    return { fileName, format: 'fhir-conceptmap', ...readConceptMapMappings(body, common) };
  }
  const { mappings, unknownTargets } = readSssom(body, common);
  return { fileName, format: 'sssom', mappings, unknownTargets };
}

/** A raw name that becomes (or already is) a synonym of a term. */
export interface PlannedSynonym {
  raw: string;
  termId: string;
  /** The system the synonym holds for; absent for every system. */
  sourceSystem?: string;
}

/** A raw name the file maps to one term while another term has it in the same scope. */
export interface ImportConflict extends PlannedSynonym {
  /** The term that has it already (or that an earlier row of the file gave it). */
  otherTermId: string;
}

export interface MappingImportPlan {
  fileName: string;
  format: MappingFileFormat;
  /** The dictionary version the plan was made against; applying it later is refused. */
  dictionaryVersion: number;
  /** Mappings read from the file, of any status. */
  read: number;
  synonyms: PlannedSynonym[];
  /** Synonyms the term already has for that scope (or for every system): nothing to do. */
  known: PlannedSynonym[];
  conflicts: ImportConflict[];
  unknownTargets: UnknownTarget[];
  /**
   * Rejected and flagged mappings (they say what a name is not, or ask) and names with nothing
   * to match on: nothing is learned from them.
   */
  notAccepted: number;
}

export interface PlanOptions {
  dictionaryVersion: number;
  /** The system synonyms hold for when a mapping does not name one; '' for every system. */
  sourceSystem?: string;
}

export function planMappingImport(
  file: MappingFile,
  terms: readonly Term[],
  options: PlanOptions,
): MappingImportPlan {
  const byId = new Map(terms.map((term) => [term.id, term]));
  const plan: MappingImportPlan = {
    fileName: file.fileName,
    format: file.format,
    dictionaryVersion: options.dictionaryVersion,
    read: file.mappings.length + file.unknownTargets.length,
    synonyms: [],
    known: [],
    conflicts: [],
    unknownTargets: [...file.unknownTargets],
    notAccepted: 0,
  };
  const fallback = cleanSystemLabel(options.sourceSystem);
  for (const mapping of file.mappings) {
    if (mapping.status !== 'accepted' && mapping.status !== 'automatic') {
      plan.notAccepted++;
      continue;
    }
    const system = cleanSystemLabel(mapping.sourceSystem) || fallback;
    const target = current(byId, mapping.termId);
    if (!target) {
      plan.unknownTargets.push({
        line: null,
        raw: mapping.raw,
        target: mapping.termId,
        reason: `${mapping.termId} is deprecated and has no replacement`,
      });
      continue;
    }
    const synonym: PlannedSynonym = {
      raw: mapping.raw,
      termId: target.id,
      ...(system === '' ? {} : { sourceSystem: system }),
    };
    const key = labelKey(mapping.raw);
    if (key === '') {
      plan.notAccepted++;
      continue;
    }
    const earlier = [...plan.synonyms, ...plan.known].find(
      (planned) => labelKey(planned.raw) === key && sameScope(planned.sourceSystem, system),
    );
    if (earlier && earlier.termId === target.id) continue;
    const other = earlier
      ? earlier.termId
      : terms.find(
          (term) =>
            term.id !== target.id &&
            term.status === 'active' &&
            holdsInScope(term, mapping.raw, system),
        )?.id;
    if (other !== undefined) plan.conflicts.push({ ...synonym, otherTermId: other });
    else if (readsAs(target, mapping.raw, system)) plan.known.push(synonym);
    else plan.synonyms.push(synonym);
  }
  return plan;
}

/** Where a synonym learned from a mapping file came from, as `LearnedSynonym.sourceId` says it. */
export function mappingFileSource(fileName: string): string {
  return `mappings:${fileName}`;
}

/**
 * The terms a plan changes, each with its new learned synonyms (who applied the file, when, from
 * which file, for which system). Pure: the caller stores them.
 */
export function learnFromPlan(
  terms: readonly Term[],
  plan: MappingImportPlan,
  actor: { id: string },
  now: Date,
): Term[] {
  const changed = new Map<string, Term>();
  for (const synonym of plan.synonyms) {
    const term = changed.get(synonym.termId) ?? terms.find((item) => item.id === synonym.termId);
    if (!term) throw new Error(`No term ${synonym.termId} in the dictionary; read the file again.`);
    const learned: LearnedSynonym = {
      text: synonym.raw,
      addedBy: actor.id,
      addedAt: now.toISOString(),
      sourceId: mappingFileSource(plan.fileName),
      ...(synonym.sourceSystem === undefined ? {} : { sourceSystem: synonym.sourceSystem }),
    };
    changed.set(term.id, {
      ...term,
      learned: [...term.learned, learned],
      updatedAt: now.toISOString(),
    });
  }
  return [...changed.values()];
}

/** The active term a mapping means: itself, or the term that replaced it. */
function current(byId: ReadonlyMap<string, Term>, termId: string): Term | undefined {
  const seen = new Set<string>();
  let term = byId.get(termId);
  while (term && term.status !== 'active' && term.replacedBy && !seen.has(term.id)) {
    seen.add(term.id);
    term = byId.get(term.replacedBy);
  }
  return term?.status === 'active' ? term : undefined;
}
