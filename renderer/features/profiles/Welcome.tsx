import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { useSession } from '../../store/session';
import { CreateProfileForm } from './CreateProfileForm';

/** First run, or after "new profile": choose who you are or create a local profile. */
export function Welcome({ profiles }: { profiles: Profile[] }) {
  const { t } = useTranslation();
  const signIn = useSession((state) => state.signIn);
  return (
    <main className="welcome">
      <h1>{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.lead')}</p>
      {profiles.length > 0 && (
        <section aria-labelledby="choose-profile">
          <h2 id="choose-profile">{t('welcome.choose')}</h2>
          <ul className="profile-list">
            {profiles.map((profile) => (
              <li key={profile.id}>
                <button type="button" onClick={() => signIn(profile.id)}>
                  {profile.name} · {t(`roles.${profile.role}`)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <CreateProfileForm onCreated={(profile) => signIn(profile.id)} />
    </main>
  );
}
