import { jaccard, NearDuplicateIndex, normalizeForDedupe, shingles } from '../text/near-duplicate';

export interface DuplicateMatch {
  pairId: string;
  /** exact: the same question once case, width, punctuation and spacing are set aside. */
  kind: 'exact' | 'near';
  /** Jaccard similarity of character shingles; 1 for exact matches. */
  similarity: number;
}

export interface DuplicateCheckOptions {
  /** The pair being edited, which is not a duplicate of itself. */
  excludeId?: string;
  /** At most this many matches, exact ones first. */
  limit?: number;
}

/**
 * Below this many characters (normalized) a question is only checked for exact copies: while the
 * first words are typed, many questions share them and near matches would only be noise.
 */
const shortestNearQuery = 8;
/**
 * MinHash only estimates similarity, and short questions have few shingles, so its estimate
 * strays (a true 0.65 can come out at 0.55). The LSH index is therefore banded for a lower
 * threshold than the one reported, and every candidate it gives is confirmed with the exact
 * Jaccard similarity.
 */
const candidateSlack = 0.15;

/**
 * The questions of a project, for telling an annotator while they type that a question already
 * exists (exactly, or nearly). Exact matches are looked up by normal form; near ones through the
 * MinHash LSH index of shared/text/near-duplicate.ts, then confirmed exactly.
 */
export class QuestionIndex {
  readonly threshold: number;
  private readonly near: NearDuplicateIndex<string>;
  private readonly questions = new Map<string, string>();
  private readonly shingleSets = new Map<string, Set<string>>();
  private readonly byNormalForm = new Map<string, Set<string>>();

  /**
   * 0.6 by default, lower than the export's dedupe: near matches are shown for a person to judge,
   * and one changed character of a 20-character Chinese question already costs a third of its
   * character trigrams (similarity ≈ 0.65).
   */
  constructor(threshold = 0.6) {
    this.threshold = threshold;
    this.near = new NearDuplicateIndex<string>({
      threshold: Math.max(0.05, threshold - candidateSlack),
    });
  }

  get size(): number {
    return this.questions.size;
  }

  /** Adds a pair's question, or replaces it after an edit. */
  add(pairId: string, question: string): void {
    this.remove(pairId);
    this.questions.set(pairId, question);
    const normal = normalizeForDedupe(question);
    let ids = this.byNormalForm.get(normal);
    if (!ids) {
      ids = new Set();
      this.byNormalForm.set(normal, ids);
    }
    ids.add(pairId);
    this.shingleSets.set(pairId, shingles(normal, this.near.settings.shingleSize));
    this.near.add(pairId, question);
  }

  remove(pairId: string): void {
    const question = this.questions.get(pairId);
    if (question === undefined) return;
    this.questions.delete(pairId);
    this.shingleSets.delete(pairId);
    const normal = normalizeForDedupe(question);
    const ids = this.byNormalForm.get(normal);
    ids?.delete(pairId);
    if (ids?.size === 0) this.byNormalForm.delete(normal);
    this.near.remove(pairId);
  }

  /** Questions that `question` duplicates: exact ones first, then the most similar. */
  check(question: string, options: DuplicateCheckOptions = {}): DuplicateMatch[] {
    const normal = normalizeForDedupe(question);
    if (normal === '') return [];
    const isOther = (pairId: string) => pairId !== options.excludeId;
    const exact = [...(this.byNormalForm.get(normal) ?? [])].filter(isOther);
    const matches: DuplicateMatch[] = exact.map((pairId) => ({
      pairId,
      kind: 'exact',
      similarity: 1,
    }));
    if ([...normal].length >= shortestNearQuery) {
      const exactIds = new Set(exact);
      const queried = shingles(normal, this.near.settings.shingleSize);
      const near = this.near
        .candidates(this.near.signatureOf(question))
        .filter(({ key }) => isOther(key) && !exactIds.has(key))
        .map(({ key }) => ({
          pairId: key,
          kind: 'near' as const,
          similarity: jaccard(queried, this.shingleSets.get(key) ?? new Set()),
        }))
        .filter((match) => match.similarity >= this.threshold)
        .sort((a, b) => b.similarity - a.similarity || compareText(a.pairId, b.pairId));
      matches.push(...near);
    }
    return matches.slice(0, options.limit ?? Infinity);
  }
}

/** An index over the questions of the given pairs. */
export function indexQuestions(
  pairs: Iterable<{ id: string; question: string }>,
  threshold?: number,
): QuestionIndex {
  const index = new QuestionIndex(threshold);
  for (const pair of pairs) index.add(pair.id, pair.question);
  return index;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
