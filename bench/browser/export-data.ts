/**
 * A seeded Tessera project bundle for the export benchmark: one project ("Export bench") with a
 * records source of hospital encounters and N approved question–answer pairs that cite them, as
 * the app's own bundle writer (shared/bundle/write.ts) writes it, so the app's bundle import and
 * `tessera export` read it as they read any bundle.
 *
 * - Patients: N / 5 (20,000 for 100,000 pairs), each with a name (about a third Chinese), a birth
 *   date, a phone number and an e-mail address; two encounters each in encounters.csv
 *   (subject_id, hadm_id, patient_name, dob, admit_date, department, diagnosis, phone).
 * - Pairs: clinical questions of about 60–130 characters and answers of 150–400 in English;
 *   about a quarter in Chinese (in fewer characters: questions of 30–110, answers of 110–400),
 *   built from a department's diagnoses, tests and drugs, with structured tags
 *   (department:cardiology, topic:medication, difficulty:hard) and one record as evidence. Some
 *   texts carry the patient's name, birth or admission date, phone number, e-mail or record
 *   number, so de-identification has work; about 3 % repeat an earlier pair exactly and about
 *   3 % repeat one with a word changed, so dedupe drops something.
 * - Reviews: every pair is approved by a clinical expert on its current version; about 20 % by
 *   two, and about 10 % are at version 2 after an expert asked for changes on version 1 (with
 *   both versions in qaVersions).
 * - Audit trail: a short hash chain (profiles, project, source import) sealed with the app's
 *   sealEvent, which the import verifies.
 *
 * Everything is derived from (seed, index), so each table is generated as it is written, never
 * held whole, and the same seed and count give the same bytes. Bundles are cached in bench/tmp.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { sealEvent, genesisHash } from '../../shared/audit/chain';
import { BundleWriter } from '../../shared/bundle/write';
import type { AuditEntity, AuditEvent } from '../../shared/model/audit';
import type { Profile } from '../../shared/model/people';
import type { QaPair, QaTags, QaVersion, RecordEvidence, Review } from '../../shared/model/qa';
import type { Project } from '../../shared/model/records';
import { random } from './csv-data';

/** Bumped whenever the generated content changes, so stale cached bundles are not reused. */
const generatorVersion = 1;

export const benchProjectName = 'Export bench';

/** What a generated bundle holds, for checks and for the bench's report. */
export interface ExportBundleFacts {
  path: string;
  bytes: number;
  seed: number;
  pairs: number;
  patients: number;
  records: number;
  /** Pairs written as a repeat of an earlier pair: exactly, or with one word changed. */
  plantedExactRepeats: number;
  plantedNearRepeats: number;
  twoExpertPairs: number;
  versionTwoPairs: number;
  reviews: number;
  chinesePairs: number;
  /** Pairs whose text carries a name, phone, e-mail, date or record number. */
  pairsWithIdentifiers: number;
  meanQuestionChars: number;
  meanAnswerChars: number;
  projectId: string;
  generatedMs: number | null;
}

/** A generator seeded by the bench seed, a stream name and an index, independent of the others. */
function streamOf(seed: number, stream: number, index: number): () => number {
  let hash = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
  hash = Math.imul(hash ^ (hash >>> 16), 0x27d4eb2f) ^ index;
  hash = Math.imul(hash ^ (hash >>> 15), 0x165667b1);
  return random(hash ^ (hash >>> 13));
}

const pickWith =
  (next: () => number) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)]!;

interface Test {
  en: string;
  zh: string;
  unit: string;
  low: number;
  high: number;
  digits: number;
}

interface Department {
  tag: string;
  en: string;
  zh: string;
  diagnoses: readonly (readonly [string, string])[];
  tests: readonly Test[];
  drugs: readonly (readonly [string, string, string])[];
}

const departments: readonly Department[] = [
  {
    tag: 'cardiology',
    en: 'cardiology',
    zh: '心内科',
    diagnoses: [
      ['acute inferior myocardial infarction', '急性下壁心肌梗死'],
      ['atrial fibrillation with rapid ventricular response', '心房颤动伴快速心室率'],
      ['chronic heart failure with reduced ejection fraction', '射血分数降低的慢性心力衰竭'],
      ['unstable angina', '不稳定型心绞痛'],
      ['hypertensive urgency', '高血压急症'],
    ],
    tests: [
      { en: 'troponin I', zh: '肌钙蛋白I', unit: 'ng/mL', low: 0.01, high: 12, digits: 2 },
      { en: 'NT-proBNP', zh: 'NT-proBNP', unit: 'pg/mL', low: 80, high: 9000, digits: 0 },
      {
        en: 'LDL cholesterol',
        zh: '低密度脂蛋白胆固醇',
        unit: 'mmol/L',
        low: 1.2,
        high: 5.8,
        digits: 1,
      },
    ],
    drugs: [
      ['aspirin', '阿司匹林', '100 mg once daily'],
      ['atorvastatin', '阿托伐他汀', '40 mg at night'],
      ['metoprolol succinate', '美托洛尔缓释片', '47.5 mg once daily'],
      ['apixaban', '阿哌沙班', '5 mg twice daily'],
    ],
  },
  {
    tag: 'endocrinology',
    en: 'endocrinology',
    zh: '内分泌科',
    diagnoses: [
      ['type 2 diabetes mellitus with poor control', '2型糖尿病血糖控制不佳'],
      ['diabetic ketoacidosis', '糖尿病酮症酸中毒'],
      ['primary hypothyroidism', '原发性甲状腺功能减退症'],
      ['Graves disease', '格雷夫斯病'],
      ['adrenal insufficiency', '肾上腺皮质功能减退'],
    ],
    tests: [
      { en: 'HbA1c', zh: '糖化血红蛋白', unit: '%', low: 5.2, high: 13.5, digits: 1 },
      { en: 'fasting glucose', zh: '空腹血糖', unit: 'mmol/L', low: 3.4, high: 22, digits: 1 },
      { en: 'TSH', zh: '促甲状腺激素', unit: 'mIU/L', low: 0.01, high: 48, digits: 2 },
    ],
    drugs: [
      ['metformin', '二甲双胍', '500 mg twice daily'],
      ['insulin glargine', '甘精胰岛素', '14 units at bedtime'],
      ['levothyroxine', '左甲状腺素', '50 micrograms each morning'],
      ['methimazole', '甲巯咪唑', '10 mg once daily'],
    ],
  },
  {
    tag: 'nephrology',
    en: 'nephrology',
    zh: '肾内科',
    diagnoses: [
      ['chronic kidney disease stage 4', '慢性肾脏病4期'],
      ['acute kidney injury', '急性肾损伤'],
      ['nephrotic syndrome', '肾病综合征'],
      ['hyperkalemia', '高钾血症'],
    ],
    tests: [
      { en: 'creatinine', zh: '肌酐', unit: 'μmol/L', low: 45, high: 720, digits: 0 },
      { en: 'potassium', zh: '血钾', unit: 'mmol/L', low: 2.9, high: 6.9, digits: 1 },
      { en: 'eGFR', zh: '估算肾小球滤过率', unit: 'mL/min/1.73m²', low: 8, high: 110, digits: 0 },
    ],
    drugs: [
      ['furosemide', '呋塞米', '40 mg twice daily'],
      ['sodium bicarbonate', '碳酸氢钠', '1 g three times daily'],
      ['calcium polystyrene sulfonate', '聚苯乙烯磺酸钙', '15 g twice daily'],
      ['prednisone', '泼尼松', '1 mg/kg once daily'],
    ],
  },
  {
    tag: 'oncology',
    en: 'oncology',
    zh: '肿瘤科',
    diagnoses: [
      ['non-small cell lung cancer, stage IIIA', '非小细胞肺癌IIIA期'],
      ['HER2-positive breast cancer', 'HER2阳性乳腺癌'],
      ['metastatic colorectal cancer', '转移性结直肠癌'],
      ['febrile neutropenia after chemotherapy', '化疗后发热性中性粒细胞减少'],
    ],
    tests: [
      {
        en: 'neutrophil count',
        zh: '中性粒细胞计数',
        unit: '10^9/L',
        low: 0.1,
        high: 9,
        digits: 1,
      },
      { en: 'CEA', zh: '癌胚抗原', unit: 'ng/mL', low: 0.5, high: 240, digits: 1 },
      { en: 'platelet count', zh: '血小板计数', unit: '10^9/L', low: 12, high: 420, digits: 0 },
    ],
    drugs: [
      ['pembrolizumab', '帕博利珠单抗', '200 mg every three weeks'],
      ['trastuzumab', '曲妥珠单抗', '6 mg/kg every three weeks'],
      ['ondansetron', '昂丹司琼', '8 mg before chemotherapy'],
      ['filgrastim', '非格司亭', '5 micrograms/kg daily'],
    ],
  },
  {
    tag: 'neurology',
    en: 'neurology',
    zh: '神经内科',
    diagnoses: [
      ['acute ischemic stroke in the left MCA territory', '左侧大脑中动脉区急性缺血性卒中'],
      ['focal epilepsy', '局灶性癫痫'],
      ["Parkinson's disease", '帕金森病'],
      ['Guillain-Barré syndrome', '吉兰-巴雷综合征'],
    ],
    tests: [
      { en: 'NIHSS score', zh: 'NIHSS评分', unit: 'points', low: 0, high: 28, digits: 0 },
      { en: 'valproate level', zh: '丙戊酸血药浓度', unit: 'mg/L', low: 20, high: 140, digits: 0 },
      { en: 'CSF protein', zh: '脑脊液蛋白', unit: 'g/L', low: 0.2, high: 3.1, digits: 2 },
    ],
    drugs: [
      ['alteplase', '阿替普酶', '0.9 mg/kg intravenously'],
      ['levetiracetam', '左乙拉西坦', '500 mg twice daily'],
      ['levodopa/carbidopa', '左旋多巴/卡比多巴', '100/25 mg three times daily'],
      ['clopidogrel', '氯吡格雷', '75 mg once daily'],
    ],
  },
  {
    tag: 'respiratory',
    en: 'respiratory medicine',
    zh: '呼吸内科',
    diagnoses: [
      ['community-acquired pneumonia', '社区获得性肺炎'],
      ['acute exacerbation of COPD', '慢性阻塞性肺疾病急性加重'],
      ['pulmonary embolism', '肺栓塞'],
      ['severe asthma attack', '重症哮喘发作'],
    ],
    tests: [
      { en: 'PaO2', zh: '动脉血氧分压', unit: 'mmHg', low: 42, high: 98, digits: 0 },
      { en: 'D-dimer', zh: 'D-二聚体', unit: 'mg/L FEU', low: 0.1, high: 9.5, digits: 2 },
      { en: 'procalcitonin', zh: '降钙素原', unit: 'ng/mL', low: 0.02, high: 35, digits: 2 },
    ],
    drugs: [
      ['ceftriaxone', '头孢曲松', '2 g once daily'],
      ['tiotropium', '噻托溴铵', '18 micrograms inhaled daily'],
      ['enoxaparin', '依诺肝素', '1 mg/kg every 12 hours'],
      ['budesonide/formoterol', '布地奈德/福莫特罗', '160/4.5 micrograms two puffs twice daily'],
    ],
  },
  {
    tag: 'gastroenterology',
    en: 'gastroenterology',
    zh: '消化内科',
    diagnoses: [
      ['upper gastrointestinal bleeding from a duodenal ulcer', '十二指肠溃疡并上消化道出血'],
      ['acute pancreatitis', '急性胰腺炎'],
      ['decompensated alcoholic cirrhosis', '失代偿期酒精性肝硬化'],
      ["Crohn's disease flare", '克罗恩病活动期'],
    ],
    tests: [
      { en: 'hemoglobin', zh: '血红蛋白', unit: 'g/L', low: 55, high: 160, digits: 0 },
      { en: 'lipase', zh: '脂肪酶', unit: 'U/L', low: 20, high: 3800, digits: 0 },
      { en: 'albumin', zh: '白蛋白', unit: 'g/L', low: 18, high: 48, digits: 0 },
    ],
    drugs: [
      ['pantoprazole', '泮托拉唑', '40 mg intravenously twice daily'],
      ['octreotide', '奥曲肽', '50 micrograms per hour'],
      ['spironolactone', '螺内酯', '100 mg once daily'],
      ['infliximab', '英夫利西单抗', '5 mg/kg at weeks 0, 2 and 6'],
    ],
  },
  {
    tag: 'hematology',
    en: 'hematology',
    zh: '血液科',
    diagnoses: [
      ['iron deficiency anemia', '缺铁性贫血'],
      ['immune thrombocytopenia', '免疫性血小板减少症'],
      ['acute myeloid leukemia', '急性髓系白血病'],
      ['deep vein thrombosis of the left leg', '左下肢深静脉血栓形成'],
    ],
    tests: [
      { en: 'ferritin', zh: '铁蛋白', unit: 'μg/L', low: 3, high: 900, digits: 0 },
      {
        en: 'white blood cell count',
        zh: '白细胞计数',
        unit: '10^9/L',
        low: 0.8,
        high: 86,
        digits: 1,
      },
      { en: 'INR', zh: '国际标准化比值', unit: '', low: 0.9, high: 4.8, digits: 1 },
    ],
    drugs: [
      ['ferrous succinate', '琥珀酸亚铁', '0.2 g three times daily'],
      ['warfarin', '华法林', '3 mg once daily'],
      ['rivaroxaban', '利伐沙班', '15 mg twice daily'],
      ['dexamethasone', '地塞米松', '40 mg daily for four days'],
    ],
  },
  {
    tag: 'emergency',
    en: 'emergency medicine',
    zh: '急诊科',
    diagnoses: [
      ['septic shock of urinary origin', '尿源性脓毒性休克'],
      ['anaphylaxis after a bee sting', '蜂蜇伤后过敏性休克'],
      ['organophosphate poisoning', '有机磷农药中毒'],
      ['heat stroke', '热射病'],
    ],
    tests: [
      { en: 'lactate', zh: '乳酸', unit: 'mmol/L', low: 0.6, high: 11, digits: 1 },
      { en: 'cholinesterase', zh: '胆碱酯酶', unit: 'U/L', low: 300, high: 9000, digits: 0 },
      { en: 'core temperature', zh: '核心体温', unit: '°C', low: 35.5, high: 42.1, digits: 1 },
    ],
    drugs: [
      ['norepinephrine', '去甲肾上腺素', '0.1 micrograms/kg/min'],
      ['epinephrine', '肾上腺素', '0.5 mg intramuscularly'],
      ['atropine', '阿托品', '2 mg intravenously every 5 minutes'],
      ['piperacillin/tazobactam', '哌拉西林/他唑巴坦', '4.5 g every 8 hours'],
    ],
  },
  {
    tag: 'icu',
    en: 'intensive care',
    zh: '重症医学科',
    diagnoses: [
      ['acute respiratory distress syndrome', '急性呼吸窘迫综合征'],
      ['ventilator-associated pneumonia', '呼吸机相关性肺炎'],
      ['post-cardiac-arrest syndrome', '心脏骤停后综合征'],
      ['severe traumatic brain injury', '重型颅脑损伤'],
    ],
    tests: [
      { en: 'PaO2/FiO2 ratio', zh: '氧合指数', unit: 'mmHg', low: 60, high: 420, digits: 0 },
      { en: 'sodium', zh: '血钠', unit: 'mmol/L', low: 118, high: 162, digits: 0 },
      { en: 'intracranial pressure', zh: '颅内压', unit: 'mmHg', low: 5, high: 38, digits: 0 },
    ],
    drugs: [
      ['propofol', '丙泊酚', '1–3 mg/kg/h'],
      ['meropenem', '美罗培南', '1 g every 8 hours'],
      ['mannitol', '甘露醇', '0.5 g/kg over 20 minutes'],
      ['dexmedetomidine', '右美托咪定', '0.4 micrograms/kg/h'],
    ],
  },
  {
    tag: 'infectious-disease',
    en: 'infectious diseases',
    zh: '感染科',
    diagnoses: [
      ['MRSA bacteremia', '耐甲氧西林金黄色葡萄球菌菌血症'],
      ['acute hepatitis B', '急性乙型肝炎'],
      ['pulmonary tuberculosis', '肺结核'],
      ['cellulitis of the right leg', '右下肢蜂窝织炎'],
    ],
    tests: [
      { en: 'C-reactive protein', zh: 'C反应蛋白', unit: 'mg/L', low: 1, high: 310, digits: 0 },
      { en: 'ALT', zh: '丙氨酸氨基转移酶', unit: 'U/L', low: 9, high: 2400, digits: 0 },
      { en: 'vancomycin trough', zh: '万古霉素谷浓度', unit: 'mg/L', low: 4, high: 28, digits: 1 },
    ],
    drugs: [
      ['vancomycin', '万古霉素', '15 mg/kg every 12 hours'],
      ['entecavir', '恩替卡韦', '0.5 mg once daily'],
      ['isoniazid', '异烟肼', '300 mg once daily'],
      ['cefazolin', '头孢唑林', '2 g every 8 hours'],
    ],
  },
  {
    tag: 'geriatrics',
    en: 'geriatric medicine',
    zh: '老年医学科',
    diagnoses: [
      ['hip fracture after a fall', '跌倒后髋部骨折'],
      ['delirium with urinary tract infection', '尿路感染伴谵妄'],
      ['osteoporosis', '骨质疏松症'],
      ['polypharmacy with orthostatic hypotension', '多重用药伴体位性低血压'],
    ],
    tests: [
      { en: 'vitamin D', zh: '维生素D', unit: 'nmol/L', low: 12, high: 110, digits: 0 },
      { en: 'MMSE score', zh: 'MMSE评分', unit: 'points', low: 9, high: 30, digits: 0 },
      { en: 'bone density T-score', zh: '骨密度T值', unit: '', low: -4.1, high: -0.5, digits: 1 },
    ],
    drugs: [
      ['alendronate', '阿仑膦酸钠', '70 mg once weekly'],
      ['calcium carbonate with vitamin D', '碳酸钙D3', '600 mg twice daily'],
      ['quetiapine', '喹硫平', '12.5 mg at night'],
      ['nitrofurantoin', '呋喃妥因', '100 mg twice daily'],
    ],
  },
];

const familiesEn = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Okafor',
  'Kowalski',
  'Novak',
];
const givensEn = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Daniel',
  'Nancy',
  'Matthew',
  'Lisa',
  'Anthony',
  'Margaret',
  'Mark',
  'Sandra',
  'Steven',
  'Ashley',
  'Paul',
  'Emily',
  'Andrew',
  'Donna',
  'Joshua',
  'Michelle',
  'Omar',
  'Lucia',
  'Ada',
  'Ravi',
  'Ingrid',
  'Tomasz',
  'Amara',
];
const familiesZh = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
];
const givensZh = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '文博',
  '晓燕',
  '海燕',
  '春梅',
  '国庆',
  '子涵',
  '雨桐',
  '浩然',
  '思远',
];
const mailDomains = ['example.com', 'mail.example.org', 'patients.example.net', 'example.cn'];

const base = Date.UTC(2025, 0, 6, 8, 0);
const day = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const zhDate = (ms: number) => {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
};

interface Patient {
  subjectId: string;
  name: string;
  isChinese: boolean;
  dob: string;
  phone: string;
  email: string;
}

function patientOf(seed: number, index: number): Patient {
  const next = streamOf(seed, 1, index);
  const pick = pickWith(next);
  const isChinese = next() < 0.35;
  const family = isChinese ? pick(familiesZh) : pick(familiesEn);
  const given = isChinese ? pick(givensZh) : pick(givensEn);
  const born = Date.UTC(1930, 0, 1) + Math.floor(next() * 75 * 365.25) * day;
  const digits = (count: number) =>
    Array.from({ length: count }, () => Math.floor(next() * 10)).join('');
  const phone = isChinese
    ? `1${pick(['38', '39', '50', '58', '86', '89'])}${digits(8)}`
    : `(${pick(['212', '415', '617', '312', '206'])}) 555-${digits(4)}`;
  const local = isChinese
    ? `${pick(['zhang', 'li', 'wang', 'chen', 'liu'])}${digits(4)}`
    : `${given.toLowerCase()}.${family.toLowerCase()}${digits(2)}`;
  return {
    subjectId: String(10_000 + index),
    name: isChinese ? `${family}${given}` : `${given} ${family}`,
    isChinese,
    dob: isoDate(born),
    phone,
    email: `${local}@${pick(mailDomains)}`,
  };
}

export const recordFields = [
  'subject_id',
  'hadm_id',
  'patient_name',
  'dob',
  'admit_date',
  'department',
  'diagnosis',
  'phone',
] as const;

interface Encounter {
  row: number;
  patient: Patient;
  hadmId: string;
  admitMs: number;
  department: Department;
  diagnosis: readonly [string, string];
}

/** Row `row` of encounters.csv: every patient has two encounters, rows p and p + patients. */
function encounterOf(seed: number, patients: number, row: number): Encounter {
  const next = streamOf(seed, 2, row);
  const department = pickWith(next)(departments);
  return {
    row,
    patient: patientOf(seed, row % patients),
    hadmId: String(200_000 + row * 3 + Math.floor(next() * 3)),
    admitMs: base + Math.floor(next() * 540) * day,
    department,
    diagnosis: pickWith(next)(department.diagnoses),
  };
}

function encounterValues(encounter: Encounter): string[] {
  const { patient } = encounter;
  return [
    patient.subjectId,
    encounter.hadmId,
    patient.name,
    patient.dob,
    isoDate(encounter.admitMs),
    encounter.department.tag,
    encounter.patient.isChinese && encounter.row % 2 === 0
      ? encounter.diagnosis[1]
      : encounter.diagnosis[0],
    patient.phone,
  ];
}

const topics = ['diagnosis', 'lab-interpretation', 'medication', 'follow-up', 'discharge'] as const;
type Topic = (typeof topics)[number];
const difficulties = ['easy', 'medium', 'hard'] as const;

interface Content {
  question: string;
  answer: string;
  /** The record the pair cites. */
  row: number;
  isChinese: boolean;
  topic: Topic;
  hasIdentifiers: boolean;
  kind: 'unique' | 'exact' | 'near';
}

/** Fills {slots}: each template is a function of the values, so nothing is parsed. */
type Slots = Record<string, string>;
type Template = (slots: Slots) => string;

const questionsEn: Record<Topic, readonly Template[]> = {
  diagnosis: [
    (s) => `What was the admitting diagnosis for ${s.who} when admitted to ${s.dept}${s.when}?`,
    (s) => `Which findings supported the diagnosis of ${s.dx} in ${s.who}${s.when}?`,
    (s) => `Is ${s.dx} consistent with the presentation of ${s.who}${s.when}?`,
  ],
  'lab-interpretation': [
    (s) => `How should the ${s.test} of ${s.value} in ${s.who}${s.when} be interpreted?`,
    (s) => `${s.Who} had a ${s.test} of ${s.value}${s.when}. Is this clinically significant?`,
    (s) => `What does a ${s.test} result of ${s.value} mean for ${s.who} with ${s.dx}?`,
  ],
  medication: [
    (s) => `Is ${s.drug} ${s.dose} appropriate for ${s.who} with ${s.dx}?`,
    (s) => `Why was ${s.who} started on ${s.drug}${s.when}, and what needs monitoring?`,
    (s) => `What are the main risks of ${s.drug} for ${s.who}, given a ${s.test} of ${s.value}?`,
  ],
  'follow-up': [
    (s) => `When should ${s.who} be seen again after treatment for ${s.dx}?`,
    (s) => `What follow-up tests does ${s.who} need after the admission${s.when}?`,
  ],
  discharge: [
    (s) => `Is ${s.who} ready for discharge from ${s.dept} with a ${s.test} of ${s.value}?`,
    (s) => `What should the discharge plan for ${s.who} with ${s.dx} include?`,
  ],
};

/** Chinese questions open with the case (`ctx`: who, age, when, why, where), as notes do. */
const questionsZh: Record<Topic, readonly Template[]> = {
  diagnosis: [
    (s) => `${s.ctx}入院诊断的依据有哪些？需要与哪些疾病鉴别？`,
    (s) => `${s.ctx}${s.test}为${s.value}，是否支持这一诊断？`,
  ],
  'lab-interpretation': [
    (s) => `${s.ctx}${s.test}为${s.value}，结果应如何解读？`,
    (s) => `${s.ctx}${s.test}${s.value}提示什么？下一步应如何处理？`,
  ],
  medication: [
    (s) => `${s.ctx}使用${s.drug}${s.dose}是否合适？`,
    (s) => `${s.ctx}开始使用${s.drug}，用药期间需要监测什么？`,
  ],
  'follow-up': [
    (s) => `${s.ctx}治疗后应何时复诊？需要复查哪些项目？`,
    (s) => `${s.ctx}出院后的随访计划应包括哪些内容？`,
  ],
  discharge: [
    (s) => `${s.ctx}目前${s.test}为${s.value}，能否出院？`,
    (s) => `${s.ctx}出院医嘱应包括哪些内容？`,
  ],
};

const openersEn: readonly Template[] = [
  (s) => `The record documents ${s.dx} on admission to ${s.dept}${s.when}.`,
  (s) => `${s.Who} was admitted with ${s.dx}; the working diagnosis was confirmed on day ${s.day}.`,
  (s) => `On admission${s.when} the team recorded ${s.dx} as the principal problem.`,
  (s) => `This admission to ${s.dept} was for ${s.dx}, diagnosed in the emergency department.`,
  (s) => `${s.Who} presented to ${s.dept}${s.when} and was treated for ${s.dx}.`,
  (s) => `The discharge summary names ${s.dx} as the reason for this stay of ${s.day} days.`,
];
const middlesEn: readonly Template[] = [
  (s) => `A ${s.test} of ${s.value} is ${s.level} and should be read with the clinical picture.`,
  (s) => `The ${s.test} was ${s.value}, ${s.level}, and was repeated within ${s.hours} hours.`,
  (s) => `${s.drug} ${s.dose} is a reasonable choice unless there is a contraindication.`,
  (s) => `Start or continue ${s.drug} at ${s.dose} and review the dose if renal function changes.`,
  (s) => `Watch for adverse effects of ${s.drug} and check the ${s.test} again before any change.`,
  (s) => `Guidelines for ${s.dx} recommend reassessment after ${s.hours} hours of therapy.`,
  (s) => `A ${s.level} ${s.test} (${s.value}) alone does not change the management of ${s.dx}.`,
  (s) =>
    `Document allergies before ${s.drug} is given and note each change to the medication list.`,
  (s) =>
    `Escalate to a senior clinician if the ${s.test} worsens or the patient deteriorates overnight.`,
  (s) =>
    `Check kidney and liver function before adjusting ${s.drug}, and record fluid balance daily.`,
  (s) => `By day ${s.day} the ${s.test} had moved to ${s.value}, which the team judged ${s.level}.`,
  (s) => `Compared with the previous admission, the ${s.test} of ${s.value} is ${s.level}.`,
  (s) => `The pharmacist confirmed that ${s.drug} does not interact with the usual medicines.`,
  (s) => `If ${s.drug} is not tolerated, discuss an alternative with the ${s.dept} team.`,
  (s) => `Trend the ${s.test} every ${s.hours} hours until two results are stable.`,
  (s) => `Nursing staff should report new symptoms of ${s.dx} at once.`,
  (s) => `The dose of ${s.drug} (${s.dose}) was explained to the patient and the family.`,
  (s) =>
    `A ${s.test} result of ${s.value} on day ${s.day} matches the course expected for ${s.dx}.`,
  (s) => `Imaging on day ${s.day} was reviewed with radiology and fits ${s.dx}.`,
  (s) => `The team weighed the ${s.test} against the symptoms before changing ${s.drug}.`,
  (s) => `Consent for treatment of ${s.dx} was recorded before ${s.drug} was started.`,
  (s) => `Blood cultures and a repeat ${s.test} were sent before escalating treatment.`,
];
const closersEn: readonly Template[] = [
  (s) => `Arrange follow-up in ${s.weeks} weeks with a repeat ${s.test}.`,
  (s) => `Review in the ${s.dept} clinic after ${s.weeks} weeks; return earlier if symptoms recur.`,
  (s) => `Give written advice on the warning signs of ${s.dx} and when to seek urgent care.`,
  (s) => `The discharge letter should list ${s.drug}, the dose and the planned review.`,
  (s) => `The general practitioner should recheck the ${s.test} in ${s.weeks} weeks.`,
  (s) =>
    `Plan a telephone review after ${s.weeks} weeks and stop ${s.drug} if side effects appear.`,
];
const openersZh: readonly Template[] = [
  (s) => `病历记载${s.when}入住${s.dept}，入院诊断为${s.dx}。`,
  (s) => `${s.Who}因${s.dx}入院，第${s.day}天明确诊断。`,
  (s) => `本次住院的主要问题是${s.dx}，住院${s.day}天。`,
  (s) => `${s.Who}急诊就诊后收入${s.dept}，诊断${s.dx}。`,
  (s) => `出院小结记载本次因${s.dx}住院治疗。`,
];
const middlesZh: readonly Template[] = [
  (s) => `${s.test}${s.value}，${s.levelZh}，需结合临床表现综合判断。`,
  (s) => `${s.test}为${s.value}，${s.levelZh}，建议${s.hours}小时内复查。`,
  (s) => `可使用${s.drug}，若无禁忌证，剂量为${s.doseZh}。`,
  (s) => `用药期间注意${s.drug}的不良反应，调整剂量前复查${s.test}。`,
  (s) => `${s.dx}的诊治指南建议治疗${s.hours}小时后再次评估。`,
  (s) => `每日记录出入量，调整${s.drug}剂量前检查肝肾功能。`,
  (s) => `${s.test}持续恶化时及时请上级医师会诊。`,
  (s) => `住院第${s.day}天${s.test}为${s.value}，与${s.dx}的病程相符。`,
  (s) => `与上次住院相比，${s.test}${s.levelZh}。`,
  (s) => `药师确认${s.drug}与患者常用药物无相互作用。`,
  (s) => `如不能耐受${s.drug}，应与${s.dept}讨论替代方案。`,
  (s) => `每${s.hours}小时监测${s.test}，直至连续两次结果稳定。`,
  (s) => `护理人员发现${s.dx}新发症状时应立即报告。`,
  (s) => `已向患者及家属解释${s.drug}的用法（${s.doseZh}）。`,
  (s) => `住院第${s.day}天复查影像，结果符合${s.dx}。`,
  (s) => `升级治疗前已送血培养并复查${s.test}。`,
];
const closersZh: readonly Template[] = [
  (s) => `建议${s.weeks}周后门诊复诊并复查${s.test}。`,
  (s) => `告知患者${s.dx}的警示症状，出现时立即就医。`,
  (s) => `出院医嘱应写明${s.drug}的用法用量及复诊时间。`,
  (s) => `${s.weeks}周后电话随访，如出现不良反应停用${s.drug}。`,
  (s) => `社区医生应在${s.weeks}周后复查${s.test}。`,
];

/** Word swaps for a near repeat: one word of the answer changed. */
const swapsEn: readonly (readonly [RegExp, string])[] = [
  [/\breasonable\b/, 'sensible'],
  [/\brecommend\b/, 'advise'],
  [/\bwarning\b/, 'alarm'],
  [/\brepeated\b/, 'rechecked'],
  [/\bArrange\b/, 'Book'],
  [/\bReview\b/, 'Reassess'],
  [/\bconfirmed\b/, 'established'],
  [/\bprincipal\b/, 'main'],
  [/\bdocuments\b/, 'records'],
  [/\bwas\b/, 'is'],
  [/\bthe\b/, 'this'],
];
const swapsZh: readonly (readonly [string, string])[] = [
  ['建议', '推荐'],
  ['复查', '复测'],
  ['及时', '尽快'],
  ['注意', '留意'],
  ['明确', '确定'],
  ['病历', '病案'],
  ['可使用', '可选用'],
  ['告知', '提醒'],
  ['主要', '首要'],
];

function changeOneWord(text: string, isChinese: boolean, next: () => number): string {
  const start = Math.floor(next() * 1000);
  if (isChinese) {
    for (let attempt = 0; attempt < swapsZh.length; attempt++) {
      const [from, to] = swapsZh[(start + attempt) % swapsZh.length]!;
      if (text.includes(from)) return text.replace(from, to);
    }
    return `${text.slice(0, -1)}，必要时复诊。`;
  }
  for (let attempt = 0; attempt < swapsEn.length; attempt++) {
    const [from, to] = swapsEn[(start + attempt) % swapsEn.length]!;
    if (from.test(text)) return text.replace(from, to);
  }
  return text.replace(/\.$/, ' promptly.');
}

function formatValue(
  test: Test,
  next: () => number,
): { value: string; level: 'low' | 'normal' | 'high' } {
  const raw = test.low + next() * (test.high - test.low);
  const third = (raw - test.low) / (test.high - test.low);
  const value = `${raw.toFixed(test.digits)}${test.unit === '' ? '' : ` ${test.unit}`}`;
  return { value, level: third < 0.25 ? 'low' : third > 0.7 ? 'high' : 'normal' };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const levelZh = { low: '偏低', normal: '在参考范围内', high: '明显升高' } as const;

/** The text of pair `index` as written first (no repeat); recursion-free. */
function freshContent(seed: number, patients: number, index: number): Content {
  const next = streamOf(seed, 3, index);
  const pick = pickWith(next);
  const row = Math.floor(next() * patients * 2);
  const encounter = encounterOf(seed, patients, row);
  const { patient, department } = encounter;
  const isChinese = patient.isChinese && next() < 0.72;
  const topic = pick(topics);
  const test = pick(department.tests);
  const drug = pick(department.drugs);
  const measured = formatValue(test, next);
  // What identifies the patient in the text: the name, the record number, or neither.
  const named = next();
  const dated = next();
  const contact = next();
  const admitted = isChinese ? zhDate(encounter.admitMs) : isoDate(encounter.admitMs);
  const whoEn =
    named < 0.3
      ? patient.name
      : named < 0.4
        ? `the patient (MRN ${encounter.hadmId})`
        : named < 0.48
          ? `the patient born ${patient.dob}`
          : pick(['the patient', 'this patient', 'the inpatient']);
  const whoZh =
    named < 0.3
      ? `患者${patient.name}`
      : named < 0.4
        ? `患者（住院号：${encounter.hadmId}）`
        : pick(['患者', '该患者', '住院患者']);
  const slots: Slots = {
    who: isChinese ? whoZh : whoEn,
    Who: isChinese ? whoZh : whoEn.charAt(0).toUpperCase() + whoEn.slice(1),
    when: dated < 0.45 ? (isChinese ? admitted : ` on ${admitted}`) : '',
    dept: isChinese ? department.zh : department.en,
    dx: isChinese ? encounter.diagnosis[1] : encounter.diagnosis[0],
    test: isChinese ? test.zh : test.en,
    value: measured.value,
    level: measured.level === 'normal' ? 'within the reference range' : measured.level,
    levelZh: levelZh[measured.level],
    drug: isChinese ? drug[1] : drug[0],
    dose: drug[2],
    doseZh: drug[2],
    weeks: String(2 + Math.floor(next() * 10)),
    day: String(2 + Math.floor(next() * 12)),
    hours: pick(['6', '12', '24', '48', '72']),
  };
  const age = new Date(encounter.admitMs).getUTCFullYear() - Number(patient.dob.slice(0, 4));
  slots.ctx = `${whoZh}（${age}岁）${slots.when}因${slots.dx}入住${slots.dept}，`;
  const question = pick((isChinese ? questionsZh : questionsEn)[topic])(slots);
  const sentences: string[] = [capitalized(pick(isChinese ? openersZh : openersEn)(slots))];
  const middles = isChinese ? middlesZh : middlesEn;
  // Two to four different sentences of the middle pool, in a random order.
  const order = middles.map((_, position) => position);
  for (let position = order.length - 1; position > 0; position--) {
    const other = Math.floor(next() * (position + 1));
    [order[position], order[other]] = [order[other]!, order[position]!];
  }
  const wanted = 2 + Math.floor(next() * (isChinese ? 3 : 2));
  for (let count = 0; count < wanted; count++)
    sentences.push(capitalized(middles[order[count]!]!(slots)));
  sentences.push(pick(isChinese ? closersZh : closersEn)(slots));
  if (contact < 0.12)
    sentences.push(
      isChinese
        ? `已电话联系家属（${patient.phone}）。`
        : `The family was reached at ${patient.phone}.`,
    );
  else if (contact < 0.2)
    sentences.push(
      isChinese
        ? `检查结果已发送至${patient.email}。`
        : `Results were sent to ${patient.email} as requested.`,
    );
  let answer = sentences.join(isChinese ? '' : ' ');
  // Keep answers within about 150–400 characters, as experts write them.
  const minimum = isChinese ? 110 : 150;
  for (let extra = wanted; answer.length < minimum && extra < order.length; extra++)
    answer += (isChinese ? '' : ' ') + capitalized(middles[order[extra]!]!(slots));
  if (answer.length > 400)
    answer = answer.slice(0, answer.lastIndexOf(isChinese ? '。' : '. ', 398) + 1);
  return {
    question,
    answer,
    row,
    isChinese,
    topic,
    hasIdentifiers: named < 0.48 || dated < 0.45 || contact < 0.2,
    kind: 'unique',
  };
}

/**
 * Pair `index`'s text: about 3 % repeat an earlier pair exactly, about 3 % with one word of the
 * answer changed (citing the same record, as a person who wrote it twice would).
 */
function contentOf(seed: number, patients: number, index: number): Content {
  const next = streamOf(seed, 4, index);
  const roll = next();
  if (index < 50 || roll >= 0.06) return freshContent(seed, patients, index);
  const earlier = index - 1 - Math.floor(next() * Math.min(index - 1, 5000));
  const original = contentOf(seed, patients, earlier);
  if (roll < 0.03) return { ...original, kind: 'exact' };
  return {
    ...original,
    answer: changeOneWord(original.answer, original.isChinese, next),
    kind: 'near',
  };
}

interface People {
  annotator: Profile;
  experts: Profile[];
  lead: Profile;
  engineer: Profile;
}

function peopleOf(): People {
  const at = (minute: number) => new Date(base - day + minute * 60_000).toISOString();
  return {
    annotator: { id: 'user_bench_lina', name: 'Li Na', role: 'annotator', createdAt: at(1) },
    experts: [
      { id: 'user_bench_wang', name: 'Dr. Wang', role: 'clinical-expert', createdAt: at(2) },
      { id: 'user_bench_liu', name: 'Dr. Liu', role: 'clinical-expert', createdAt: at(3) },
      { id: 'user_bench_okafor', name: 'Dr. Okafor', role: 'clinical-expert', createdAt: at(4) },
    ],
    lead: { id: 'user_bench_zhao', name: 'Zhao Min', role: 'governance-lead', createdAt: at(5) },
    engineer: { id: 'user_bench_chen', name: 'Chen Hao', role: 'ml-engineer', createdAt: at(6) },
  };
}

interface PairRows {
  pair: QaPair;
  versions: QaVersion[];
  reviews: Review[];
  content: Content;
  isTwoExpert: boolean;
}

function pairRows(
  seed: number,
  patients: number,
  projectId: string,
  sourceId: string,
  people: People,
  index: number,
): PairRows {
  const content = contentOf(seed, patients, index);
  const next = streamOf(seed, 5, index);
  const pick = pickWith(next);
  const encounter = encounterOf(seed, patients, content.row);
  const values = encounterValues(encounter);
  const evidence: RecordEvidence = {
    kind: 'record',
    sourceId,
    sourceName: 'encounters.csv',
    row: content.row,
    line: content.row + 2,
    fields: Object.fromEntries(recordFields.map((field, column) => [field, values[column]!])),
  };
  const tags: QaTags = {
    department: encounter.department.tag,
    topic: content.topic,
    difficulty: pick(difficulties),
    free: content.isChinese ? ['zh'] : [],
  };
  const id = `qa_bench_${String(index).padStart(7, '0')}`;
  const createdMs = base + index * 4 * 60_000 + Math.floor(next() * 60_000);
  const isVersionTwo = next() < 0.1;
  const isTwoExpert = next() < 0.2;
  const first = Math.floor(next() * people.experts.length);
  const second =
    (first + 1 + Math.floor(next() * (people.experts.length - 1))) % people.experts.length;
  const reviewedMs = createdMs + (2 + Math.floor(next() * 72)) * 3_600_000;
  const updatedMs = isVersionTwo ? reviewedMs + 3_600_000 : createdMs;
  const version = isVersionTwo ? 2 : 1;
  const iso = (ms: number) => new Date(ms).toISOString();
  const versions: QaVersion[] = [
    {
      id: `${id}@1`,
      qaPairId: id,
      version: 1,
      question: content.question,
      // Version 1 of a revised pair lacked its last sentence; the expert asked for it.
      answer: isVersionTwo
        ? content.answer.slice(
            0,
            Math.max(
              40,
              content.answer.lastIndexOf(
                content.isChinese ? '。' : '. ',
                content.answer.length - 3,
              ) + 1,
            ),
          )
        : content.answer,
      tags,
      evidence: [evidence],
      editedBy: people.annotator.id,
      editedAt: iso(createdMs),
      changed: [],
    },
  ];
  if (isVersionTwo)
    versions.push({
      id: `${id}@2`,
      qaPairId: id,
      version: 2,
      question: content.question,
      answer: content.answer,
      tags,
      evidence: [evidence],
      editedBy: people.annotator.id,
      editedAt: iso(updatedMs),
      changed: ['answer'],
    });
  const reviews: Review[] = [];
  const approveMs = updatedMs + (1 + Math.floor(next() * 48)) * 3_600_000;
  if (isVersionTwo)
    reviews.push({
      id: `review_bench_${index}_0`,
      qaPairId: id,
      pairVersion: 1,
      reviewerId: people.experts[first]!.id,
      decision: 'request-changes',
      comment: content.isChinese ? '请补充随访安排。' : 'Please add the follow-up plan.',
      at: iso(reviewedMs),
      kind: 'review',
      reasonCode: 'incomplete-answer',
    });
  reviews.push({
    id: `review_bench_${index}_1`,
    qaPairId: id,
    pairVersion: version,
    reviewerId: people.experts[first]!.id,
    decision: 'approve',
    comment: '',
    at: iso(approveMs),
    kind: 'review',
  });
  if (isTwoExpert)
    reviews.push({
      id: `review_bench_${index}_2`,
      qaPairId: id,
      pairVersion: version,
      reviewerId: people.experts[second]!.id,
      decision: 'approve',
      comment: '',
      at: iso(approveMs + (1 + Math.floor(next() * 30)) * 3_600_000),
      kind: 'review',
    });
  const pair: QaPair = {
    id,
    projectId,
    question: content.question,
    answer: content.answer,
    evidence: [evidence],
    state: 'approved',
    authorId: people.annotator.id,
    createdAt: iso(createdMs),
    updatedAt: iso(updatedMs),
    version,
    tags,
    origin: 'manual',
  };
  return { pair, versions, reviews, content, isTwoExpert };
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const blockRows = 2000;

/** Writes the bundle at `path` and returns what it holds. */
async function generate(path: string, count: number, seed: number): Promise<ExportBundleFacts> {
  const started = Date.now();
  const patients = Math.max(10, Math.round(count / 5));
  const records = patients * 2;
  const projectId = `project_bench_export_${seed}`;
  const sourceId = `source_bench_encounters_${seed}`;
  const people = peopleOf();
  const everyone = [people.annotator, ...people.experts, people.lead, people.engineer];
  const createdAt = new Date(base - day + 10 * 60_000).toISOString();
  const project: Project = {
    id: projectId,
    name: benchProjectName,
    createdAt,
    createdBy: people.annotator.id,
  };

  // The source file as it would have been imported: its bytes give its size and hash.
  const csv = createHash('sha256');
  let csvBytes = 0;
  const header = recordFields.join(',') + '\n';
  csv.update(header);
  csvBytes += Buffer.byteLength(header);
  for (let row = 0; row < records; row++) {
    const line =
      encounterValues(encounterOf(seed, patients, row))
        .map(csvCell)
        .join(',') + '\n';
    csv.update(line);
    csvBytes += Buffer.byteLength(line);
  }
  const importedAt = new Date(base - day + 20 * 60_000).toISOString();
  const source = {
    id: sourceId,
    projectId,
    fileName: 'encounters.csv',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    size: csvBytes,
    sha256: csv.digest('hex'),
    mode: 'strict',
    fields: [...recordFields],
    rowCount: records,
    blockCount: Math.ceil(records / blockRows),
    importedBy: people.annotator.id,
    importedAt,
    status: 'ready',
    skipped: [],
    profile: [],
    sourceSystem: '',
  };

  // A short audit trail, sealed as the app seals it: people, the project, the import.
  const events: AuditEvent[] = [];
  const seal = (
    at: string,
    actor: Profile | null,
    action: string,
    entity: AuditEntity,
    entityId: string,
    after: unknown,
  ) => {
    const sealed = sealEvent(
      {
        at,
        actorId: actor?.id ?? 'system',
        actorName: actor?.name ?? 'Tessera',
        action,
        entity,
        entityId,
        before: null,
        after,
      },
      events.at(-1)?.hash ?? genesisHash,
    );
    events.push({ ...sealed, seq: events.length + 1 });
  };
  for (const person of everyone)
    seal(person.createdAt, person, 'profile.create', 'profile', person.id, person);
  seal(createdAt, people.annotator, 'project.create', 'project', projectId, project);
  seal(importedAt, people.annotator, 'source.import', 'source', sourceId, {
    source,
    automaticMappings: [],
  });

  const facts = {
    plantedExactRepeats: 0,
    plantedNearRepeats: 0,
    twoExpertPairs: 0,
    versionTwoPairs: 0,
    reviews: 0,
    chinesePairs: 0,
    pairsWithIdentifiers: 0,
    questionChars: 0,
    answerChars: 0,
  };
  const pairs = (each: (rows: PairRows) => Iterable<unknown>) =>
    function* (): Generator<unknown> {
      for (let index = 0; index < count; index++)
        yield* each(pairRows(seed, patients, projectId, sourceId, people, index));
    };
  function* blocks(): Generator<unknown> {
    for (let firstRow = 0, index = 0; firstRow < records; firstRow += blockRows, index++) {
      const rows: string[][] = [];
      const lines: number[] = [];
      for (let row = firstRow; row < Math.min(records, firstRow + blockRows); row++) {
        rows.push(encounterValues(encounterOf(seed, patients, row)));
        lines.push(row + 2);
      }
      yield { sourceId, index, firstRow, lines, rows };
    }
  }
  const tables: Record<string, () => Iterable<unknown>> = {
    auditEvents: () => events,
    meta: () => [{ key: 'dictionaryVersion', value: 1 }],
    profiles: () => everyone,
    projects: () => [project],
    qaPairs: pairs(({ pair, content, isTwoExpert, reviews }) => {
      if (content.kind === 'exact') facts.plantedExactRepeats++;
      if (content.kind === 'near') facts.plantedNearRepeats++;
      if (isTwoExpert) facts.twoExpertPairs++;
      if (pair.version === 2) facts.versionTwoPairs++;
      if (content.isChinese) facts.chinesePairs++;
      if (content.hasIdentifiers) facts.pairsWithIdentifiers++;
      facts.reviews += reviews.length;
      facts.questionChars += pair.question.length;
      facts.answerChars += pair.answer.length;
      return [pair];
    }),
    qaVersions: pairs(({ versions }) => versions),
    recordBlocks: blocks,
    reviews: pairs(({ reviews }) => reviews),
    sources: () => [source],
  };

  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const write = async (chunk: Uint8Array) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const writer = new BundleWriter({
    appVersion: appVersion(),
    createdAt: new Date(base + 600 * day).toISOString(),
  });
  for (const table of Object.keys(tables).sort())
    for (const chunk of writer.table(table, tables[table]!())) await write(chunk);
  for (const chunk of writer.finish()) await write(chunk);
  out.end();
  await once(out, 'finish');
  renameSync(partial, path);

  return {
    path,
    bytes: statSync(path).size,
    seed,
    pairs: count,
    patients,
    records,
    plantedExactRepeats: facts.plantedExactRepeats,
    plantedNearRepeats: facts.plantedNearRepeats,
    twoExpertPairs: facts.twoExpertPairs,
    versionTwoPairs: facts.versionTwoPairs,
    reviews: facts.reviews,
    chinesePairs: facts.chinesePairs,
    pairsWithIdentifiers: facts.pairsWithIdentifiers,
    meanQuestionChars: Math.round(facts.questionChars / count),
    meanAnswerChars: Math.round(facts.answerChars / count),
    projectId,
    generatedMs: Date.now() - started,
  };
}

function appVersion(): string {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version?: string };
  return version ?? '0.0.0';
}

/**
 * The bundle of `count` pairs for `seed` in bench/tmp, generated unless a bundle of this
 * generator version, count and seed is there already (with its facts beside it).
 */
export async function exportBundle(count: number, seed: number): Promise<ExportBundleFacts> {
  const path = `bench/tmp/export-v${generatorVersion}-${count}-s${seed}.tessera`;
  const factsPath = `${path}.json`;
  if (existsSync(path) && existsSync(factsPath)) {
    const facts = JSON.parse(readFileSync(factsPath, 'utf8')) as ExportBundleFacts;
    if (facts.bytes === statSync(path).size) return { ...facts, generatedMs: null };
  }
  const facts = await generate(path, count, seed);
  writeFileSync(factsPath, JSON.stringify(facts, null, 2) + '\n');
  return facts;
}
