import type {
  CodeSystem,
  StarterDictionary,
  StarterTerm,
  TermDomain,
} from '../../model/terminology';
import clinicalRecord from './clinical-record.json';
import finance from './finance.json';
import labBloodGasUrine from './lab-blood-gas-urine.json';
import labCardiacEndocrine from './lab-cardiac-endocrine.json';
import labChemistry from './lab-chemistry.json';
import labCoagulation from './lab-coagulation.json';
import labExtraChemistry from './lab-extra-chemistry.json';
import labExtraEndocrineImmunology from './lab-extra-endocrine-immunology.json';
import labExtraHematologyCoag from './lab-extra-hematology-coag.json';
import labExtraMicrobiologySerology from './lab-extra-microbiology-serology.json';
import labExtraTumorDrugs from './lab-extra-tumor-drugs.json';
import labExtraUrineFluids from './lab-extra-urine-fluids.json';
import labHematology from './lab-hematology.json';
import labImmunologyTumorDrugs from './lab-immunology-tumor-drugs.json';
import labLiverLipids from './lab-liver-lipids.json';
import manufacturing from './manufacturing.json';
import retail from './retail.json';

/** A term as TypeScript infers it from a JSON file: plain strings where the model has unions. */
interface RawTerm {
  id: string;
  domain: string;
  system: string;
  code: string;
  nameEn: string;
  nameZh: string;
  abbreviations: string[];
  synonyms: string[];
  units: string[];
  property?: string;
  specimen?: string;
  category: string;
}

interface RawDictionary {
  id: string;
  domain: string;
  nameEn: string;
  nameZh: string;
  sourceNote: string;
  terms: readonly RawTerm[];
}

const termDomains: readonly TermDomain[] = [
  'clinical-lab',
  'clinical-record',
  'finance',
  'manufacturing',
  'retail',
];
const codeSystems: readonly CodeSystem[] = ['LOINC', 'SNOMED CT', 'ICD-10', 'local'];

function isTermDomain(value: string): value is TermDomain {
  return (termDomains as readonly string[]).includes(value);
}

function isCodeSystem(value: string): value is CodeSystem {
  return (codeSystems as readonly string[]).includes(value);
}

/** Checks one JSON term against the model and copies it into a `StarterTerm`. */
function toStarterTerm(raw: RawTerm, domain: TermDomain): StarterTerm {
  if (!isTermDomain(raw.domain) || raw.domain !== domain) {
    throw new Error(
      `Starter term "${raw.id}": domain "${raw.domain}" does not match its dictionary's domain "${domain}".`,
    );
  }
  if (!isCodeSystem(raw.system)) {
    throw new Error(
      `Starter term "${raw.id}": code system "${raw.system}" is not one of ${codeSystems.join(', ')}.`,
    );
  }
  const term: StarterTerm = {
    id: raw.id,
    domain: raw.domain,
    system: raw.system,
    code: raw.code,
    nameEn: raw.nameEn,
    nameZh: raw.nameZh,
    abbreviations: [...raw.abbreviations],
    synonyms: [...raw.synonyms],
    units: [...raw.units],
    category: raw.category,
  };
  if (raw.property !== undefined) term.property = raw.property;
  if (raw.specimen !== undefined) term.specimen = raw.specimen;
  return term;
}

function toStarterDictionary(raw: RawDictionary): StarterDictionary {
  if (!isTermDomain(raw.domain)) {
    throw new Error(`Starter dictionary "${raw.id}": unknown domain "${raw.domain}".`);
  }
  const domain = raw.domain;
  return {
    id: raw.id,
    domain,
    nameEn: raw.nameEn,
    nameZh: raw.nameZh,
    sourceNote: raw.sourceNote,
    terms: raw.terms.map((term) => toStarterTerm(term, domain)),
  };
}

const clinicalLab: RawDictionary = {
  id: 'clinical-lab',
  domain: 'clinical-lab',
  nameEn: 'Clinical laboratory',
  nameZh: '临床检验',
  sourceNote:
    'LOINC codes of the most common form of each test (checked against LOINC long common names and their mod-10 check digits); Chinese names as printed on Chinese hospital lab reports; SI units first, then US conventional units.',
  terms: [
    ...labHematology,
    ...labCoagulation,
    ...labChemistry,
    ...labLiverLipids,
    ...labCardiacEndocrine,
    ...labBloodGasUrine,
    ...labImmunologyTumorDrugs,
    ...labExtraHematologyCoag,
    ...labExtraChemistry,
    ...labExtraEndocrineImmunology,
    ...labExtraUrineFluids,
    ...labExtraMicrobiologySerology,
    ...labExtraTumorDrugs,
  ],
};

/** The dictionaries that ship with the app, installed into an empty workstation database. */
export const starterDictionaries: StarterDictionary[] = [
  clinicalLab,
  clinicalRecord,
  finance,
  manufacturing,
  retail,
].map(toStarterDictionary);

export function findStarterDictionary(id: string): StarterDictionary | undefined {
  return starterDictionaries.find((dictionary) => dictionary.id === id);
}
