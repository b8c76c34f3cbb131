import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { addSynonym, termHistory, useLive } from '../../db';
import { DeprecateTerm } from './DeprecateTerm';
import { EditTerm } from './EditTerm';

export function TermDetail({ term, profile }: { term: Term; profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const people = useLive(() => db.profiles.toArray(), [db]);
  const nameOf = (id: string) => people?.find((person) => person.id === id)?.name ?? id;
  const history = useLive(() => termHistory(db, term.id), [db, term.id, term.updatedAt]);
  const replacement = useLive(
    async () => (term.replacedBy ? ((await db.terms.get(term.replacedBy)) ?? null) : null),
    [db, term.replacedBy],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await addSynonym(db, profile, term.id, text);
      setText('');
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <article className="card term-detail" aria-label={term.nameEn}>
      <h2>
        {term.nameEn} · {term.nameZh}
      </h2>
      <dl className="source-details">
        <dt>{t('dictionary.code')}</dt>
        <dd>
          {term.system} {term.code}
        </dd>
        <dt>{t('dictionary.status')}</dt>
        <dd data-testid="term-status">
          {term.status === 'deprecated'
            ? replacement
              ? t('dictionary.replacedBy', {
                  name: replacement.nameEn,
                  code: `${replacement.system} ${replacement.code}`,
                })
              : t('dictionary.deprecated')
            : t('dictionary.active')}
        </dd>
        <dt>{t('dictionary.abbreviations')}</dt>
        <dd>{term.abbreviations.join(' · ') || '—'}</dd>
        <dt>{t('dictionary.synonyms')}</dt>
        <dd>{term.synonyms.join(' · ') || '—'}</dd>
        <dt>{t('dictionary.units')}</dt>
        <dd>{term.units.join(' · ') || '—'}</dd>
        <dt>{t('dictionary.category')}</dt>
        <dd>
          {term.category}
          {term.specimen ? ` · ${term.specimen}` : ''}
        </dd>
      </dl>
      <h3>{t('dictionary.learned')}</h3>
      {term.learned.length === 0 ? (
        <p className="hint">{t('dictionary.noLearned')}</p>
      ) : (
        <ul className="learned-list">
          {term.learned.map((learned) => (
            <li key={`${learned.text}:${learned.sourceSystem ?? ''}:${learned.addedAt}`}>
              <code>{learned.text}</code>{' '}
              {learned.sourceSystem && (
                <span className="badge">
                  {t('dictionary.onlyFor', { system: learned.sourceSystem })}
                </span>
              )}{' '}
              <span className="hint">
                {t('dictionary.learnedBy', {
                  who: nameOf(learned.addedBy),
                  when: new Date(learned.addedAt).toLocaleString(),
                })}
                {provenance(learned.sourceId, t)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="form inline" onSubmit={(event) => void submit(event)}>
        <label>
          {t('dictionary.newSynonym')}
          <input value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <ActionButton
          action="dictionary:edit"
          profile={profile}
          type="submit"
          disabled={text.trim() === ''}
        >
          {t('dictionary.addSynonym')}
        </ActionButton>
      </form>
      {error && <p role="alert">{error}</p>}
      <details className="term-history">
        <summary>{t('dictionary.history', { count: history?.length ?? 0 })}</summary>
        <ol aria-label={t('dictionary.historyLabel', { name: term.nameEn })}>
          {history?.map((entry) => (
            <li key={entry.seq}>
              <code>{entry.action}</code> · {entry.actorName} ·{' '}
              {new Date(entry.at).toLocaleString()}
              {entry.synonyms.map((synonym) => (
                <span key={`${synonym.text}:${synonym.sourceSystem ?? ''}`}>
                  {' · '}
                  <code>{synonym.text}</code>
                  {synonym.sourceSystem
                    ? ` (${t('dictionary.onlyFor', { system: synonym.sourceSystem })})`
                    : ''}
                </span>
              ))}
            </li>
          ))}
        </ol>
      </details>
      {term.status === 'active' && <EditTerm key={term.id} term={term} profile={profile} />}
      {term.status === 'active' && <DeprecateTerm term={term} profile={profile} />}
    </article>
  );
}

/** Where a learned synonym came from, when it was not a mapping made here: a file or a merge. */
function provenance(
  sourceId: string | undefined,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (sourceId?.startsWith('mappings:'))
    return ` · ${t('dictionary.fromMappingFile', { file: sourceId.slice('mappings:'.length) })}`;
  if (sourceId?.startsWith('merge:'))
    return ` · ${t('dictionary.fromMerge', { file: sourceId.slice('merge:'.length) })}`;
  return '';
}
