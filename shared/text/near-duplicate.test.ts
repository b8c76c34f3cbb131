import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NearDuplicateIndex,
  candidateProbability,
  chooseBanding,
  createMinHasher,
  createOnePermutationHasher,
  estimateSimilarity,
  hashString,
  jaccard,
  jaccardOfSorted,
  normalizeForDedupe,
  shingleHashes,
  shingleSet,
  shingles,
  textSimilarity,
} from './near-duplicate';

const cjk = fc.constantFrom(...Array.from('患者的诊断是什么血红蛋白入院时住院天数出院诊断为肺炎'));
const chineseText = fc.array(cjk, { minLength: 1, maxLength: 40 }).map((chars) => chars.join(''));
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const englishText = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));

describe('normalizeForDedupe', () => {
  it('folds width, case, punctuation and spacing', () => {
    expect(normalizeForDedupe('  What IS the patient’s  Ｈｂ?? ')).toBe('what is the patient s hb');
    expect(normalizeForDedupe('患者 的 诊断，是什么？')).toBe('患者的诊断是什么');
    expect(normalizeForDedupe('患者的诊断是什么')).toBe('患者的诊断是什么');
    expect(normalizeForDedupe('Hb 135 g/L\n\tNa 140')).toBe('hb 135 g l na 140');
  });

  it('keeps symbols that change the meaning', () => {
    expect(normalizeForDedupe('CRP <5 mg/L')).not.toBe(normalizeForDedupe('CRP 5 mg/L'));
    expect(normalizeForDedupe('HBsAg +')).toBe('hbsag +');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = normalizeForDedupe(text);
        expect(normalizeForDedupe(once)).toBe(once);
      }),
    );
  });

  it('ignores added punctuation, spacing and case in English and Chinese', () => {
    const noise = fc.constantFrom('', ' ', '  ', ',', '，', '。', '?', '！', '\n');
    fc.assert(
      fc.property(
        fc.oneof(englishText, chineseText),
        fc.array(noise, { minLength: 60, maxLength: 60 }),
        (text, noises) => {
          // Noise only between characters already separated by a space, or next to Chinese.
          const noisy = Array.from(text)
            .map((char, index) =>
              char === ' ' || /\p{Script=Han}/u.test(char) ? `${noises[index] ?? ''}${char}` : char,
            )
            .join('')
            .toUpperCase();
          expect(normalizeForDedupe(noisy)).toBe(normalizeForDedupe(text));
        },
      ),
    );
  });
});

describe('shingles', () => {
  it('are the distinct runs of consecutive characters', () => {
    expect([...shingles('abcab', 2)]).toEqual(['ab', 'bc', 'ca']);
    expect([...shingles('血红蛋白', 2)]).toEqual(['血红', '红蛋', '蛋白']);
    expect([...shingles('ab', 3)]).toEqual(['ab']);
    expect(shingles('', 3).size).toBe(0);
  });

  it('never split a character outside the Basic Multilingual Plane', () => {
    expect([...shingles('𠀀𠀁a', 2)]).toEqual(['𠀀𠀁', '𠀁a']);
  });

  it('have the size asked for and hash the way the fast path does', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (text, size) => {
          const set = shingles(text, size);
          const length = Array.from(text).length;
          if (length > size) for (const item of set) expect(Array.from(item)).toHaveLength(size);
          expect(set.size).toBeLessThanOrEqual(Math.max(0, length - size + 1) || (length ? 1 : 0));
          expect(new Set(shingleHashes(text, size))).toEqual(
            new Set([...set].map((item) => hashString(item))),
          );
        },
      ),
    );
  });

  it('refuse a size below one', () => {
    expect(() => shingles('abc', 0)).toThrow(RangeError);
  });
});

describe('jaccard', () => {
  const set = fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 12 }).map((a) => new Set(a));

  it('is |A∩B| / |A∪B|', () => {
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(1);
    expect(jaccard(new Set(['a']), new Set())).toBe(0);
  });

  it('is symmetric, within [0, 1], and 1 exactly for equal sets', () => {
    fc.assert(
      fc.property(set, set, (left, right) => {
        const value = jaccard(left, right);
        expect(value).toBe(jaccard(right, left));
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        const equal = left.size === right.size && [...left].every((item) => right.has(item));
        expect(value === 1).toBe(equal);
      }),
    );
  });

  it('gives texts that differ only in form a similarity of 1', () => {
    expect(textSimilarity('患者的诊断是什么？', '患者 的 诊断是什么')).toBe(1);
    expect(textSimilarity('What is the Hb?', 'what is the hb')).toBe(1);
    expect(textSimilarity('What is the Hb?', '出院诊断为肺炎')).toBe(0);
  });
});

/** Two sets sharing `shared` items, each with items of its own. */
function overlappingSets(onlyLeft: number, shared: number, onlyRight: number, prefix: string) {
  const left = new Set<string>();
  const right = new Set<string>();
  for (let i = 0; i < shared; i++) {
    left.add(`${prefix}s${i}`);
    right.add(`${prefix}s${i}`);
  }
  for (let i = 0; i < onlyLeft; i++) left.add(`${prefix}l${i}`);
  for (let i = 0; i < onlyRight; i++) right.add(`${prefix}r${i}`);
  return [left, right] as const;
}

describe('MinHash', () => {
  const minHash = createMinHasher({ numHashes: 256, seed: 3 });

  it('gives a set the same signature whatever the order or repeats of its items', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 20 }), (items) => {
        const signature = minHash(items);
        expect(minHash([...items].reverse().concat(items))).toEqual(signature);
      }),
    );
  });

  it('estimates Jaccard similarity within a few standard errors', () => {
    // With k hashes the estimate has standard error √(J(1−J)/k) ≤ 0.031 for k = 256.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.string({ minLength: 1, maxLength: 4 }),
        (onlyLeft, shared, onlyRight, prefix) => {
          const [left, right] = overlappingSets(onlyLeft, shared, onlyRight, prefix);
          const estimate = estimateSimilarity(minHash(left), minHash(right));
          expect(Math.abs(estimate - jaccard(left, right))).toBeLessThan(0.17);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const items = ['患者的', '的诊断', 'hb ', 'b 1'];
    expect(createMinHasher({ numHashes: 16, seed: 1 })(items)).toEqual(
      createMinHasher({ numHashes: 16, seed: 1 })(items),
    );
    expect(createMinHasher({ numHashes: 16, seed: 1 })(items)).not.toEqual(
      createMinHasher({ numHashes: 16, seed: 2 })(items),
    );
  });
});

describe('one permutation hashing', () => {
  const hasher = createOnePermutationHasher({ numHashes: 256, seed: 3 });
  const hashesOf = (items: Iterable<string>) => Uint32Array.from(items, (item) => hashString(item));

  it('gives a set the same signature whatever the order or repeats of its items', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 300 }), (items) => {
        const signature = hasher(hashesOf(items));
        expect(hasher(hashesOf([...items].reverse().concat(items)))).toEqual(signature);
      }),
    );
  });

  it('estimates Jaccard similarity about as well as k permutations, small sets included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.string({ minLength: 1, maxLength: 4 }),
        (onlyLeft, shared, onlyRight, prefix) => {
          const [left, right] = overlappingSets(onlyLeft, shared, onlyRight, prefix);
          const estimate = estimateSimilarity(hasher(hashesOf(left)), hasher(hashesOf(right)));
          expect(Math.abs(estimate - jaccard(left, right))).toBeLessThan(0.17);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('fills every bin, so a one-shingle text still has a full signature, and an empty one none', () => {
    const one = hasher(hashesOf(['abc']));
    expect(new Set(one).size).toBe(1);
    expect([...one].every((value) => value !== 0xffffffff)).toBe(true);
    expect([...hasher(new Uint32Array(0))].every((value) => value === 0xffffffff)).toBe(true);
  });
});

describe('chooseBanding', () => {
  it('makes a pair at the threshold a candidate at least 95% of the time, with fewest false ones', () => {
    expect(chooseBanding(0.8, 128)).toEqual({ bands: 13, rows: 7 });
    // datasketch's equal-weight choice for the same case, 9 × 13, finds only 40% at 0.8.
    expect(candidateProbability({ bands: 9, rows: 13 }, 0.8)).toBeLessThan(0.41);
  });

  it('finds pairs at and above the threshold and few well below it, for any threshold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        fc.constantFrom(128, 256),
        (threshold, numHashes) => {
          const banding = chooseBanding(threshold, numHashes);
          expect(banding.bands * banding.rows).toBeLessThanOrEqual(numHashes);
          expect(candidateProbability(banding, threshold)).toBeGreaterThanOrEqual(0.95);
          expect(candidateProbability(banding, Math.min(1, threshold + 0.05))).toBeGreaterThan(
            0.97,
          );
          expect(candidateProbability(banding, threshold - 0.3)).toBeLessThan(0.25);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('settles for the best recall it can when too few hashes allow 95%', () => {
    const banding = chooseBanding(0.3, 2);
    expect(banding).toEqual({ bands: 2, rows: 1 });
    expect(candidateProbability(banding, 0.3)).toBeCloseTo(0.51);
  });
});

describe('sorted shingle sets', () => {
  it('give the same Jaccard similarity as sets of shingle strings', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (left, right, size) => {
          const sets = [shingleSet(left, size), shingleSet(right, size)] as const;
          for (const set of sets)
            for (let index = 1; index < set.length; index++)
              expect(set[index]).toBeGreaterThan(set[index - 1] ?? -1);
          expect(jaccardOfSorted(...sets)).toBeCloseTo(
            jaccard(shingles(left, size), shingles(right, size)),
            12,
          );
        },
      ),
    );
  });
});

describe('NearDuplicateIndex', () => {
  const unrelated = [
    'What was the hemoglobin on admission?',
    'Which antibiotic was given for the pneumonia?',
    '患者入院时的血红蛋白是多少？',
    '出院诊断是什么？',
    'How many days did the patient stay in hospital?',
    '患者住院天数是多少？',
  ];

  it('finds a reworded copy in English and in Chinese, and nothing unrelated', () => {
    const index = new NearDuplicateIndex<number>({ threshold: 0.6 });
    unrelated.forEach((text, key) => index.add(key, text));
    expect(
      index.findSimilar('what was the haemoglobin on admission').map(({ key }) => key),
    ).toEqual([0]);
    expect(index.findSimilar('患者入院时血红蛋白是多少').map(({ key }) => key)).toEqual([2]);
    expect(index.findSimilar('What is the weather tomorrow in Paris?')).toEqual([]);
  });

  it('finds every near-duplicate made by a small edit of a longer text', () => {
    const base = unrelated.join(' ');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.constantFrom('x', '号', ''),
        (position, insert) => {
          const index = new NearDuplicateIndex<string>({ threshold: 0.8 });
          index.add('base', base);
          for (const [key, text] of unrelated.entries()) index.add(String(key), text);
          const edited = base.slice(0, position) + insert + base.slice(position + 1);
          expect(textSimilarity(base, edited)).toBeGreaterThan(0.9);
          expect(index.findSimilar(edited).map(({ key }) => key)).toEqual(['base']);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('replaces a key added twice and forgets a removed one', () => {
    const index = new NearDuplicateIndex<string>({ threshold: 0.8 });
    index.add('a', unrelated[0] ?? '');
    index.add('a', unrelated[1] ?? '');
    expect(index.size).toBe(1);
    expect(index.findSimilar(unrelated[0] ?? '')).toEqual([]);
    expect(index.findSimilar(unrelated[1] ?? '').map(({ key }) => key)).toEqual(['a']);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.findSimilar(unrelated[1] ?? '')).toEqual([]);
  });

  it('keeps scanning bounded on templated text, and finds a text that holds a bucket place', () => {
    const template = (index: number) =>
      `What was the haemoglobin of patient ${index} on admission to the cardiology ward?`;
    const index = new NearDuplicateIndex<number>(
      { threshold: 0.6 },
      { maxBucketSize: 8, maxCandidates: 4 },
    );
    for (let key = 0; key < 200; key++) index.add(key, template(key));
    for (const key of [3, 150]) {
      const found = index.candidates(index.signatureOf(template(key)));
      expect(found.length).toBeLessThanOrEqual(4);
      expect(found.every(({ estimate }) => estimate > 0.5)).toBe(true);
    }
    // Key 3 came early, when the buckets had room; a late key may have none (see IndexLimits).
    expect(index.candidates(index.signatureOf(template(3)))[0]).toEqual({ key: 3, estimate: 1 });
  });

  it('refuses a signature made with other settings', () => {
    const index = new NearDuplicateIndex<string>({ numHashes: 64 });
    expect(() => index.addSignature('a', new Uint32Array(128))).toThrow(RangeError);
  });
});
