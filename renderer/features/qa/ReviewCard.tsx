import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { QaPair, ReviewDecision } from '../../../shared/model/qa';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { reviewPair } from '../../db';
import { EvidenceView } from './EvidenceView';

export function ReviewCard({ pair, profile }: { pair: QaPair; profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: ReviewDecision) {
    try {
      await reviewPair(db, profile, pair.id, decision, comment);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <article className="card review-card" aria-label={pair.question}>
      <h2 className="question">{pair.question}</h2>
      <p className="answer">{pair.answer}</p>
      {pair.evidence.map((evidence) => (
        <EvidenceView key={`${evidence.sourceId}:${evidence.row}`} evidence={evidence} />
      ))}
      <label>
        {t('review.comment')}
        <input value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      <div className="buttons">
        <ActionButton
          action="qa:review"
          profile={profile}
          className="primary"
          onClick={() => void decide('approve')}
        >
          {t('review.approve')}
        </ActionButton>
        <ActionButton
          action="qa:review"
          profile={profile}
          isReasonShown={false}
          disabled={comment.trim() === ''}
          onClick={() => void decide('request-changes')}
        >
          {t('review.requestChanges')}
        </ActionButton>
        <ActionButton
          action="qa:review"
          profile={profile}
          isReasonShown={false}
          disabled={comment.trim() === ''}
          onClick={() => void decide('reject')}
        >
          {t('review.reject')}
        </ActionButton>
      </div>
      {error && <p role="alert">{error}</p>}
    </article>
  );
}
