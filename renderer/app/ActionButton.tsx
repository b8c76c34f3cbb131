import type { ButtonHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/model/people';
import { isAllowed, rolesAllowed, type Action } from '../../shared/model/permissions';

interface ActionButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  action: Action;
  profile: Profile;
  /** Off for the second and later buttons of a group, so the reason is read once. */
  isReasonShown?: boolean;
}

/** A button that only the roles allowed to do its action can press; others are told why. */
export function ActionButton({
  action,
  profile,
  disabled,
  children,
  isReasonShown = true,
  ...rest
}: ActionButtonProps) {
  const { t } = useTranslation();
  const isPermitted = isAllowed(profile.role, action);
  const reason = isPermitted
    ? null
    : t('gate.reason', {
        roles: rolesAllowed(action)
          .map((role) => t(`roles.${role}`))
          .join(t('gate.or')),
        role: t(`roles.${profile.role}`),
      });
  return (
    <span className="action">
      <button
        type="button"
        {...rest}
        disabled={disabled === true || !isPermitted}
        title={reason ?? undefined}
      >
        {children}
      </button>
      {reason && isReasonShown && <span className="gate-reason">{reason}</span>}
    </span>
  );
}
