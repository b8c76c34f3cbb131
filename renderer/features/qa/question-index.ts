import {
  QuestionIndex,
  type DuplicateCheckOptions,
  type DuplicateMatch,
} from '../../../shared/qa/duplicates';

/** Duplicates of a question among the project's questions as they were at the last sync. */
export type DuplicateCheck = (
  question: string,
  options?: DuplicateCheckOptions,
) => DuplicateMatch[];

/**
 * A project's question index kept in step with its pairs: only new or edited questions are
 * indexed again. Building it over ten thousand questions takes a third of a second, too long to
 * repeat whenever anyone saves a pair.
 */
export class SyncedQuestionIndex {
  private readonly index = new QuestionIndex();
  private readonly indexed = new Map<string, string>();

  /** Brings the index in step; the check it returns is new, so what depends on it re-checks. */
  sync(pairs: readonly { id: string; question: string }[]): DuplicateCheck {
    const present = new Set<string>();
    for (const { id, question } of pairs) {
      present.add(id);
      if (this.indexed.get(id) === question) continue;
      this.index.add(id, question);
      this.indexed.set(id, question);
    }
    for (const id of this.indexed.keys()) {
      if (present.has(id)) continue;
      this.index.remove(id);
      this.indexed.delete(id);
    }
    return (question, options) => this.index.check(question, options);
  }

  get size(): number {
    return this.index.size;
  }
}
