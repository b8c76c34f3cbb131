import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { QaReviewPolicy } from '../../../shared/model/qa';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { setReviewPolicy } from '../../db';

interface TwoExpertToggleProps {
  profile: Profile;
  projectId: string;
  policy: QaReviewPolicy;
}

/** Whether pairs need two experts' blind approval; a governance lead turns it on and off. */
export function TwoExpertToggle({ profile, projectId, policy }: TwoExpertToggleProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [error, setError] = useState<string | null>(null);
  const isOn = policy.isTwoExpertRule;
  return (
    <span className="two-expert">
      <ActionButton
        action="qa:resolve"
        profile={profile}
        isReasonShown={false}
        aria-pressed={isOn}
        onClick={() =>
          void setReviewPolicy(db, profile, projectId, { isTwoExpertRule: !isOn }).then(
            () => setError(null),
            (failure: unknown) =>
              setError(failure instanceof Error ? failure.message : String(failure)),
          )
        }
      >
        {t('review.twoExpertRule')}
      </ActionButton>
      <span className="hint" data-testid="review-rule">
        {isOn ? t('review.ruleTwo') : t('review.ruleOne')}
      </span>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
