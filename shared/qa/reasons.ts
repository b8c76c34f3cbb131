/**
 * The reasons a reviewer picks from when rejecting or asking for changes (R, then a number), so
 * that reasons can be counted; a typed comment can say more. Labels live in the locales under
 * `qa.reason.<code>`.
 */
export const reviewReasons = [
  'factually-wrong',
  'not-supported-by-evidence',
  'unclear-question',
  'incomplete-answer',
  'unsafe-advice',
  'wrong-units-or-values',
  'duplicate',
  'out-of-scope',
] as const;
export type ReviewReason = (typeof reviewReasons)[number];

export function isReviewReason(value: string): value is ReviewReason {
  return (reviewReasons as readonly string[]).includes(value);
}
