/**
 * Units as evidence: "g/dL" says the values are a mass concentration, so a term measured as one
 * (Hemoglobin, g/L) fits and a count (Platelets, 10^9/L) does not. Only the kind of quantity is
 * compared, never a conversion factor.
 */

export type UnitFamily =
  | 'mass concentration'
  | 'substance concentration'
  | 'units per volume'
  | 'number concentration'
  | 'number per field'
  | 'fraction'
  | 'ratio'
  | 'time'
  | 'rate'
  | 'entity volume'
  | 'entity mass'
  | 'osmolality'
  | 'pressure'
  | 'pH'
  | 'mass'
  | 'length'
  | 'temperature';

type Part =
  'mass' | 'substance' | 'units' | 'count' | 'osmoles' | 'volume' | 'time' | 'field' | 'length';

const parts: [RegExp, Part][] = [
  [/^(kg|g|mg|ug|ng|pg)$/, 'mass'],
  [/^(mol|mmol|umol|nmol|pmol|fmol|eq|meq|ueq)$/, 'substance'],
  [/^(u|iu|miu|uiu|ku|kiu|mu|ru|au|eu|kau|ua|arbu|ieu)$/, 'units'],
  [/^(10\^\d+|k|m|cells?|#|)$/, 'count'],
  [/^(mosm|osm)$/, 'osmoles'],
  [/^(l|dl|ml|ul|fl|nl|pl|mm3)$/, 'volume'],
  [/^(s|sec|min|h|hr|d|24h|24hr|day|1\.73m2)$/, 'time'],
  [/^(hpf|lpf)$/, 'field'],
  [/^(mm|cm)$/, 'length'],
];

const single: [RegExp, UnitFamily][] = [
  [/^(%|percent|l\/l|fraction)$/, 'fraction'],
  [/^(fl|um3)$/, 'entity volume'],
  [/^pg$/, 'entity mass'],
  [/^(s|sec|secs|seconds?|min|minutes?|h|hrs?|hours?)$/, 'time'],
  [/^(mmhg|kpa|cmh2o)$/, 'pressure'],
  [/^(\[?ph\]?|ph units?)$/, 'pH'],
  [/^(kg|g|lbs?)$/, 'mass'],
  [/^(cm|mm|m|in)$/, 'length'],
  [/^(°c|°f|℃|℉|degc|degf|cel)$/, 'temperature'],
  [/^(bpm|\/min|次\/分|breaths\/min)$/, 'rate'],
  [/^(ratio|index|s\/co|coi|\/100wbc)$/, 'ratio'],
];

/** One spelling per unit: micro as "u", no spaces, powers of ten as "10^n", lower case. */
export function unitKey(unit: string): string {
  return (
    unit
      .replace(/10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/g, (_, power: string) => `10^${superscriptDigits(power)}`)
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[µμ]/g, 'u')
      .replace(/\s+/g, '')
      .replace(/mcg/g, 'ug')
      // UCUM writes a power of ten as "10*9"; others "10^9", "x10e9", "10**9".
      .replace(/(?:[x×*]10(?:\^|\*\*|\*|e)?|^10(?:\^|\*\*|\*|e))(\d+)/g, '10^$1')
      .replace(/feu$/, '')
      .replace(/^giga\.l-1$/, '10^9/l')
      .replace(/^tera\.l-1$/, '10^12/l')
      .replace(/cumm|mm\^?3/g, 'ul')
  );
}

function superscriptDigits(text: string): string {
  return Array.from(text, (char) => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(char))).join('');
}

function partOf(text: string): Part | null {
  for (const [pattern, part] of parts) if (pattern.test(text)) return part;
  return null;
}

/** What kind of quantity a unit measures, or null when it is not read as a unit. */
export function unitFamily(unit: string): UnitFamily | null {
  const key = unitKey(unit);
  if (key === '') return null;
  for (const [pattern, family] of single) if (pattern.test(key)) return family;
  const slash = key.indexOf('/');
  if (slash === -1) return null;
  const numerator = partOf(key.slice(0, slash));
  const rest = key.slice(slash + 1).split('/');
  const denominator = partOf(rest[0] ?? '');
  if (numerator === null || denominator === null) return null;
  if (denominator === 'volume') {
    if (rest.length > 1 || numerator === 'volume') return 'rate';
    const families: Partial<Record<Part, UnitFamily>> = {
      mass: 'mass concentration',
      substance: 'substance concentration',
      units: 'units per volume',
      count: 'number concentration',
    };
    return families[numerator] ?? null;
  }
  if (denominator === 'time') return 'rate';
  if (denominator === 'field') return 'number per field';
  if (numerator === 'osmoles' && denominator === 'mass') return 'osmolality';
  if ((numerator === 'mass' || numerator === 'substance') && denominator !== 'count')
    return 'ratio';
  if (numerator === 'count' && denominator === 'count') return 'ratio';
  return null;
}

/** Whether a short bracketed text reads as a unit: "(g/L)" does, "(ALT)" does not. */
export function looksLikeUnit(text: string): boolean {
  return unitFamily(text) !== null;
}

/** LOINC's property axis read as a kind of quantity, where it has one. */
const propertyFamilies: Record<string, UnitFamily[]> = {
  MCnc: ['mass concentration'],
  SCnc: ['substance concentration'],
  CCnc: ['units per volume'],
  ACnc: ['units per volume', 'ratio'],
  NCnc: ['number concentration'],
  NFr: ['fraction'],
  MFr: ['fraction'],
  VFr: ['fraction'],
  RelACnc: ['fraction'],
  Ratio: ['fraction', 'ratio'],
  MRto: ['ratio'],
  RelTime: ['ratio'],
  Time: ['time'],
  EntVol: ['entity volume'],
  EntMass: ['entity mass'],
  Osmol: ['osmolality'],
  PPres: ['pressure'],
  Pres: ['pressure'],
  LsCnc: ['pH'],
  Vel: ['rate'],
  ArVRat: ['rate'],
  MRat: ['rate'],
  NRat: ['rate'],
  Naric: ['number per field', 'number concentration'],
  Mass: ['mass'],
  Len: ['length'],
  Temp: ['temperature'],
};

/** Properties whose results are words or grades ("Negative", "1+", "Yellow"), not amounts. */
const qualitativeProperties = new Set([
  'PrThr',
  'Type',
  'Find',
  'Aper',
  'Color',
  'Nom',
  'Ord',
  'Titr',
]);

/** Dates and times: written neither as plain numbers nor as words, so values do not judge them. */
const timeProperties = new Set(['TmStp', 'TmStpRange', 'Date']);

export interface QuantityShape {
  unitKeys: Set<string>;
  families: Set<UnitFamily>;
  /** True for amounts, false for categories, null when the term does not say. */
  isQuantitative: boolean | null;
}

export function quantityShape(term: { units: string[]; property?: string }): QuantityShape {
  const unitKeys = new Set(term.units.map(unitKey));
  const families = new Set<UnitFamily>();
  for (const unit of term.units) {
    const family = unitFamily(unit);
    if (family) families.add(family);
  }
  for (const family of propertyFamilies[term.property ?? ''] ?? []) families.add(family);
  const isQuantitative =
    term.property === undefined || timeProperties.has(term.property)
      ? term.units.length > 0
        ? true
        : null
      : !qualitativeProperties.has(term.property);
  return { unitKeys, families, isQuantitative };
}

export type UnitFit = 'same unit' | 'same kind' | 'conflict' | 'unknown';

export function unitFit(unit: string, shape: QuantityShape): UnitFit {
  if (shape.unitKeys.has(unitKey(unit))) return 'same unit';
  const family = unitFamily(unit);
  if (family === null) return 'unknown';
  if (shape.families.has(family)) return 'same kind';
  if (shape.families.size > 0 || shape.isQuantitative === false) return 'conflict';
  return 'unknown';
}
