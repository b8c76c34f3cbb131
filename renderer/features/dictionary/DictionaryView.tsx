import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { starterDictionaries } from '../../../shared/terminology/starter';
import { useServices } from '../../app/services';
import { readDictionaryVersion, searchTerms, useLive } from '../../db';
import { MappingImport } from '../terminology/MappingImport';
import { DictionaryExport } from './DictionaryExport';
import { MergePanel } from './MergePanel';
import { TermDetail } from './TermDetail';

/** Browse and search the dictionaries this workstation holds, and teach a term a synonym. */
export function DictionaryView({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const [query, setQuery] = useState('');
  const [dictionaryId, setDictionaryId] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const terms = useLive(() => searchTerms(db, query, dictionaryId), [db, query, dictionaryId]);
  const version = useLive(() => readDictionaryVersion(db), [db]);
  const selected = terms?.find((term) => term.id === selectedId) ?? terms?.[0];
  const isChinese = i18n.language === 'zh-CN';

  return (
    <section className="dictionary">
      <div className="table-toolbar">
        <h1>{t('dictionary.title')}</h1>
        <span className="hint">{t('mapping.dictionaryVersion', { version: version ?? '' })}</span>
        <span className="spacer" />
        <DictionaryExport dictionaryId={dictionaryId} />
        <MappingImport profile={profile} sourceSystem="" />
        <MergePanel profile={profile} />
      </div>
      <div className="mapping-controls">
        <label>
          {t('dictionary.search')}
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        </label>
        <label>
          {t('dictionary.which')}
          <select
            aria-label={t('dictionary.which')}
            value={dictionaryId ?? ''}
            onChange={(event) => setDictionaryId(event.target.value || null)}
          >
            <option value="">{t('dictionary.all')}</option>
            {starterDictionaries.map((dictionary) => (
              <option key={dictionary.id} value={dictionary.id}>
                {isChinese ? dictionary.nameZh : dictionary.nameEn}
              </option>
            ))}
          </select>
        </label>
        <span className="hint" data-testid="term-count">
          {t('dictionary.count', { count: terms?.length ?? 0 })}
        </span>
      </div>
      <div className="dictionary-panes">
        <ul className="term-list" aria-label={t('dictionary.terms')}>
          {terms?.map((term) => (
            <li key={term.id}>
              <button
                type="button"
                aria-pressed={term.id === selected?.id}
                onClick={() => setSelectedId(term.id)}
              >
                <strong>{isChinese ? term.nameZh : term.nameEn}</strong>
                <span className="hint">
                  {term.system} {term.code}
                  {term.status === 'deprecated' ? ` · ${t('dictionary.deprecated')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {selected && <TermDetail term={selected} profile={profile} />}
      </div>
    </section>
  );
}
