import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { useSession } from '../../store/session';

const newProfile = '__new__';

export function ProfileSwitcher({ profile, profiles }: { profile: Profile; profiles: Profile[] }) {
  const { t } = useTranslation();
  const signIn = useSession((state) => state.signIn);
  const signOut = () => useSession.setState({ profileId: null });
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('header.profile')}</span>
      <select
        aria-label={t('header.profile')}
        value={profile.id}
        onChange={(event) =>
          event.target.value === newProfile ? signOut() : signIn(event.target.value)
        }
      >
        {profiles.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name} · {t(`roles.${option.role}`)}
          </option>
        ))}
        <option value={newProfile}>{t('header.newProfile')}</option>
      </select>
    </label>
  );
}
