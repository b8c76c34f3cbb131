import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { isAllowed } from '../../../shared/model/permissions';
import { useServices } from '../../app/services';
import { createProject, useLive } from '../../db';
import { useSession } from '../../store/session';
import { BundleExportButton } from './BundleExportButton';
import { BundleImport } from './BundleImport';

export function ProjectsView({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const openProject = useSession((state) => state.openProject);
  const projects = useLive(() => db.projects.orderBy('createdAt').reverse().toArray(), [db]);
  const [name, setName] = useState('');
  const canCreate = isAllowed(profile.role, 'project:create');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const project = await createProject(db, profile, name);
    setName('');
    openProject(project.id);
  }

  return (
    <section className="projects">
      <h1>{t('projects.title')}</h1>
      {projects && projects.length === 0 && <p className="hint">{t('projects.empty')}</p>}
      <ul className="project-list">
        {projects?.map((project) => (
          <li key={project.id}>
            <button type="button" className="project-card" onClick={() => openProject(project.id)}>
              <strong>{project.name}</strong>
              <span className="hint">{new Date(project.createdAt).toLocaleString()}</span>
            </button>
            <BundleExportButton profile={profile} project={project} />
          </li>
        ))}
      </ul>
      {canCreate ? (
        <form className="card form inline" onSubmit={(event) => void submit(event)}>
          <label>
            {t('projects.name')}
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </label>
          <button type="submit" className="primary" disabled={name.trim() === ''}>
            {t('projects.create')}
          </button>
        </form>
      ) : (
        <p className="gate-reason">
          {t('projects.cannotCreate', { role: t(`roles.${profile.role}`) })}
        </p>
      )}
      <BundleImport profile={profile} />
    </section>
  );
}
