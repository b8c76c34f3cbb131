/**
 * Labels as words: split, spelled one way (American spelling, singular, Greek letters named) and
 * marked where a word names the specimen rather than the analyte — "Potassium, Urine" is
 * potassium measured in urine, and "Urine" should steer which potassium, not count as a mismatch.
 */
import { foldKey } from './normalize';

export type Specimen =
  | 'blood'
  | 'whole blood'
  | 'arterial blood'
  | 'venous blood'
  | 'capillary blood'
  | 'serum'
  | 'plasma'
  | 'urine'
  | 'csf'
  | 'stool'
  | 'body fluid'
  | 'pleural fluid'
  | 'peritoneal fluid'
  | 'synovial fluid'
  | 'gas';

export const bloodFamily: ReadonlySet<Specimen> = new Set([
  'blood',
  'whole blood',
  'arterial blood',
  'venous blood',
  'capillary blood',
  'serum',
  'plasma',
]);

export const fluidFamily: ReadonlySet<Specimen> = new Set([
  'body fluid',
  'pleural fluid',
  'peritoneal fluid',
  'synovial fluid',
]);

/** Specimen words that say little more than where in the body: refined by any other. */
const generalSpecimens: ReadonlySet<Specimen> = new Set(['blood', 'body fluid']);

export interface Word {
  /** The spelling words are compared by: "haemoglobins" → "hemoglobin". */
  text: string;
  /** As written in the label, for reasons. */
  shown: string;
  specimen: Specimen | null;
  isHan: boolean;
}

const specimenWords: Record<string, Specimen> = {
  blood: 'blood',
  serum: 'serum',
  plasma: 'plasma',
  urine: 'urine',
  arterial: 'arterial blood',
  venous: 'venous blood',
  capillary: 'capillary blood',
  fingerstick: 'capillary blood',
  csf: 'csf',
  stool: 'stool',
  feces: 'stool',
  fecal: 'stool',
  cerebrospinal: 'csf',
  spinal: 'csf',
  fluid: 'body fluid',
  pleural: 'pleural fluid',
  ascite: 'peritoneal fluid',
  ascitic: 'peritoneal fluid',
  peritoneal: 'peritoneal fluid',
  synovial: 'synovial fluid',
  joint: 'synovial fluid',
  血清: 'serum',
  血浆: 'plasma',
  全血: 'whole blood',
  尿液: 'urine',
  尿: 'urine',
  动脉血: 'arterial blood',
  静脉血: 'venous blood',
  末梢血: 'capillary blood',
  指尖血: 'capillary blood',
  脑脊液: 'csf',
  粪便: 'stool',
  胸水: 'pleural fluid',
  腹水: 'peritoneal fluid',
};

/** Specimen words that open a Chinese label: "血清钠" is serum sodium. */
const hanSpecimenPrefixes = [
  '动脉血',
  '静脉血',
  '末梢血',
  '指尖血',
  '全血',
  '血清',
  '血浆',
  '尿液',
];

/**
 * Abbreviations found on lab reports and exports, word for word. Each reading is tried; the
 * dictionary's own abbreviations are added to these when the index is built.
 */
export const knownAbbreviations: Record<string, readonly string[]> = {
  abs: ['absolute', 'antibody'],
  ab: ['antibody'],
  ag: ['antigen'],
  tot: ['total'],
  ct: ['count'],
  cnt: ['count'],
  conc: ['concentration'],
  lvl: ['level'],
  sat: ['saturation'],
  func: ['functional'],
  fxn: ['functional'],
  quant: ['quantitative'],
  qual: ['qualitative'],
  calc: ['calculated'],
  meas: ['measured'],
  est: ['estimated'],
  dir: ['direct'],
  indir: ['indirect'],
  bld: ['blood'],
  ser: ['serum'],
  ur: ['urine'],
  art: ['arterial'],
  ven: ['venous'],
  cap: ['capillary'],
  wb: ['whole blood'],
  retic: ['reticulocyte'],
  sed: ['sedimentation'],
  gluc: ['glucose'],
  bili: ['bilirubin'],
  chol: ['cholesterol'],
  trig: ['triglyceride'],
  creat: ['creatinine'],
  crea: ['creatinine'],
  prot: ['protein'],
  alb: ['albumin'],
  phos: ['phosphate', 'phosphorus'],
  neut: ['neutrophil'],
  neutro: ['neutrophil'],
  lymph: ['lymphocyte'],
  lympho: ['lymphocyte'],
  mono: ['monocyte'],
  eo: ['eosinophil'],
  eos: ['eosinophil'],
  baso: ['basophil'],
  plt: ['platelet'],
  hgb: ['hemoglobin'],
  hb: ['hemoglobin'],
  hct: ['hematocrit'],
  wbc: ['white blood cell'],
  rbc: ['red blood cell'],
  vit: ['vitamin'],
  hr: ['hour'],
  min: ['minute'],
  no: ['number'],
  num: ['number'],
  rto: ['ratio'],
  pct: ['%'],
  percent: ['%'],
  percentage: ['%'],
  temp: ['temperature'],
  resp: ['respiratory'],
  wt: ['weight'],
  ht: ['height'],
  yr: ['year'],
  adm: ['admission'],
  admit: ['admission'],
  disch: ['discharge'],
  dx: ['diagnosis'],
  amt: ['amount'],
  qty: ['quantity'],
  desc: ['description'],
  dept: ['department'],
};

const greek: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  κ: 'kappa',
  λ: 'lambda',
  ω: 'omega',
};

const spellings = new Map<string, string>();

/** One spelling per word, applied alike to labels and to the dictionary. */
export function canonicalWord(word: string): string {
  if (!/^[a-z]+$/.test(word)) return word;
  const known = spellings.get(word);
  if (known !== undefined) return known;
  if (spellings.size > 50_000) spellings.clear();
  const spelled = spell(word);
  spellings.set(word, spelled);
  return spelled;
}

function spell(word: string): string {
  let text = word;
  if (text.length > 3) {
    text = text
      .replace(/^oe/, 'e')
      .replace(/ae/g, 'e')
      .replace(/leuco/g, 'leuko')
      .replace(/sulph/g, 'sulf')
      .replace(/(col|tum|flav|behavi|lab|hum|od)our/g, '$1or')
      .replace(/is(ed|ation|ing|er)$/, 'iz$1')
      .replace(/([^aeiou])tre$/, '$1ter');
  }
  if (text.length > 3) {
    if (text.endsWith('ies')) return `${text.slice(0, -3)}y`;
    if (text.endsWith('sses')) return text.slice(0, -2);
    if (/[^sui]s$/.test(text)) return text.slice(0, -1);
  }
  return text;
}

/** The words of a folded key, in order. */
export function wordsOfKey(key: string): Word[] {
  const spaced = key
    .replace(/[αβγδκλω]/g, (letter) => ` ${greek[letter] ?? letter} `)
    .replace(/(\d)\s*(?:h|hr|hrs|hours?)(?![\p{L}\p{N}])/gu, '$1 hour')
    .replace(/\b(?:per )?100 (?:leukocytes?|leucocytes?|wbcs?|white blood cells?|cells?)\b/g, ' % ')
    .replace(/(\p{Script=Han}+)/gu, ' $1 ');
  const words: Word[] = [];
  for (const match of spaced.matchAll(/[\p{L}\p{M}\p{N}]+|[%#]/gu)) {
    const shown = match[0];
    if (/\p{Script=Han}/u.test(shown)) words.push(...hanWords(shown));
    else {
      const text = canonicalWord(shown);
      words.push({ text, shown, specimen: specimenWords[text] ?? null, isHan: false });
    }
  }
  markWholeBlood(words);
  return words;
}

export function wordsOf(label: string): Word[] {
  return wordsOfKey(foldKey(label));
}

function hanWords(run: string): Word[] {
  const whole = specimenWords[run];
  if (whole) return [{ text: run, shown: run, specimen: whole, isHan: true }];
  let prefix = hanSpecimenPrefixes.find(
    (candidate) => run.startsWith(candidate) && run.length > candidate.length,
  );
  if (!prefix && run.startsWith('尿') && run.length > 1 && !/^尿[素酸]/.test(run)) prefix = '尿';
  if (!prefix) return [{ text: run, shown: run, specimen: null, isHan: true }];
  const rest = run.slice(prefix.length);
  return [
    { text: prefix, shown: prefix, specimen: specimenWords[prefix] ?? null, isHan: true },
    { text: rest, shown: rest, specimen: null, isHan: true },
  ];
}

/** "whole blood" names one specimen; "whole" alone is an ordinary word. */
function markWholeBlood(words: Word[]): void {
  for (let index = 1; index < words.length; index++) {
    const word = words[index];
    const before = words[index - 1];
    if (word?.text === 'blood' && before?.text === 'whole') {
      word.specimen = 'whole blood';
      before.specimen = 'whole blood';
    }
  }
}

export function isGeneralSpecimen(specimen: Specimen): boolean {
  return generalSpecimens.has(specimen);
}

/** The most specific specimen a label names, if any: "Glucose, whole blood" → whole blood. */
export function specimenOfWords(words: readonly Word[]): Specimen | null {
  const named = words.flatMap((word) => (word.specimen ? [word.specimen] : []));
  return named.find((specimen) => !generalSpecimens.has(specimen)) ?? named[0] ?? null;
}

/** Reads a dictionary's specimen field ("Serum/Plasma", "Arterial blood") as specimen kinds. */
export function specimensOf(text: string | undefined): Set<Specimen> {
  const found = new Set<Specimen>();
  if (!text) return found;
  for (const part of text.split('/')) {
    const words = wordsOf(part);
    const specimen = specimenOfWords(words);
    if (specimen === 'blood') found.add('whole blood');
    else if (specimen) found.add(specimen);
    else if (words.some((word) => word.text === 'gas')) found.add('gas');
  }
  return found;
}
