import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Profile, type Role } from '../../../shared/model/people';
import { useServices } from '../../app/services';
import { createProfile } from '../../db';

export function CreateProfileForm({ onCreated }: { onCreated: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      onCreated(await createProfile(db, name, role));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <form
      className="card form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="new-profile"
    >
      <h2 id="new-profile">{t('profile.create')}</h2>
      <label>
        {t('profile.name')}
        <input value={name} onChange={(event) => setName(event.target.value)} required autoFocus />
      </label>
      <label>
        {t('profile.role')}
        <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {roles.map((option) => (
            <option key={option} value={option}>
              {t(`roles.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{t(`roleHelp.${role}`)}</p>
      {error && <p role="alert">{error}</p>}
      <button type="submit" className="primary" disabled={name.trim() === ''}>
        {t('profile.submit')}
      </button>
    </form>
  );
}
