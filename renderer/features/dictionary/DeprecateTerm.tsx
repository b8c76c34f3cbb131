import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { deprecateTerm, mergeTerms, useLive } from '../../db';

/**
 * Retiring a term: a governance lead deprecates it (with a successor from the same dictionary, or
 * none), or merges it into a term that means the same, which takes its names and mappings.
 */
export function DeprecateTerm({ term, profile }: { term: Term; profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [mode, setMode] = useState<'closed' | 'deprecate' | 'merge'>('closed');
  const [replacement, setReplacement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const candidates = useLive(
    async () =>
      (await db.terms.where('dictionaryId').equals(term.dictionaryId).toArray())
        .filter((candidate) => candidate.status === 'active' && candidate.id !== term.id)
        .sort((left, right) => left.nameEn.localeCompare(right.nameEn)),
    [db, term.dictionaryId, term.id],
  );

  if (mode === 'closed') {
    return (
      <div className="buttons">
        <ActionButton
          action="dictionary:deprecate"
          profile={profile}
          onClick={() => setMode('deprecate')}
        >
          {t('deprecate.start')}
        </ActionButton>
        <ActionButton
          action="dictionary:deprecate"
          profile={profile}
          isReasonShown={false}
          onClick={() => setMode('merge')}
        >
          {t('deprecate.mergeStart')}
        </ActionButton>
      </div>
    );
  }

  async function confirm() {
    try {
      if (mode === 'merge') {
        if (replacement === '') return;
        await mergeTerms(db, profile, replacement, term.id);
      } else {
        await deprecateTerm(db, profile, term.id, replacement === '' ? null : replacement);
      }
      setMode('closed');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <div className="buttons">
      <label>
        {mode === 'merge' ? t('deprecate.mergeInto') : t('deprecate.replacement')}
        <select value={replacement} onChange={(event) => setReplacement(event.target.value)}>
          <option value="">{mode === 'merge' ? t('deprecate.choose') : t('deprecate.none')}</option>
          {candidates?.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.nameEn} · {candidate.system} {candidate.code}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="danger"
        disabled={mode === 'merge' && replacement === ''}
        onClick={() => void confirm()}
      >
        {mode === 'merge' ? t('deprecate.mergeConfirm') : t('deprecate.confirm')}
      </button>
      <button type="button" onClick={() => setMode('closed')}>
        {t('mapping.bulkCancel')}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
