import { useTranslation } from 'react-i18next';
import { verifyChain } from '../../../shared/audit/chain';
import type { AuditEvent } from '../../../shared/model/audit';
import type { Profile } from '../../../shared/model/people';
import { useServices } from '../../app/services';
import { useLive } from '../../db';

const decisions = new Set(['qa.approve', 'qa.reject', 'qa.request-changes']);

/**
 * Under the two-expert rule an expert decides blind: another expert's decision on a pair still in
 * review is shown to experts only as "a decision", without which one, until the round closes.
 */
function isHidden(event: AuditEvent, viewer: Profile, openPairs: ReadonlySet<string>): boolean {
  return (
    viewer.role === 'clinical-expert' &&
    event.actorId !== viewer.id &&
    decisions.has(event.action) &&
    openPairs.has(event.entityId)
  );
}

export function AuditView({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const events = useLive(() => db.auditEvents.orderBy('seq').toArray(), [db]);
  const openPairs = useLive(
    async () =>
      new Set((await db.qaPairs.where('state').equals('in-review').primaryKeys()).map(String)),
    [db],
  );
  if (!events || !openPairs) return null;
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
              <td>
                {isHidden(event, profile, openPairs) ? t('audit.hiddenDecision') : event.action}
              </td>
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
