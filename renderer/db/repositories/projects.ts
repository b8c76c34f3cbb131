import { newId } from '../../../shared/model/ids';
import type { Project } from '../../../shared/model/records';
import { appendAudit, type Actor } from '../audit';
import type { TesseraDatabase } from '../database';

export async function createProject(
  db: TesseraDatabase,
  actor: Actor,
  name: string,
  now = new Date(),
): Promise<Project> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A project needs a name.');
  const project: Project = {
    id: newId('project', now),
    name: trimmed,
    createdAt: now.toISOString(),
    createdBy: actor.id,
  };
  await db.transaction('rw', db.projects, db.auditEvents, async () => {
    await db.projects.add(project);
    await appendAudit(db, actor, {
      action: 'project.create',
      entity: 'project',
      entityId: project.id,
      before: null,
      after: project,
    });
  });
  return project;
}
