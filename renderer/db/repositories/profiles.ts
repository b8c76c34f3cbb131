import { newId } from '../../../shared/model/ids';
import type { Profile, Role } from '../../../shared/model/people';
import { appendAudit } from '../audit';
import type { TesseraDatabase } from '../database';

export async function createProfile(
  db: TesseraDatabase,
  name: string,
  role: Role,
  now = new Date(),
): Promise<Profile> {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('A profile needs a name.');
  const profile: Profile = {
    id: newId('user', now),
    name: trimmed,
    role,
    createdAt: now.toISOString(),
  };
  await db.transaction('rw', db.profiles, db.auditEvents, async () => {
    await db.profiles.add(profile);
    await appendAudit(db, profile, {
      action: 'profile.create',
      entity: 'profile',
      entityId: profile.id,
      before: null,
      after: profile,
    });
  });
  return profile;
}

export function listProfiles(db: TesseraDatabase): Promise<Profile[]> {
  return db.profiles.orderBy('name').toArray();
}
