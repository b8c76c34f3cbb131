/** Pairs for tests: every field the pipeline reads, with defaults a test can override. */
import type { ExportEvidence, ExportablePair } from './exportable';

export function makePair(overrides: Partial<ExportablePair> & { id: string }): ExportablePair {
  return {
    question: `Question ${overrides.id}?`,
    answer: `Answer ${overrides.id}.`,
    state: 'approved',
    tags: [],
    reviewerIds: ['expert-1'],
    approvedAt: '2024-03-01T10:00:00.000Z',
    isTwoExpert: false,
    groupKeys: [`record:src#${overrides.id}`],
    evidence: [],
    ...overrides,
  };
}

export function makeEvidence(row: number, fields: Record<string, string>): ExportEvidence {
  return { sourceId: 'src-1', sourceName: 'ADMISSIONS.csv', row, fields };
}

/** A deterministic shuffle (Fisher–Yates over a linear congruential generator). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** Distinct clinical-sounding questions, so that pairs are not near-duplicates by accident. */
export function distinctQuestion(index: number): string {
  const topics = ['haemoglobin', 'glucose', 'creatinine', 'sodium', 'potassium', 'platelets'];
  const times = ['on admission', 'at discharge', 'after surgery', 'on day three', 'at follow-up'];
  return `Case ${index * 7919}: what was the ${topics[index % topics.length]} ${times[Math.floor(index / topics.length) % times.length]} for record ${index.toString(36)}?`;
}
