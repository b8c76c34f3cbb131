import type { Term } from '../../shared/model/terminology';

/** A plain active lab term for repository tests, with only what a test needs to say. */
export function labTerm(
  id: string,
  nameEn: string,
  code: string,
  abbreviations: string[] = [],
): Term {
  return {
    id,
    dictionaryId: 'clinical-lab',
    domain: 'clinical-lab',
    system: 'LOINC',
    code,
    nameEn,
    nameZh: nameEn,
    abbreviations,
    synonyms: [],
    units: [],
    category: 'Test',
    status: 'active',
    learned: [],
    updatedAt: '',
  };
}
