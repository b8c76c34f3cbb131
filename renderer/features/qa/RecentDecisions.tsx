import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaPair, Review } from '../../../shared/model/qa';
import { StateBadge } from './StateBadge';

const shown = 8;

interface RecentDecisionsProps {
  pairs: readonly QaPair[];
  reviews: readonly Review[];
  viewerId: string;
}

/** This person's latest decisions and where each pair stands now. */
export function RecentDecisions({ pairs, reviews, viewerId }: RecentDecisionsProps) {
  const { t } = useTranslation();
  const recent = useMemo(() => {
    const byId = new Map(pairs.map((pair) => [pair.id, pair]));
    return reviews
      .filter((review) => review.reviewerId === viewerId)
      .slice(-shown)
      .reverse()
      .flatMap((review) => {
        const pair = byId.get(review.qaPairId);
        return pair ? [{ review, pair }] : [];
      });
  }, [pairs, reviews, viewerId]);
  if (recent.length === 0) return null;
  return (
    <section className="pair-list" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('review.recent')}</h2>
      <ul>
        {recent.map(({ review, pair }) => (
          <li key={review.id} className="card">
            <StateBadge state={pair.state} />{' '}
            <span className="hint">
              {t(`review.decided.${review.decision}`, { version: review.pairVersion })}
            </span>
            <p className="question">{pair.question}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
