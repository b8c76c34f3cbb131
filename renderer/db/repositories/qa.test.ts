import { beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../shared/audit/chain';
import type { Profile } from '../../../shared/model/people';
import type { QaPair, RecordEvidence } from '../../../shared/model/qa';
import { agreementSummary } from '../../../shared/qa/agreement';
import { diffVersions } from '../../../shared/qa/versions';
import type { TesseraDatabase } from '../database';
import { memoryDatabase } from '../test-database';
import { createProfile } from './profiles';
import { createProject } from './projects';
import {
  createPair,
  editPair,
  editThenApprove,
  listReviews,
  listVersions,
  pairsChangedSince,
  readReviewPolicy,
  reviewPair,
  reviewsSince,
  setReviewPolicy,
  submitPair,
} from './qa';

let db: TesseraDatabase;
let annotator: Profile;
let wang: Profile;
let liu: Profile;
let lead: Profile;
let projectId: string;

const record: RecordEvidence = {
  kind: 'record',
  sourceId: 'src-1',
  sourceName: 'ADMISSIONS.csv',
  row: 0,
  line: 2,
  fields: { SUBJECT_ID: '10006', DIAGNOSIS: 'SEPSIS' },
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 29, 9, minute));

async function submitted(author: Profile = annotator, minute = 0): Promise<QaPair> {
  return createPair(
    db,
    author,
    {
      projectId,
      question: 'What was the admitting diagnosis of patient 10006?',
      answer: 'Sepsis.',
      evidence: [record],
      tags: { department: ' ICU ', free: ['sepsis', 'sepsis'] },
      isSubmitted: true,
    },
    at(minute),
  );
}

async function auditActions(): Promise<string[]> {
  return (await db.auditEvents.orderBy('seq').toArray()).map((event) => event.action);
}

beforeEach(async () => {
  ({ db } = memoryDatabase());
  await db.open();
  annotator = await createProfile(db, 'Li Na', 'annotator');
  wang = await createProfile(db, 'Dr. Wang', 'clinical-expert');
  liu = await createProfile(db, 'Dr. Liu', 'clinical-expert');
  lead = await createProfile(db, 'Zhao Min', 'governance-lead');
  projectId = (await createProject(db, annotator, 'ICU')).id;
});

describe('writing and editing pairs', () => {
  it('keeps version 1 beside a new pair, with normalized tags, in one audited step', async () => {
    const pair = await submitted();
    expect(pair).toMatchObject({
      state: 'in-review',
      version: 1,
      origin: 'manual',
      tags: { department: 'ICU', free: ['sepsis'] },
    });
    expect(await listVersions(db, pair.id)).toEqual([
      expect.objectContaining({ id: `${pair.id}@1`, version: 1, editedBy: annotator.id }),
    ]);
    expect((await auditActions()).at(-1)).toBe('qa.create');
  });

  it('refuses a pair without evidence, and drafting by an expert', async () => {
    await expect(
      createPair(db, annotator, {
        projectId,
        question: 'Q?',
        answer: 'A.',
        evidence: [],
        isSubmitted: false,
      }),
    ).rejects.toThrow(/no-evidence/);
    await expect(
      createPair(db, wang, {
        projectId,
        question: 'Q?',
        answer: 'A.',
        evidence: [record],
        isSubmitted: false,
      }),
    ).rejects.toThrow(/cannot draft/);
    expect(await db.qaPairs.count()).toBe(0);
  });

  it('makes a version per edit, with the diff, who and when; notes alone make none', async () => {
    const pair = await createPair(db, annotator, {
      projectId,
      question: '患者血红蛋白98 g/L，是否贫血？',
      answer: '是。',
      evidence: [record],
      isSubmitted: false,
    });
    const events = await db.auditEvents.count();
    const edited = await editPair(
      db,
      annotator,
      pair.id,
      { question: '患者血红蛋白95 g/L，是否贫血？', tags: { free: ['贫血'] } },
      at(5),
    );
    expect(edited.version).toBe(2);
    const versions = await listVersions(db, pair.id);
    expect(versions.map((version) => [version.version, version.changed])).toEqual([
      [1, []],
      [2, ['question', 'tags']],
    ]);
    expect(versions[1]).toMatchObject({ editedBy: annotator.id, editedAt: at(5).toISOString() });
    expect(diffVersions(versions[0]!, versions[1]!).question).toEqual([
      { op: 'equal', text: '患者血红蛋白' },
      { op: 'delete', text: '98' },
      { op: 'insert', text: '95' },
      { op: 'equal', text: ' g/L，是否贫血？' },
    ]);

    const noted = await editPair(db, annotator, pair.id, { notes: 'Check the unit.' });
    expect(noted).toMatchObject({ version: 2, notes: 'Check the unit.' });
    expect(await listVersions(db, pair.id)).toHaveLength(2);
    // The same text again changes nothing and writes nothing.
    await editPair(db, annotator, pair.id, { question: '患者血红蛋白95 g/L，是否贫血？' });
    expect(await db.auditEvents.count()).toBe(events + 2);
    expect(await auditActions()).toEqual(expect.arrayContaining(['qa.edit']));
  });

  it('refuses to edit an approved pair or to empty its question', async () => {
    const pair = await createPair(db, annotator, {
      projectId,
      question: 'Q?',
      answer: 'A.',
      evidence: [record],
      isSubmitted: false,
    });
    await expect(editPair(db, annotator, pair.id, { question: '  ' })).rejects.toThrow(
      /question-empty/,
    );
    await submitPair(db, annotator, pair.id);
    await reviewPair(db, wang, pair.id, 'approve', '');
    await expect(editPair(db, annotator, pair.id, { answer: 'B.' })).rejects.toThrow(
      /state "approved" cannot be given "edit"/,
    );
    expect(await listVersions(db, pair.id)).toHaveLength(1);
  });
});

describe('review with one expert', () => {
  it('sends a pair back with the comment, and takes it again only after an edit', async () => {
    const pair = await submitted();
    await expect(reviewPair(db, wang, pair.id, 'request-changes', ' ')).rejects.toThrow(
      /needs a reason/,
    );
    const sentBack = await reviewPair(db, wang, pair.id, 'request-changes', 'Cite the lab value.', {
      reasonCode: 'not-supported-by-evidence',
    });
    expect(sentBack.state).toBe('needs-changes');
    expect(await listReviews(db, [pair.id])).toEqual([
      expect.objectContaining({
        decision: 'request-changes',
        comment: 'Cite the lab value.',
        reasonCode: 'not-supported-by-evidence',
        kind: 'review',
        pairVersion: 1,
      }),
    ]);
    await expect(submitPair(db, annotator, pair.id)).rejects.toThrow(/edit it before/);
    await editPair(db, annotator, pair.id, { answer: 'Sepsis (lactate 4.1 mmol/L).' });
    expect((await submitPair(db, annotator, pair.id)).state).toBe('in-review');
    // Wang decided on version 1; version 2 is new to him.
    expect((await reviewPair(db, wang, pair.id, 'approve', '')).state).toBe('approved');
  });

  it('accepts a reason from the list instead of a comment, and refuses one not on it', async () => {
    const pair = await submitted();
    await expect(
      reviewPair(db, wang, pair.id, 'reject', '', { reasonCode: 'too-long' }),
    ).rejects.toThrow(/not one of the listed reasons/);
    const rejected = await reviewPair(db, wang, pair.id, 'reject', '', {
      reasonCode: 'factually-wrong',
    });
    expect(rejected.state).toBe('rejected');
  });

  it('lets an expert edit, then approve the edited version, in one step', async () => {
    const pair = await submitted();
    const approved = await editThenApprove(db, wang, pair.id, { answer: 'Sepsis, then shock.' });
    expect(approved).toMatchObject({
      state: 'approved',
      version: 2,
      answer: 'Sepsis, then shock.',
    });
    expect((await listVersions(db, pair.id)).at(-1)).toMatchObject({
      version: 2,
      editedBy: wang.id,
      changed: ['answer'],
    });
    expect((await listReviews(db, [pair.id]))[0]).toMatchObject({ pairVersion: 2 });
    expect((await auditActions()).slice(-2)).toEqual(['qa.edit', 'qa.approve']);
  });

  it('keeps the edit out when the approval that goes with it is refused', async () => {
    const pair = await submitted();
    await setReviewPolicy(db, lead, projectId, { isTwoExpertRule: true });
    await reviewPair(db, wang, pair.id, 'approve', '');
    await editPair(db, liu, pair.id, { answer: 'Sepsis.' }); // unchanged: no new version
    await reviewPair(db, liu, pair.id, 'reject', 'Wrong.');
    const disputed = await db.qaPairs.get(pair.id);
    expect(disputed?.state).toBe('disputed');
    const events = await db.auditEvents.count();
    await expect(editThenApprove(db, wang, pair.id, { answer: 'Other.' })).rejects.toThrow();
    expect(await db.qaPairs.get(pair.id)).toEqual(disputed);
    expect(await listVersions(db, pair.id)).toHaveLength(1);
    expect(await db.auditEvents.count()).toBe(events);
  });

  it('refuses approval by anyone but a clinical expert, saying who may', async () => {
    const pair = await submitted();
    await expect(reviewPair(db, annotator, pair.id, 'approve', '')).rejects.toThrow(
      'Only a clinical expert can review pairs; Li Na is a annotator.',
    );
    await expect(reviewPair(db, lead, pair.id, 'approve', '')).rejects.toThrow(
      /Only a clinical expert/,
    );
    expect((await db.qaPairs.get(pair.id))?.state).toBe('in-review');
    expect(await db.reviews.count()).toBe(0);
  });
});

describe('the two-expert rule', () => {
  beforeEach(async () => {
    await setReviewPolicy(db, lead, projectId, { isTwoExpertRule: true });
  });

  it('is set by a governance lead only, audited once per change', async () => {
    expect(await readReviewPolicy(db, projectId)).toEqual({ isTwoExpertRule: true });
    expect(await readReviewPolicy(db, 'another-project')).toEqual({ isTwoExpertRule: false });
    await expect(setReviewPolicy(db, wang, projectId, { isTwoExpertRule: false })).rejects.toThrow(
      /Only a governance lead/,
    );
    const events = await db.auditEvents.count();
    await setReviewPolicy(db, lead, projectId, { isTwoExpertRule: true });
    expect(await db.auditEvents.count()).toBe(events);
    expect((await db.auditEvents.orderBy('seq').last())?.after).toEqual({ isTwoExpertRule: true });
  });

  it('keeps a first approval blind and approves on the second', async () => {
    const pair = await submitted();
    const afterFirst = await reviewPair(db, wang, pair.id, 'approve', '', { now: at(10) });
    // Nothing on the pair tells the next expert that someone has decided.
    expect(afterFirst).toEqual(pair);
    expect(await db.qaPairs.get(pair.id)).toEqual(pair);
    await expect(reviewPair(db, wang, pair.id, 'approve', '')).rejects.toThrow(/already decided/);
    const approved = await reviewPair(db, liu, pair.id, 'approve', '', { now: at(11) });
    expect(approved).toMatchObject({ state: 'approved', updatedAt: at(11).toISOString() });
  });

  it('sends a disagreement to a lead, who resolves it; kappa counts both experts', async () => {
    const first = await submitted(annotator, 0);
    const second = await submitted(annotator, 1);
    await reviewPair(db, wang, first.id, 'approve', '');
    await reviewPair(db, liu, first.id, 'reject', 'Not in the record.', {
      reasonCode: 'not-supported-by-evidence',
    });
    await reviewPair(db, wang, second.id, 'approve', '');
    await reviewPair(db, liu, second.id, 'approve', '');
    expect((await db.qaPairs.get(first.id))?.state).toBe('disputed');

    await expect(reviewPair(db, wang, first.id, 'approve', '')).rejects.toThrow(
      /Only a governance lead can settle a dispute/,
    );
    const resolved = await reviewPair(db, lead, first.id, 'reject', 'Liu is right.');
    expect(resolved.state).toBe('rejected');
    const reviews = await listReviews(db, [first.id, second.id]);
    expect(reviews.map((review) => review.kind)).toEqual([
      'review',
      'review',
      'review',
      'review',
      'resolution',
    ]);
    expect((await auditActions()).at(-1)).toBe('qa.resolve');
    const [agreement] = agreementSummary(reviews);
    expect(agreement).toMatchObject({ n: 2, approval: { observed: 0.5 } });
  });

  it('never lets a lead resolve a dispute over a pair the lead wrote', async () => {
    const pair = await submitted(lead);
    await reviewPair(db, wang, pair.id, 'approve', '');
    await reviewPair(db, liu, pair.id, 'request-changes', 'Too vague.');
    expect((await db.qaPairs.get(pair.id))?.state).toBe('disputed');
    await expect(reviewPair(db, lead, pair.id, 'approve', '')).rejects.toThrow(
      /Nobody reviews or resolves a pair they wrote/,
    );
  });
});

describe('reading what changed', () => {
  it('gives the pairs changed and the reviews made since a time, blind decisions included', async () => {
    await setReviewPolicy(db, lead, projectId, { isTwoExpertRule: true });
    const untouched = await submitted(annotator, 0);
    const decided = await submitted(annotator, 1);
    expect((await pairsChangedSince(db, projectId, '')).map((pair) => pair.id).sort()).toEqual(
      [untouched.id, decided.id].sort(),
    );
    await reviewPair(db, wang, decided.id, 'approve', '', { now: at(20) });
    // A first blind decision leaves the pair as it was: only the review is new.
    expect(await pairsChangedSince(db, projectId, at(20).toISOString())).toEqual([]);
    expect(await reviewsSince(db, at(20).toISOString())).toEqual([
      expect.objectContaining({ qaPairId: decided.id, reviewerId: wang.id }),
    ]);
    await reviewPair(db, liu, decided.id, 'approve', '', { now: at(30) });
    expect(await pairsChangedSince(db, projectId, at(30).toISOString())).toEqual([
      expect.objectContaining({ id: decided.id, state: 'approved' }),
    ]);
    expect(await pairsChangedSince(db, 'another-project', '')).toEqual([]);
  });
});

describe('the audit trail of a pair', () => {
  it('holds one event per step and an intact chain', async () => {
    const before = await db.auditEvents.count();
    const pair = await createPair(db, annotator, {
      projectId,
      question: 'Q?',
      answer: 'A.',
      evidence: [record],
      isSubmitted: false,
    });
    await editPair(db, annotator, pair.id, { answer: 'A!' });
    await submitPair(db, annotator, pair.id);
    await reviewPair(db, wang, pair.id, 'approve', '');
    expect((await auditActions()).slice(before)).toEqual([
      'qa.create',
      'qa.edit',
      'qa.submit',
      'qa.approve',
    ]);
    expect(verifyChain(await db.auditEvents.orderBy('seq').toArray())).toBeNull();
  });
});
