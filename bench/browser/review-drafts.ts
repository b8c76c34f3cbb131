/**
 * Seeded question–answer drafts for the review benchmark, as JSONL the app's draft import reads:
 * lab questions in Chinese and English with departments, topics, difficulty, free tags and a
 * cited passage, each question distinct (a numbered patient), so the queue holds 10,000 pairs
 * that look like a hospital's.
 */
import { random } from './csv-data';

const tests = [
  { zh: '血红蛋白', en: 'hemoglobin', unit: 'g/L', low: 90, high: 180 },
  { zh: '白细胞计数', en: 'white blood cell count', unit: '10^9/L', low: 2, high: 15 },
  { zh: '空腹血糖', en: 'fasting glucose', unit: 'mmol/L', low: 3, high: 12 },
  { zh: '血钾', en: 'potassium', unit: 'mmol/L', low: 2.8, high: 6.2 },
  { zh: '肌酐', en: 'creatinine', unit: 'μmol/L', low: 40, high: 300 },
  { zh: '前列腺特异性抗原', en: 'PSA', unit: 'ng/mL', low: 0.5, high: 15 },
];
const departments = ['血液科', '内分泌科', '肾内科', '泌尿外科', 'Cardiology', 'Emergency'];
const difficulties = ['easy', 'medium', 'hard'];

export function writeReviewDrafts(count: number, seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const test = pick(tests);
    const value = (test.low + next() * (test.high - test.low)).toFixed(1);
    const patient = `P${String(index + 1).padStart(5, '0')}`;
    const isChinese = next() < 0.6;
    lines.push(
      JSON.stringify({
        question: isChinese
          ? `患者${patient}的${test.zh}为${value} ${test.unit}，是否需要进一步检查？`
          : `Patient ${patient} has a ${test.en} of ${value} ${test.unit}: does this need follow-up?`,
        answer: isChinese
          ? `${test.zh}${value} ${test.unit}，需结合参考范围和临床表现判断；异常时建议复查。`
          : `A ${test.en} of ${value} ${test.unit} is read against the reference range and the clinical picture; repeat the test if it is abnormal.`,
        department: pick(departments),
        topic: isChinese ? test.zh : test.en,
        difficulty: pick(difficulties),
        tags: `${isChinese ? '检验' : 'lab'};${test.en}`,
        evidence: `检验报告 ${patient}：${test.zh} ${value} ${test.unit}`,
      }) + '\n',
    );
  }
  return lines.join('');
}
