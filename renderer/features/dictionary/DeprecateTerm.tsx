import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { deprecateTerm, useLive } from '../../db';

/** Retiring a term: a governance lead picks its successor from the same dictionary, or none. */
export function DeprecateTerm({ term, profile }: { term: Term; profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [isOpen, setOpen] = useState(false);
  const [replacement, setReplacement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const candidates = useLive(
    async () =>
      (await db.terms.where('dictionaryId').equals(term.dictionaryId).toArray())
        .filter((candidate) => candidate.status === 'active' && candidate.id !== term.id)
        .sort((left, right) => left.nameEn.localeCompare(right.nameEn)),
    [db, term.dictionaryId, term.id],
  );

  if (!isOpen) {
    return (
      <ActionButton action="dictionary:deprecate" profile={profile} onClick={() => setOpen(true)}>
        {t('deprecate.start')}
      </ActionButton>
    );
  }

  async function confirm() {
    try {
      await deprecateTerm(db, profile, term.id, replacement === '' ? null : replacement);
      setOpen(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <div className="buttons">
      <label>
        {t('deprecate.replacement')}
        <select value={replacement} onChange={(event) => setReplacement(event.target.value)}>
          <option value="">{t('deprecate.none')}</option>
          {candidates?.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.nameEn} · {candidate.system} {candidate.code}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="danger" onClick={() => void confirm()}>
        {t('deprecate.confirm')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('mapping.bulkCancel')}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
