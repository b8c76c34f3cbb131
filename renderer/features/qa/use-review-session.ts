import { useCallback, useMemo, useState } from 'react';
import type { Profile } from '../../../shared/model/people';
import type { ReviewDecision } from '../../../shared/model/qa';
import { moveInQueue, nextAfterLeaving } from '../../../shared/qa/queue';
import type { QaEdit } from '../../../shared/qa/versions';
import { useServices } from '../../app/services';
import { editPair, editThenApprove, reviewPair, submitPair } from '../../db';
import { walkOrder, type QueueItem } from './queue-items';

export type ReviewMode =
  | { kind: 'browse' }
  | { kind: 'edit' }
  | { kind: 'reason'; decision: Exclude<ReviewDecision, 'approve'> };

export interface ReviewSession {
  current: QueueItem | null;
  /** Position of the current pair in the walk, from 0, and the walk's length. */
  position: number;
  total: number;
  ids: readonly string[];
  mode: ReviewMode;
  error: string | null;
  setMode: (mode: ReviewMode) => void;
  select: (id: string) => void;
  move: (direction: 'next' | 'previous') => void;
  skip: () => void;
  decide: (decision: ReviewDecision, comment: string, reasonCode?: string) => void;
  editApprove: (edit: QaEdit) => void;
  editResubmit: (edit: QaEdit) => void;
}

/**
 * One person's pass through their queue. A decided pair leaves at once and the next one shows
 * while the decision is written, so the next pair never waits for the database; if the write is
 * refused the pair comes back with the reason.
 */
export function useReviewSession(items: readonly QueueItem[], profile: Profile): ReviewSession {
  const { db } = useServices();
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [left, setLeft] = useState<ReadonlyMap<string, number>>(new Map());
  const [skipped, setSkipped] = useState<readonly string[]>([]);
  const [mode, setMode] = useState<ReviewMode>({ kind: 'browse' });
  const [error, setError] = useState<string | null>(null);

  const ids = useMemo(() => walkOrder(items, left, skipped), [items, left, skipped]);
  const byId = useMemo(() => new Map(items.map((item) => [item.view.pair.id, item])), [items]);
  const positions = useMemo(() => new Map(ids.map((id, index) => [id, index])), [ids]);
  const shownId = currentId !== null && positions.has(currentId) ? currentId : (ids[0] ?? null);
  const current = shownId === null ? null : (byId.get(shownId) ?? null);

  const select = useCallback((id: string) => {
    setCurrentId(id);
    setMode({ kind: 'browse' });
  }, []);
  const move = useCallback(
    (direction: 'next' | 'previous') => setCurrentId(moveInQueue(ids, shownId, direction)),
    [ids, shownId],
  );

  const leave = useCallback(
    (work: () => Promise<unknown>) => {
      if (!current) return;
      const pair = current.view.pair;
      setCurrentId(
        nextAfterLeaving(
          ids,
          ids.filter((id) => id !== pair.id),
          pair.id,
        ),
      );
      setLeft((before) => new Map(before).set(pair.id, pair.version));
      setMode({ kind: 'browse' });
      setError(null);
      work().catch((failure: unknown) => {
        setLeft((before) => {
          const after = new Map(before);
          after.delete(pair.id);
          return after;
        });
        setCurrentId(pair.id);
        setError(failure instanceof Error ? failure.message : String(failure));
      });
    },
    [current, ids],
  );

  return {
    current,
    position: shownId === null ? -1 : (positions.get(shownId) ?? -1),
    total: ids.length,
    ids,
    mode,
    error,
    setMode,
    select,
    move,
    skip: () => {
      if (shownId === null) return;
      const next = moveInQueue(ids, shownId, 'next');
      setSkipped((before) => [...before.filter((id) => id !== shownId), shownId]);
      setCurrentId(next === shownId ? null : next);
    },
    decide: (decision, comment, reasonCode) => {
      const pairId = current?.view.pair.id;
      if (pairId === undefined) return;
      leave(() =>
        reviewPair(db, profile, pairId, decision, comment, reasonCode ? { reasonCode } : {}),
      );
    },
    editApprove: (edit) => {
      const pairId = current?.view.pair.id;
      if (pairId !== undefined) leave(() => editThenApprove(db, profile, pairId, edit));
    },
    editResubmit: (edit) => {
      const pairId = current?.view.pair.id;
      if (pairId === undefined) return;
      leave(async () => {
        await editPair(db, profile, pairId, edit);
        await submitPair(db, profile, pairId);
      });
    },
  };
}
