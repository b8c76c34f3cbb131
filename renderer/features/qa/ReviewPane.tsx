import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { originOf, tagsOf } from '../../../shared/model/qa';
import { evidenceKey } from '../../../shared/qa/evidence';
import { tagKeys } from '../../../shared/qa/tags';
import { DecisionBar } from './DecisionBar';
import { DecisionList } from './DecisionList';
import { EvidenceView } from './EvidenceView';
import { PairEditor } from './PairEditor';
import type { QueueItem } from './queue-items';
import { ReasonPicker } from './ReasonPicker';
import { StateBadge } from './StateBadge';
import type { ReviewSession } from './use-review-session';
import { VersionHistory } from './VersionHistory';

interface ReviewPaneProps {
  item: QueueItem;
  profile: Profile;
  names: Map<string, string>;
  session: ReviewSession;
  isTwoExpertRule: boolean;
}

/** The pair under review with its evidence beside it, the decisions one may see, and history. */
export function ReviewPane({ item, profile, names, session, isTwoExpertRule }: ReviewPaneProps) {
  const { t } = useTranslation();
  const [isHistoryShown, setHistoryShown] = useState(false);
  const { pair, reviews } = item.view;
  const { mode } = session;
  const isAuthor = item.action === 'edit';
  return (
    <div className="review-pane">
      <article className="card review-card" aria-label={pair.question} data-pair-id={pair.id}>
        <p className="review-meta">
          <StateBadge state={pair.state} />{' '}
          <span className="badge">{t(`qa.origin.${originOf(pair)}`)}</span>{' '}
          {t('review.position', { position: session.position + 1, total: session.total })} ·{' '}
          {t('review.author', { name: names.get(pair.authorId) ?? pair.authorId })} ·{' '}
          {t('review.version', { version: pair.version })}
        </p>
        {mode.kind === 'edit' ? (
          <PairEditor
            pair={pair}
            saveLabel={isAuthor ? t('review.saveResubmit') : t('review.saveApprove')}
            onSave={isAuthor ? session.editResubmit : session.editApprove}
            onCancel={() => session.setMode({ kind: 'browse' })}
          />
        ) : (
          <>
            <h2 className="question" data-testid="current-question">
              {pair.question}
            </h2>
            <p className="answer">{pair.answer}</p>
            {pair.context && <blockquote className="evidence-quote">{pair.context}</blockquote>}
            <p className="tag-line">
              {tagKeys(tagsOf(pair)).map((tag) => (
                <span key={tag} className="badge">
                  {tag}
                </span>
              ))}
            </p>
            {pair.notes && <p className="hint">{t('review.notes', { notes: pair.notes })}</p>}
          </>
        )}
        {mode.kind === 'reason' && (
          <ReasonPicker
            decision={mode.decision}
            onConfirm={(comment, reasonCode) => session.decide(mode.decision, comment, reasonCode)}
            onCancel={() => session.setMode({ kind: 'browse' })}
          />
        )}
        {mode.kind === 'browse' && <DecisionBar item={item} profile={profile} session={session} />}
        {isTwoExpertRule && pair.state === 'in-review' && !isAuthor && (
          <p className="hint">{t('review.blind')}</p>
        )}
        <DecisionList reviews={reviews} names={names} isDispute={pair.state === 'disputed'} />
        <button
          type="button"
          className="link"
          aria-expanded={isHistoryShown}
          onClick={() => setHistoryShown(!isHistoryShown)}
        >
          {t('review.history')}
        </button>
        {isHistoryShown && <VersionHistory pairId={pair.id} names={names} />}
      </article>
      <div className="review-evidence">
        {pair.evidence.length === 0 && <p className="hint">{t('review.noEvidence')}</p>}
        {pair.evidence.map((evidence) => (
          <EvidenceView key={evidenceKey(evidence)} evidence={evidence} />
        ))}
      </div>
    </div>
  );
}
