import { useTranslation } from 'react-i18next';
import { verifyChain } from '../../../shared/audit/chain';
import { useServices } from '../../app/services';
import { useLive } from '../../db';

export function AuditView() {
  const { t } = useTranslation();
  const { db } = useServices();
  const events = useLive(() => db.auditEvents.orderBy('seq').toArray(), [db]);
  if (!events) return null;
  const chainBreak = verifyChain(events);
  return (
    <section className="audit">
      <div className="table-toolbar">
        <h1>{t('audit.title')}</h1>
        <span role="status" className={chainBreak ? 'error' : 'ok'}>
          {chainBreak
            ? t('audit.broken', { seq: chainBreak.seq ?? '?' })
            : t('audit.intact', { count: events.length })}
        </span>
      </div>
      <table className="audit-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
          </tr>
        </thead>
        <tbody>
          {[...events].reverse().map((event) => (
            <tr key={event.seq}>
              <td>{event.seq}</td>
              <td>{new Date(event.at).toLocaleString()}</td>
              <td>{event.actorName}</td>
              <td>{event.action}</td>
              <td>
                {event.entity} <code>{event.entityId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
