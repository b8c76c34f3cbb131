import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDraftFile } from '../../../shared/qa/import/file';
import { SyncedQuestionIndex } from './question-index';

const questions = importDraftFile(
  'drafts-zh.csv',
  new Uint8Array(readFileSync('test/fixtures/qa/drafts-zh.csv')),
  'lenient',
).drafts.map((draft, index) => ({ id: `qa-${index}`, question: draft.question }));

describe('SyncedQuestionIndex', () => {
  it('follows added, edited and removed questions', () => {
    const synced = new SyncedQuestionIndex();
    const check = synced.sync(questions);
    expect(synced.size).toBe(3);
    expect(check('血红蛋白98 g/L的成年男性是否贫血？')).toEqual([
      { pairId: 'qa-0', kind: 'exact', similarity: 1 },
    ]);
    const edited = questions.map((entry) =>
      entry.id === 'qa-0' ? { ...entry, question: '血红蛋白95 g/L的成年男性是否贫血？' } : entry,
    );
    const after = synced.sync(edited.slice(0, 2));
    expect(synced.size).toBe(2);
    expect(after('血红蛋白98 g/L的成年男性是否贫血？')).toEqual([
      expect.objectContaining({ pairId: 'qa-0', kind: 'near' }),
    ]);
    expect(after(questions[2]!.question)).toEqual([]);
  });
});
