import { useMemo, useRef } from 'react';
import type { QaPair, QaReviewPolicy, Review } from '../../../shared/model/qa';
import { useServices } from '../../app/services';
import {
  listProfiles,
  pairsChangedSince,
  readReviewPolicy,
  reviewsSince,
  useLive,
  type TesseraDatabase,
} from '../../db';
import { QaCache } from './qa-cache';

export interface ProjectQa {
  pairs: QaPair[];
  reviews: Review[];
  policy: QaReviewPolicy;
}

/**
 * A project's pairs, their reviews and its review rule, kept current as anyone changes them. After
 * the first read only what changed is read (see QaCache).
 */
export function useProjectQa(projectId: string): ProjectQa | undefined {
  const { db } = useServices();
  const cache = useRef<{ db: TesseraDatabase; cache: QaCache } | null>(null);
  return useLive(async () => {
    if (cache.current?.db !== db || cache.current.cache.projectId !== projectId) {
      cache.current = { db, cache: new QaCache(projectId) };
    }
    const current = cache.current.cache;
    const pairs = await pairsChangedSince(db, projectId, current.pairsSince);
    const reviews = await reviewsSince(db, current.reviewsSince);
    const policy = await readReviewPolicy(db, projectId);
    return { ...current.merge(pairs, reviews), policy };
  }, [db, projectId]);
}

/** Profile id → name, for saying who wrote, edited or decided. */
export function useProfileNames(): Map<string, string> {
  const { db } = useServices();
  const profiles = useLive(() => listProfiles(db), [db]);
  return useMemo(
    () => new Map((profiles ?? []).map((profile) => [profile.id, profile.name])),
    [profiles],
  );
}
