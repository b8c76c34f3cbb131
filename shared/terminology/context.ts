/**
 * What is known around a raw name besides its spelling — the unit, the specimen, the source's
 * own grouping, the column it sits in, sample values — turned into small score adjustments with
 * a reason each. Context steers between close candidates; it never invents a match.
 */
import type { TermDomain } from '../model/terminology';
import { foldKey } from './normalize';
import type { TermEntry } from './suggestion-index';
import { unitFamily, unitFit } from './units';
import {
  bloodFamily,
  fluidFamily,
  isGeneralSpecimen,
  specimenOfWords,
  wordsOf,
  type Specimen,
  type Word,
} from './words';

export interface SuggestionContext {
  /** The unit the values are in, e.g. "g/dL" from a unit column or a header. */
  unit?: string;
  /** Specimen or fluid, e.g. "Blood", "Urine", from a specimen column beside the name. */
  specimen?: string;
  /** The source's own grouping, e.g. "Chemistry", "Blood Gas". */
  category?: string;
  /** The column the raw value came from when it is a value, e.g. "OBX-3" or "检验项目". */
  column?: string;
  /** A sample of the values recorded under this name. */
  values?: readonly string[];
  /** Only this domain's terms are wanted. */
  domain?: TermDomain;
  /**
   * The system the file came from ("LIS-A"): learned synonyms scoped to it are exact hits, those
   * scoped to other systems are not seen at all.
   */
  sourceSystem?: string;
}

export interface ResolvedContext {
  unit: string | null;
  /** Where the specimen came from decides how it is named in a reason. */
  specimen: { kind: Specimen; shown: string } | null;
  category: string | null;
  values: { numeric: number; total: number; min: number; max: number } | null;
  domain: TermDomain | null;
}

const wholeBlood: ReadonlySet<Specimen> = new Set([
  'whole blood',
  'arterial blood',
  'venous blood',
  'capillary blood',
]);
const serumOrPlasma: ReadonlySet<Specimen> = new Set(['serum', 'plasma']);
const labColumn = /test|item|analyte|assay|\blab|obx.?3|observation|检验|化验|项目|指标/i;

export function resolveContext(
  labelWords: readonly Word[],
  unit: string | null,
  context: SuggestionContext = {},
): ResolvedContext {
  let specimen: ResolvedContext['specimen'] = null;
  const named = specimenOfWords(labelWords);
  const given = context.specimen ? specimenOfWords(wordsOf(context.specimen)) : null;
  if (named && !(isGeneralSpecimen(named) && given)) {
    const written = labelWords.find((word) => word.specimen === named);
    specimen = { kind: named, shown: written?.isHan ? written.shown : named };
  } else if (given && context.specimen) specimen = { kind: given, shown: context.specimen.trim() };
  const category = context.category ? foldKey(context.category) : null;
  if (category && (specimen === null || specimen.kind === 'blood')) {
    if (/blood gas|血气/.test(category))
      specimen = { kind: 'whole blood', shown: `${specimen?.shown ?? 'blood'} (blood gas)` };
    else if (specimen === null && /urin|尿/.test(category))
      specimen = { kind: 'urine', shown: context.category?.trim() ?? 'urine' };
  }
  return {
    unit: unit ?? (context.unit?.trim() || null),
    specimen,
    category,
    values: summarizeValues(context.values),
    domain:
      context.domain ?? (context.column && labColumn.test(context.column) ? 'clinical-lab' : null),
  };
}

function summarizeValues(values: readonly string[] | undefined): ResolvedContext['values'] {
  if (!values) return null;
  let numeric = 0;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    const text = value.trim();
    if (text === '') continue;
    total++;
    const number = Number(text.replace(/^[<>≤≥]=?\s*/, ''));
    if (!Number.isFinite(number)) continue;
    numeric++;
    min = Math.min(min, number);
    max = Math.max(max, number);
  }
  return total === 0 ? null : { numeric, total, min, max };
}

export type SpecimenFit = 'same' | 'family' | 'near' | 'conflict' | 'unknown';

export function specimenFit(asked: Specimen, specimens: ReadonlySet<Specimen>): SpecimenFit {
  if (specimens.size === 0) return 'unknown';
  const has = (group: ReadonlySet<Specimen>) => [...specimens].some((kind) => group.has(kind));
  if (asked === 'blood') return has(bloodFamily) ? 'family' : 'conflict';
  if (asked === 'body fluid') return has(fluidFamily) ? 'family' : 'conflict';
  if (wholeBlood.has(asked))
    return has(wholeBlood) ? 'same' : has(bloodFamily) ? 'near' : 'conflict';
  if (serumOrPlasma.has(asked))
    return has(serumOrPlasma) ? 'same' : has(bloodFamily) ? 'near' : 'conflict';
  if (specimens.has(asked)) return 'same';
  return fluidFamily.has(asked) && specimens.has('body fluid') ? 'family' : 'conflict';
}

export interface Evidence {
  adjustment: number;
  /** True when the context rules the term out rather than merely preferring another. */
  conflict: boolean;
  /** True when the context names a close but different specimen (serum for whole blood). */
  doubt: boolean;
  notes: string[];
}

const specimenAdjustment: Record<SpecimenFit, number> = {
  same: 0.04,
  family: 0.01,
  near: -0.02,
  conflict: -0.12,
  unknown: 0,
};

export function weighContext(context: ResolvedContext, entry: TermEntry): Evidence {
  const evidence: Evidence = { adjustment: 0, conflict: false, doubt: false, notes: [] };
  const { term, shape } = entry;
  if (context.unit) {
    const fit = unitFit(context.unit, shape);
    if (fit === 'same unit') add(evidence, 0.04, `unit ${context.unit} fits`);
    else if (fit === 'same kind')
      add(evidence, 0.02, `unit ${context.unit} fits a ${unitFamily(context.unit) ?? 'quantity'}`);
    else if (fit === 'conflict') {
      const usual = term.units.length > 0 ? term.units.join(', ') : 'no unit';
      add(evidence, -0.12, `unit ${context.unit} does not fit (${usual})`);
      evidence.conflict = true;
    }
  }
  if (context.specimen) {
    const fit = specimenFit(context.specimen.kind, entry.specimens);
    const shown = context.specimen.shown;
    const adjustment = specimenAdjustment[fit];
    if (fit === 'same' || fit === 'family') add(evidence, adjustment, `specimen ${shown} fits`);
    else if (fit === 'near' || fit === 'conflict') {
      add(evidence, adjustment, `specimen ${shown} does not fit ${term.specimen ?? ''}`.trim());
      evidence.conflict ||= fit === 'conflict';
      evidence.doubt ||= fit === 'near';
    }
  }
  if (context.category && foldKey(term.category) === context.category)
    add(evidence, 0.01, `category ${term.category} fits`);
  weighValues(context, entry, evidence);
  if (context.domain && term.domain !== context.domain) evidence.adjustment -= 0.05;
  return evidence;
}

function weighValues(context: ResolvedContext, entry: TermEntry, evidence: Evidence): void {
  const values = context.values;
  if (!values || values.total < 3) return;
  const share = values.numeric / values.total;
  const { isQuantitative, families } = entry.shape;
  if (share >= 0.9 && isQuantitative === false) {
    add(evidence, -0.12, `values are numbers; ${entry.term.nameEn} is reported in words`);
    evidence.conflict = true;
  } else if (share <= 0.1 && isQuantitative === true) {
    add(evidence, -0.12, `values are words; ${entry.term.nameEn} is an amount`);
    evidence.conflict = true;
  }
  if (share < 0.9) return;
  if (families.size === 1 && families.has('fraction') && (values.max > 100 || values.min < 0))
    add(evidence, -0.06, `values up to ${values.max} are not a percentage`);
  if (families.size === 1 && families.has('pH') && (values.max > 14 || values.min < 0))
    add(evidence, -0.06, `values up to ${values.max} are not a pH`);
}

function add(evidence: Evidence, adjustment: number, note: string): void {
  evidence.adjustment += adjustment;
  evidence.notes.push(note);
}

/**
 * Whether a specimen word written in an alias is said by the context too: "urine" by Urine,
 * "blood" by any blood, "fluid" by Pleural — but "capillary" not by plain whole blood.
 */
export function specimensAgree(asked: Specimen, written: Specimen): boolean {
  if (asked === written) return true;
  if (written === 'blood') return bloodFamily.has(asked);
  if (written === 'whole blood') return wholeBlood.has(asked);
  if (written === 'body fluid') return fluidFamily.has(asked);
  return false;
}
