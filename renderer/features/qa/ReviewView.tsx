import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import { useServices } from '../../app/services';
import { useLive } from '../../db';
import { PairList } from './PairList';
import { ReviewCard } from './ReviewCard';

export function ReviewView({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const queue = useLive(
    () => db.qaPairs.where({ projectId: project.id, state: 'in-review' }).sortBy('createdAt'),
    [db, project.id],
  );
  return (
    <section className="qa">
      <div>
        <h1>{t('review.title', { count: queue?.length ?? 0 })}</h1>
        {queue?.length === 0 && <p className="hint">{t('review.empty')}</p>}
        {queue?.map((pair) => (
          <ReviewCard key={pair.id} pair={pair} profile={profile} />
        ))}
      </div>
      <PairList projectId={project.id} />
    </section>
  );
}
