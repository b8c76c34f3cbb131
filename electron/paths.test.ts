import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStrictlyInside } from './paths';

describe('isStrictlyInside', () => {
  const root = path.resolve('/data/app');

  it('accepts descendants, including names that start with dots', () => {
    expect(isStrictlyInside(root, path.join(root, 'a.txt'))).toBe(true);
    expect(isStrictlyInside(root, path.join(root, 'a', 'b', 'c'))).toBe(true);
    expect(isStrictlyInside(root, path.join(root, '..hidden'))).toBe(true);
  });

  it('refuses the root itself, its parent, siblings sharing a prefix and anything else', () => {
    expect(isStrictlyInside(root, root)).toBe(false);
    expect(isStrictlyInside(root, path.resolve('/data'))).toBe(false);
    expect(isStrictlyInside(root, path.resolve('/data/app-other/x'))).toBe(false);
    expect(isStrictlyInside(root, path.join(root, '..', 'x'))).toBe(false);
    expect(isStrictlyInside(root, path.resolve('/etc/passwd'))).toBe(false);
  });
});
