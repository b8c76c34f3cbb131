import type { Difficulty, QaTags } from '../model/qa';

export type TagFacet = 'department' | 'topic' | 'difficulty' | 'tag';

/** One label of a pair, with the facet it belongs to, for filters and counts. */
export interface TagRef {
  facet: TagFacet;
  value: string;
}

/** Trimmed values, empty ones dropped, free tags without repeats in the order first given. */
export function normalizeTags(tags: QaTags): QaTags {
  const normalized: QaTags = { free: [...new Set(tags.free.map(clean).filter(isFilled))] };
  const department = clean(tags.department ?? '');
  const topic = clean(tags.topic ?? '');
  if (department !== '') normalized.department = department;
  if (topic !== '') normalized.topic = topic;
  if (tags.difficulty !== undefined) normalized.difficulty = tags.difficulty;
  return normalized;
}

export function tagRefs(tags: QaTags): TagRef[] {
  const refs: TagRef[] = [];
  if (tags.department) refs.push({ facet: 'department', value: tags.department });
  if (tags.topic) refs.push({ facet: 'topic', value: tags.topic });
  if (tags.difficulty) refs.push({ facet: 'difficulty', value: tags.difficulty });
  for (const value of tags.free) refs.push({ facet: 'tag', value });
  return refs;
}

/** `department:Urology`, `tag:renal`: one string per label, distinct across facets. */
export function tagKey(ref: TagRef): string {
  return `${ref.facet}:${ref.value}`;
}

export function tagKeys(tags: QaTags): string[] {
  return tagRefs(tags).map(tagKey);
}

/** A cell of free tags: separated by commas, semicolons or vertical bars, in either script. */
export function parseTagList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;|，；、]/u)
        .map(clean)
        .filter(isFilled),
    ),
  ];
}

const difficultyWords: Record<string, Difficulty> = {
  easy: 'easy',
  simple: 'easy',
  low: 'easy',
  '1': 'easy',
  简单: 'easy',
  容易: 'easy',
  易: 'easy',
  medium: 'medium',
  moderate: 'medium',
  '2': 'medium',
  中等: 'medium',
  中: 'medium',
  一般: 'medium',
  hard: 'hard',
  difficult: 'hard',
  high: 'hard',
  '3': 'hard',
  困难: 'hard',
  难: 'hard',
};

/** A difficulty written in English, Chinese or as 1–3; null when it is none of them. */
export function parseDifficulty(text: string): Difficulty | null {
  return difficultyWords[clean(text).toLowerCase()] ?? null;
}

function clean(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

function isFilled(value: string): boolean {
  return value !== '';
}
