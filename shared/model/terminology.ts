/** Terms of a governed dictionary, as shipped in starter dictionaries and stored per workstation. */

export type CodeSystem = 'LOINC' | 'SNOMED CT' | 'ICD-10' | 'local';

export type TermDomain =
  'clinical-lab' | 'clinical-record' | 'finance' | 'manufacturing' | 'retail';

/** A term as written in a starter dictionary file: facts only, no provenance yet. */
export interface StarterTerm {
  /** Stable id within the dictionary, e.g. `lab.hemoglobin`. */
  id: string;
  domain: TermDomain;
  system: CodeSystem;
  code: string;
  /** Common English display name, e.g. "Hemoglobin". */
  nameEn: string;
  /** Simplified Chinese display name, e.g. "血红蛋白". */
  nameZh: string;
  /** Usual abbreviations in either language, e.g. ["Hb", "HGB", "Hgb"]. */
  abbreviations: string[];
  /** Other full names in either language, e.g. ["Haemoglobin", "血色素"]. */
  synonyms: string[];
  /** Usual units, the first one preferred, e.g. ["g/L", "g/dL"]. Empty for non-quantities. */
  units: string[];
  /** What is measured, as LOINC's property axis: MCnc, SCnc, NCnc, CCnc, Ratio, Time, Type, … */
  property?: string;
  /** Specimen or system, e.g. "Blood", "Serum/Plasma", "Urine". */
  specimen?: string;
  /** A grouping for browsing, e.g. "Hematology", "Chemistry", "Demographics". */
  category: string;
}

export interface StarterDictionary {
  id: string;
  domain: TermDomain;
  nameEn: string;
  nameZh: string;
  /** Where the facts were checked, for the dictionary card. */
  sourceNote: string;
  terms: StarterTerm[];
}

/** A synonym learned from a person's decision, with where it came from. */
export interface LearnedSynonym {
  text: string;
  addedBy: string;
  addedAt: string;
  /** The import the raw value was seen in, when it came from one. */
  sourceId?: string;
  /**
   * The source system (e.g. "LIS-A") whose files alone read this text as the term: the same code
   * can mean another test in another laboratory. Absent: every system.
   */
  sourceSystem?: string;
}

export type TermStatus = 'active' | 'deprecated';

/** A term as stored on a workstation: the starter facts plus what people taught it. */
export interface Term extends StarterTerm {
  dictionaryId: string;
  status: TermStatus;
  learned: LearnedSynonym[];
  updatedAt: string;
  /** A deprecated term's successor, which mappings and people should use instead. */
  replacedBy?: string;
}

export type AliasKind = 'name' | 'abbreviation' | 'synonym' | 'learned synonym';

export interface Alias {
  text: string;
  kind: AliasKind;
  /** Only for a learned synonym scoped to one source system. */
  sourceSystem?: string;
}

/** Every string a term may be written as, with what kind of string it is. */
export function aliasesOf(term: StarterTerm & { learned?: LearnedSynonym[] }): Alias[] {
  return [
    { text: term.nameEn, kind: 'name' },
    { text: term.nameZh, kind: 'name' },
    ...term.abbreviations.map((text): Alias => ({ text, kind: 'abbreviation' })),
    ...term.synonyms.map((text): Alias => ({ text, kind: 'synonym' })),
    ...(term.learned ?? []).map(({ text, sourceSystem }): Alias => ({
      text,
      kind: 'learned synonym',
      ...(sourceSystem === undefined ? {} : { sourceSystem }),
    })),
  ];
}
