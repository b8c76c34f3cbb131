import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIssues, ipcRequestSchemas, isSafeRelativePath } from './ipc';

describe('isSafeRelativePath', () => {
  it('accepts plain relative paths and refuses escapes', () => {
    expect(isSafeRelativePath('qa/openai-chat.jsonl')).toBe(true);
    for (const path of [
      '../x',
      'a/../../b',
      '/etc/passwd',
      'C:/Windows',
      'a\\b',
      'a//b',
      './a',
      'a/\0b',
      '',
    ]) {
      expect(isSafeRelativePath(path)).toBe(false);
    }
  });

  it('never accepts a path with a ".." segment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '..', '.', ''), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const path = parts.join('/');
          if (parts.includes('..')) expect(isSafeRelativePath(path)).toBe(false);
        },
      ),
    );
  });
});

describe('IPC request schemas', () => {
  it('name the field that is wrong', () => {
    const result = ipcRequestSchemas['files:save'].safeParse({
      suggestedName: 'a.jsonl',
      filters: [],
      data: 'text',
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toContain('data: must be bytes');
  });
});
