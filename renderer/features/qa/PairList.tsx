import { useTranslation } from 'react-i18next';
import { useServices } from '../../app/services';
import { useLive } from '../../db';
import { StateBadge } from './StateBadge';

export function PairList({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const pairs = useLive(
    () => db.qaPairs.where('projectId').equals(projectId).reverse().sortBy('createdAt'),
    [db, projectId],
  );
  return (
    <section className="pair-list" aria-labelledby="pairs-title">
      <h2 id="pairs-title">{t('qa.pairs', { count: pairs?.length ?? 0 })}</h2>
      <ul>
        {pairs?.map((pair) => (
          <li key={pair.id} className="card">
            <StateBadge state={pair.state} />
            <p className="question">{pair.question}</p>
            <p className="answer">{pair.answer}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
