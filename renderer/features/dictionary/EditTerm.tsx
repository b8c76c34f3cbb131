import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Term } from '../../../shared/model/terminology';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { editTerm } from '../../db';

const joined = (items: string[]) => items.join(', ');
const split = (text: string) => text.split(/[,，;；]/);

/** Correcting a term in place: names, abbreviations, units and category. */
export function EditTerm({ term, profile }: { term: Term; profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [draft, setDraft] = useState<Record<
    'nameEn' | 'nameZh' | 'abbreviations' | 'units' | 'category',
    string
  > | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!draft) {
    return (
      <ActionButton
        action="dictionary:edit"
        profile={profile}
        onClick={() =>
          setDraft({
            nameEn: term.nameEn,
            nameZh: term.nameZh,
            abbreviations: joined(term.abbreviations),
            units: joined(term.units),
            category: term.category,
          })
        }
      >
        {t('editTerm.start')}
      </ActionButton>
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    try {
      await editTerm(db, profile, term.id, {
        ...draft,
        abbreviations: split(draft.abbreviations),
        units: split(draft.units),
      });
      setDraft(null);
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  const field = (key: keyof typeof draft, label: string) => (
    <label>
      {label}
      <input
        value={draft[key]}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      />
    </label>
  );
  return (
    <form
      className="form"
      onSubmit={(event) => void save(event)}
      aria-label={t('editTerm.title', { name: term.nameEn })}
    >
      {field('nameEn', t('newTerm.nameEn'))}
      {field('nameZh', t('newTerm.nameZh'))}
      {field('abbreviations', t('newTerm.abbreviations'))}
      {field('units', t('newTerm.units'))}
      {field('category', t('dictionary.category'))}
      {error && <p role="alert">{error}</p>}
      <div className="buttons">
        <button type="submit" className="primary">
          {t('editTerm.save')}
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          {t('mapping.bulkCancel')}
        </button>
      </div>
    </form>
  );
}
