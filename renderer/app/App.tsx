import { listProfiles, useLive } from '../db';
import { Welcome } from '../features/profiles/Welcome';
import { useSession } from '../store/session';
import { Shell } from './Shell';
import { useServices } from './services';

export function App() {
  const { db } = useServices();
  const profileId = useSession((state) => state.profileId);
  const profiles = useLive(() => listProfiles(db), [db]);
  if (profiles === undefined) return null;
  const profile = profiles.find((candidate) => candidate.id === profileId);
  return (
    <div className="app" data-ready="true">
      {profile ? <Shell profile={profile} profiles={profiles} /> : <Welcome profiles={profiles} />}
    </div>
  );
}
