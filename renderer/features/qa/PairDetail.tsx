import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { QaPair, QaReviewPolicy, Review } from '../../../shared/model/qa';
import { evidenceKey } from '../../../shared/qa/evidence';
import { checkTransition } from '../../../shared/qa/review-rules';
import { reviewerView } from '../../../shared/qa/reviewer-view';
import type { QaEdit } from '../../../shared/qa/versions';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { editPair, submitPair } from '../../db';
import { DecisionList } from './DecisionList';
import { EvidenceView } from './EvidenceView';
import { PairEditor } from './PairEditor';
import { StateBadge } from './StateBadge';
import { VersionHistory } from './VersionHistory';

interface PairDetailProps {
  pair: QaPair;
  reviews: readonly Review[];
  policy: QaReviewPolicy;
  profile: Profile;
  names: Map<string, string>;
  onClose: () => void;
}

/** One pair in full: evidence, the decisions this person may see, its versions; drafts editable. */
export function PairDetail({ pair, reviews, policy, profile, names, onClose }: PairDetailProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [isEditing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const own = reviews.filter((review) => review.qaPairId === pair.id);
  const view = reviewerView(pair, own, profile, policy);
  const check = (action: 'edit' | 'submit') =>
    checkTransition({ pair, reviews: own, actor: profile, action, policy });
  const isDrafting = pair.state === 'draft' || pair.state === 'needs-changes';
  const canEdit = isDrafting && check('edit').ok;
  const submit = check('submit');

  async function run(work: () => Promise<unknown>) {
    try {
      await work();
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <article className="card pair-detail" aria-label={pair.question}>
      <p>
        <StateBadge state={pair.state} /> {t('review.version', { version: pair.version })} ·{' '}
        {t('review.author', { name: names.get(pair.authorId) ?? pair.authorId })}
        <button type="button" className="link close" onClick={onClose}>
          {t('qa.import.close')}
        </button>
      </p>
      {isEditing ? (
        <PairEditor
          pair={pair}
          saveLabel={t('qa.edit.save')}
          onCancel={() => setEditing(false)}
          onSave={(edit: QaEdit) =>
            void run(async () => {
              await editPair(db, profile, pair.id, edit);
              setEditing(false);
            })
          }
        />
      ) : (
        <>
          <h3 className="question">{pair.question}</h3>
          <p className="answer">{pair.answer}</p>
          {pair.notes && <p className="hint">{t('review.notes', { notes: pair.notes })}</p>}
        </>
      )}
      {isDrafting && !isEditing && (
        <div className="buttons">
          <ActionButton
            action="qa:draft"
            profile={profile}
            disabled={!canEdit}
            onClick={() => setEditing(true)}
          >
            {t('qa.edit.title')}
          </ActionButton>
          <ActionButton
            action="qa:draft"
            profile={profile}
            isReasonShown={false}
            className="primary"
            disabled={!submit.ok}
            onClick={() => void run(() => submitPair(db, profile, pair.id))}
          >
            {t('qa.submit')}
          </ActionButton>
        </div>
      )}
      {!submit.ok && submit.refusal === 'unchanged' && (
        <p className="hint">{t('qa.edit.editFirst')}</p>
      )}
      {error && <p role="alert">{error}</p>}
      <DecisionList reviews={view.reviews} names={names} isDispute={pair.state === 'disputed'} />
      {pair.evidence.map((evidence) => (
        <EvidenceView key={evidenceKey(evidence)} evidence={evidence} />
      ))}
      <VersionHistory pairId={pair.id} names={names} />
    </article>
  );
}
