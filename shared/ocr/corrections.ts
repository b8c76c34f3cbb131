import type { OcrWord } from './types';
import { textFromWords } from './page-result';

/** Words below this confidence are listed for review. */
export const reviewThreshold = 80;

export interface WordDecision {
  wordIndex: number;
  text: string;
}

export interface ReviewedWord extends OcrWord {
  index: number;
  engineText: string;
  /** A person corrected or accepted this word. */
  decided: boolean;
}

/** The page as later stages see it: the engine's words with each person's decision laid over. */
export function reviewedWords(
  words: readonly OcrWord[],
  decisions: readonly WordDecision[],
): ReviewedWord[] {
  const byIndex = new Map(decisions.map((decision) => [decision.wordIndex, decision.text]));
  return words.map((word, index) => {
    const decided = byIndex.get(index);
    return {
      ...word,
      index,
      engineText: word.text,
      text: decided ?? word.text,
      decided: decided !== undefined,
    };
  });
}

export function correctedText(
  words: readonly OcrWord[],
  decisions: readonly WordDecision[],
): string {
  return textFromWords(reviewedWords(words, decisions).filter((word) => word.text !== ''));
}

/** Undecided words under the threshold, in reading order. */
export function wordsToReview(
  words: readonly ReviewedWord[],
  threshold = reviewThreshold,
): ReviewedWord[] {
  return words.filter((word) => !word.decided && word.confidence < threshold);
}

/** Where else the engine read exactly the same text, still undecided: candidates for one correction. */
export function sameMisreadings<T extends { words: readonly ReviewedWord[] }>(
  pages: readonly T[],
  engineText: string,
): { page: T; word: ReviewedWord }[] {
  return pages.flatMap((page) =>
    page.words
      .filter((word) => !word.decided && word.engineText === engineText)
      .map((word) => ({ page, word })),
  );
}

/** Confidence colour band for a word box: how sure the engine was. */
export function confidenceBand(confidence: number): 'low' | 'medium' | 'high' {
  if (confidence < 60) return 'low';
  if (confidence < reviewThreshold) return 'medium';
  return 'high';
}
