/**
 * A diff of two texts for showing what an edit changed. Chinese and Japanese are compared by
 * character (they have no spaces, and one changed character is one change), other scripts by
 * word, with spaces and punctuation as tokens of their own.
 */

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

const cjk = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const tokenPattern = new RegExp(
  String.raw`[${cjk}]|(?:(?![${cjk}])[\p{L}\p{M}\p{N}_])+|\s+|[^]`,
  'gu',
);

/** The text cut into comparable tokens; joined again they give the text back. */
export function tokenize(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

/** What changed from `before` to `after`, as runs of kept, inserted and deleted text. */
export function diffText(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const step of diffSequences(tokenize(before), tokenize(after))) {
    const last = parts.at(-1);
    if (last?.op === step.op) last.text += step.item;
    else parts.push({ op: step.op, text: step.item });
  }
  return parts;
}

export interface DiffStep<T> {
  op: DiffOp;
  item: T;
}

/**
 * A shortest edit script from `before` to `after` (Myers, "An O(ND) difference algorithm",
 * 1986): as few insertions and deletions as possible, so the kept items are a longest common
 * subsequence. The common prefix and suffix are set aside first, since edits are usually small.
 */
export function diffSequences<T>(before: readonly T[], after: readonly T[]): DiffStep<T>[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const equal = (items: readonly T[]): DiffStep<T>[] =>
    items.map((item) => ({ op: 'equal', item }));
  return [
    ...equal(before.slice(0, start)),
    ...middle(before.slice(start, endBefore), after.slice(start, endAfter)),
    ...equal(before.slice(endBefore)),
  ];
}

function middle<T>(a: readonly T[], b: readonly T[]): DiffStep<T>[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  // v[k] is the furthest x reached on diagonal k = x - y; stored at index k + offset.
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // Before each round d, the part of v that round reads ([-d-1, d+1]) is kept for the way back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const isDown = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = isDown ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  throw new Error('unreachable: a path of length n + m always exists');
}

function backtrack<T>(
  a: readonly T[],
  b: readonly T[],
  trace: readonly Int32Array[],
  rounds: number,
): DiffStep<T>[] {
  const steps: DiffStep<T>[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = rounds; d >= 0; d--) {
    const saved = trace[d]!;
    const at = (k: number): number => saved[k + d + 1]!;
    const k = x - y;
    const isDown = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = isDown ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      steps.push({ op: 'equal', item: a[x - 1]! });
      x--;
      y--;
    }
    if (d === 0) break;
    if (isDown) steps.push({ op: 'insert', item: b[y - 1]! });
    else steps.push({ op: 'delete', item: a[x - 1]! });
    x = previousX;
    y = previousY;
  }
  return steps.reverse();
}
