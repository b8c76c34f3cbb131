/**
 * Character error rate: edit distance between recognised and reference text over the reference length.
 * Whitespace runs count as one space and Unicode is NFKC-folded, so layout differences (line breaks
 * versus spaces) are not charged as recognition errors.
 */
export function normalizeForCer(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

export function editDistance(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  let previous = new Uint32Array(right.length + 1);
  let current = new Uint32Array(right.length + 1);
  for (let j = 0; j <= right.length; j++) previous[j] = j;
  for (let i = 1; i <= left.length; i++) {
    current[0] = i;
    const char = left[i - 1];
    for (let j = 1; j <= right.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (char === right[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    [previous, current] = [current, previous];
  }
  return previous[right.length] ?? 0;
}

export function characterErrorRate(recognised: string, reference: string): number {
  const expected = normalizeForCer(reference);
  const actual = normalizeForCer(recognised);
  const length = Array.from(expected).length;
  if (length === 0) return actual.length === 0 ? 0 : 1;
  return editDistance(actual, expected) / length;
}
