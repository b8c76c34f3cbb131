import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import type { QueueItem } from './queue-items';
import type { ReviewSession } from './use-review-session';

/**
 * The decisions on the current pair, each with its key. An expert reviews, a lead resolves a
 * dispute, an author reworks a pair sent back; anyone else sees the controls disabled and why.
 */
export function DecisionBar({
  item,
  profile,
  session,
}: {
  item: QueueItem;
  profile: Profile;
  session: ReviewSession;
}) {
  const { t } = useTranslation();
  const { pair } = item.view;
  if (item.action === 'edit') {
    return (
      <div className="buttons decision-bar">
        <ActionButton
          action="qa:draft"
          profile={profile}
          className="primary"
          aria-keyshortcuts="E"
          onClick={() => session.setMode({ kind: 'edit' })}
        >
          {t('review.rework')} <kbd aria-hidden="true">E</kbd>
        </ActionButton>
        <button type="button" aria-keyshortcuts="S" onClick={session.skip}>
          {t('review.skip')} <kbd aria-hidden="true">S</kbd>
        </button>
      </div>
    );
  }
  const action = pair.state === 'disputed' ? 'qa:resolve' : 'qa:review';
  const isDisabled = item.action === null;
  return (
    <div className="buttons decision-bar">
      <ActionButton
        action={action}
        profile={profile}
        className="primary"
        disabled={isDisabled}
        aria-keyshortcuts="A"
        onClick={() => session.decide('approve', '')}
      >
        {t('review.approve')} <kbd aria-hidden="true">A</kbd>
      </ActionButton>
      {pair.state === 'in-review' && (
        <ActionButton
          action={action}
          profile={profile}
          isReasonShown={false}
          disabled={isDisabled}
          aria-keyshortcuts="E"
          onClick={() => session.setMode({ kind: 'edit' })}
        >
          {t('review.edit')} <kbd aria-hidden="true">E</kbd>
        </ActionButton>
      )}
      <ActionButton
        action={action}
        profile={profile}
        isReasonShown={false}
        disabled={isDisabled}
        aria-keyshortcuts="R"
        onClick={() => session.setMode({ kind: 'reason', decision: 'reject' })}
      >
        {t('review.reject')} <kbd aria-hidden="true">R</kbd>
      </ActionButton>
      <ActionButton
        action={action}
        profile={profile}
        isReasonShown={false}
        disabled={isDisabled}
        aria-keyshortcuts="C"
        onClick={() => session.setMode({ kind: 'reason', decision: 'request-changes' })}
      >
        {t('review.requestChanges')} <kbd aria-hidden="true">C</kbd>
      </ActionButton>
      <button type="button" aria-keyshortcuts="S" onClick={session.skip}>
        {t('review.skip')} <kbd aria-hidden="true">S</kbd>
      </button>
    </div>
  );
}
