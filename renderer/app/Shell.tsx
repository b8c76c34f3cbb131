import type { Profile } from '../../shared/model/people';
import { useLive } from '../db';
import { AuditView } from '../features/audit/AuditView';
import { DictionaryView } from '../features/dictionary/DictionaryView';
import { ExportView } from '../features/export/ExportView';
import { ProjectsView } from '../features/projects/ProjectsView';
import { DraftView } from '../features/qa/DraftView';
import { ReviewView } from '../features/qa/ReviewView';
import { RecordsView } from '../features/records/RecordsView';
import { ScansView } from '../features/scans/ScansView';
import { MappingView } from '../features/terminology/MappingView';
import { useSession } from '../store/session';
import { Header } from './Header';
import { useServices } from './services';

export function Shell({ profile, profiles }: { profile: Profile; profiles: Profile[] }) {
  const { db } = useServices();
  const { projectId, view } = useSession();
  const project = useLive(
    async () => (projectId ? ((await db.projects.get(projectId)) ?? null) : null),
    [db, projectId],
  );
  if (project === undefined) return null;
  return (
    <>
      <Header profile={profile} profiles={profiles} project={project} />
      <main className="view">
        {project === null || view === 'projects' ? (
          <ProjectsView profile={profile} />
        ) : view === 'records' ? (
          <RecordsView profile={profile} project={project} />
        ) : view === 'scans' ? (
          <ScansView profile={profile} project={project} />
        ) : view === 'mapping' ? (
          <MappingView profile={profile} project={project} />
        ) : view === 'qa' ? (
          <DraftView profile={profile} project={project} />
        ) : view === 'review' ? (
          <ReviewView profile={profile} project={project} />
        ) : view === 'dictionary' ? (
          <DictionaryView profile={profile} />
        ) : view === 'export' ? (
          <ExportView profile={profile} project={project} />
        ) : (
          <AuditView profile={profile} />
        )}
      </main>
    </>
  );
}
