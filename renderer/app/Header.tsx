import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/model/people';
import type { Project } from '../../shared/model/records';
import { ProfileSwitcher } from '../features/profiles/ProfileSwitcher';
import { useSession, views } from '../store/session';
import { LanguageSwitch } from './LanguageSwitch';
import { useAppInfo } from './use-app-info';

interface HeaderProps {
  profile: Profile;
  profiles: Profile[];
  project: Project | null;
}

export function Header({ profile, profiles, project }: HeaderProps) {
  const { t } = useTranslation();
  const view = useSession((state) => state.view);
  const show = useSession((state) => state.show);
  const info = useAppInfo();
  return (
    <header className="header">
      <span className="brand" title={info ? t('header.about', { ...info }) : undefined}>
        Tessera
      </span>
      {project && (
        <span className="project-name" title={t('header.project')}>
          {project.name}
        </span>
      )}
      <nav aria-label={t('header.navigation')}>
        {views
          .filter((name) => project !== null || name === 'projects')
          .map((name) => (
            <button
              key={name}
              type="button"
              className="nav-tab"
              aria-current={view === name ? 'page' : undefined}
              onClick={() => show(name)}
            >
              {t(`nav.${name}`)}
            </button>
          ))}
      </nav>
      <span className="spacer" />
      <LanguageSwitch />
      <ProfileSwitcher profile={profile} profiles={profiles} />
    </header>
  );
}
