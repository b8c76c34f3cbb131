import { useTranslation } from 'react-i18next';
import { reviewKindOf, type Review } from '../../../shared/model/qa';
import { isReviewReason } from '../../../shared/qa/reasons';

interface DecisionListProps {
  /** Only the decisions this person may see (blind under the two-expert rule). */
  reviews: readonly Review[];
  names: Map<string, string>;
  isDispute: boolean;
}

/** Who decided what on which version, with their reason and comment. */
export function DecisionList({ reviews, names, isDispute }: DecisionListProps) {
  const { t, i18n } = useTranslation();
  if (reviews.length === 0) return null;
  return (
    <section className="decision-list" aria-label={t('review.decisions')}>
      <h3>{isDispute ? t('review.dispute') : t('review.decisions')}</h3>
      <ul>
        {reviews.map((review) => (
          <li key={review.id} className={`decision decision-${review.decision}`}>
            <strong>{names.get(review.reviewerId) ?? review.reviewerId}</strong>{' '}
            {t(
              reviewKindOf(review) === 'resolution'
                ? `review.resolved.${review.decision}`
                : `review.decided.${review.decision}`,
              { version: review.pairVersion },
            )}
            {review.reasonCode && isReviewReason(review.reasonCode) && (
              <> · {t(`qa.reason.${review.reasonCode}`)}</>
            )}
            {review.comment && <> · “{review.comment}”</>}{' '}
            <span className="hint">{new Date(review.at).toLocaleString(i18n.language)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
