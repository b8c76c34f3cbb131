import './qa.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Project } from '../../../shared/model/records';
import type { QueueFilter } from '../../../shared/qa/queue';
import { AgreementTable } from './AgreementTable';
import { QueueFilters } from './QueueFilters';
import { QueueList } from './QueueList';
import { queueItems } from './queue-items';
import { RecentDecisions } from './RecentDecisions';
import { ReviewPane } from './ReviewPane';
import { TwoExpertToggle } from './TwoExpertToggle';
import { useProfileNames, useProjectQa } from './use-project-qa';
import { useReviewSession } from './use-review-session';

/**
 * The review queue, keyboard-first: J and K move, A approves, E edits then approves, R rejects
 * and C asks for changes (each with a reason), S skips. Leads resolve disputes here; authors
 * find the pairs sent back to them.
 */
export function ReviewView({ profile, project }: { profile: Profile; project: Project }) {
  // Another person, or another project, starts a pass of their own.
  return <ReviewScreen key={`${profile.id}:${project.id}`} profile={profile} project={project} />;
}

function ReviewScreen({ profile, project }: { profile: Profile; project: Project }) {
  const { t } = useTranslation();
  const data = useProjectQa(project.id);
  const names = useProfileNames();
  const [filter, setFilter] = useState<QueueFilter>({});
  const viewer = useMemo(
    () => ({ id: profile.id, role: profile.role }),
    [profile.id, profile.role],
  );
  const items = useMemo(
    () => (data ? queueItems(data.pairs, data.reviews, viewer, data.policy, filter) : []),
    [data, viewer, filter],
  );
  const session = useReviewSession(items, profile);
  const root = useRef<HTMLElement>(null);
  const isLoaded = data !== undefined;
  const currentId = session.current?.view.pair.id;
  const modeKind = session.mode.kind;
  // The keys work from anywhere in the section: when the pane that held the focus is replaced by
  // the next pair, or an editor closes, the focus comes back to the section.
  useEffect(() => {
    const section = root.current;
    if (isLoaded && modeKind === 'browse' && !section?.contains(document.activeElement)) {
      section?.focus();
    }
  }, [isLoaded, modeKind, currentId]);

  function key(event: KeyboardEvent) {
    if (session.mode.kind !== 'browse' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof Element && event.target.closest('input, textarea, select')) return;
    const item = session.current;
    const isDeciding = item?.action === 'approve';
    const canEdit = isDeciding ? item?.view.pair.state === 'in-review' : item?.action === 'edit';
    const actions: Record<string, () => void> = {
      j: () => session.move('next'),
      k: () => session.move('previous'),
      s: session.skip,
      a: () => isDeciding && session.decide('approve', ''),
      e: () => canEdit && session.setMode({ kind: 'edit' }),
      r: () => isDeciding && session.setMode({ kind: 'reason', decision: 'reject' }),
      c: () => isDeciding && session.setMode({ kind: 'reason', decision: 'request-changes' }),
    };
    const action = actions[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    action();
  }

  if (!data) return null;
  return (
    <section
      className="review"
      ref={root}
      tabIndex={-1}
      onKeyDown={key}
      aria-labelledby="review-title"
    >
      <header className="review-toolbar">
        <h1 id="review-title">{t('review.title', { count: session.total })}</h1>
        <TwoExpertToggle profile={profile} projectId={project.id} policy={data.policy} />
        <QueueFilters pairs={data.pairs} names={names} filter={filter} onChange={setFilter} />
      </header>
      {session.error && <p role="alert">{session.error}</p>}
      <div className="review-body">
        <aside className="review-side">
          <QueueList
            items={items}
            ids={session.ids}
            currentId={session.current?.view.pair.id ?? null}
            onSelect={session.select}
          />
          <AgreementTable reviews={data.reviews} names={names} />
          <RecentDecisions pairs={data.pairs} reviews={data.reviews} viewerId={profile.id} />
        </aside>
        {session.current ? (
          <ReviewPane
            key={session.current.view.pair.id}
            item={session.current}
            profile={profile}
            names={names}
            session={session}
            isTwoExpertRule={data.policy.isTwoExpertRule}
          />
        ) : (
          <p className="hint">{t('review.empty')}</p>
        )}
      </div>
    </section>
  );
}
