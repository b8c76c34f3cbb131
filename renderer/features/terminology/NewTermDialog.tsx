import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Term } from '../../../shared/model/terminology';
import { starterDictionaries } from '../../../shared/terminology/starter';

export interface NewTermDraft {
  dictionaryId: string;
  code: string;
  nameEn: string;
  nameZh: string;
  abbreviations: string;
  units: string;
}

interface NewTermDialogProps {
  raw: string;
  /** The dictionary of the best suggestion, where a new term most likely belongs. */
  dictionaryId: string;
  onCreate: (draft: NewTermDraft) => Promise<Term>;
  onClose: () => void;
}

/** "N" on the mapping screen: a new term prefilled from the raw name, mapped once created. */
export function NewTermDialog({ raw, dictionaryId, onCreate, onClose }: NewTermDialogProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<NewTermDraft>({
    dictionaryId,
    code: `LOCAL-${raw
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)}`,
    nameEn: raw,
    nameZh: '',
    abbreviations: '',
    units: '',
  });
  const [error, setError] = useState<string | null>(null);
  const field = (key: keyof NewTermDraft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) =>
      setDraft({ ...draft, [key]: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await onCreate(draft);
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <form
      className="bulk-preview card form"
      role="dialog"
      aria-label={t('newTerm.title', { raw })}
      onSubmit={(event) => void submit(event)}
    >
      <h2>{t('newTerm.title', { raw })}</h2>
      <label>
        {t('dictionary.which')}
        <select {...field('dictionaryId')}>
          {starterDictionaries.map((dictionary) => (
            <option key={dictionary.id} value={dictionary.id}>
              {dictionary.nameEn} · {dictionary.nameZh}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('newTerm.code')}
        <input {...field('code')} required />
      </label>
      <label>
        {t('newTerm.nameEn')}
        <input {...field('nameEn')} required autoFocus />
      </label>
      <label>
        {t('newTerm.nameZh')}
        <input {...field('nameZh')} />
      </label>
      <label>
        {t('newTerm.abbreviations')}
        <input {...field('abbreviations')} />
      </label>
      <label>
        {t('newTerm.units')}
        <input {...field('units')} />
      </label>
      {error && <p role="alert">{error}</p>}
      <div className="buttons">
        <button type="submit" className="primary">
          {t('newTerm.create')}
        </button>
        <button type="button" onClick={onClose}>
          {t('mapping.bulkCancel')}
        </button>
      </div>
    </form>
  );
}
