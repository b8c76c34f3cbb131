import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIssues, ipcRequestSchemas, isSafeRelativePath, maxChunkBytes } from './ipc';

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

  it('bound a streamed chunk and name what is wrong with it', () => {
    const writerId = '5b0a4f4e-8d6c-4b43-9b8e-2f1c3d4e5f60';
    const write = ipcRequestSchemas['folder:write'];
    expect(
      write.safeParse({ writerId, path: 'data/train.jsonl', data: new Uint8Array(8), isNew: true })
        .success,
    ).toBe(true);
    const big = write.safeParse({
      writerId,
      path: 'train.jsonl',
      data: new Uint8Array(maxChunkBytes + 1),
      isNew: false,
    });
    expect(big.success).toBe(false);
    if (!big.success) expect(describeIssues(big.error)).toContain('data: must be at most');
    const forged = write.safeParse({
      writerId: 'x',
      path: 'a',
      data: new Uint8Array(),
      isNew: true,
    });
    if (!forged.success) expect(describeIssues(forged.error)).toContain('writerId');
    expect(forged.success).toBe(false);
  });
});
