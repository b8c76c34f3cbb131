import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Source } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { setSourceSystem } from '../../db';

/**
 * The system a source came from ("LIS-A"), read from the file where it says (HL7 MSH-3) and
 * named or corrected here: synonyms and decisions made for one system hold for its files only.
 */
export function SourceListSystem({ source, profile }: { source: Source; profile: Profile }) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [draft, setDraft] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ isError: boolean; text: string } | null>(null);
  const label = source.sourceSystem ?? '';

  async function save(event: FormEvent) {
    event.preventDefault();
    if (draft === null) return;
    try {
      const { automaticMappings } = await setSourceSystem(db, profile, source.id, draft);
      setDraft(null);
      setOutcome({
        isError: false,
        text: t('sources.systemSaved', { count: automaticMappings.length }),
      });
    } catch (error) {
      setOutcome({ isError: true, text: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <>
      <dt>{t('sources.system')}</dt>
      <dd>
        {draft === null ? (
          <>
            <span data-testid="source-system">{label || t('sources.noSystem')}</span>{' '}
            <ActionButton
              action="source:import"
              profile={profile}
              aria-label={t('sources.editSystemLabel')}
              onClick={() => {
                setDraft(label);
                setOutcome(null);
              }}
            >
              {t('sources.editSystem')}
            </ActionButton>
          </>
        ) : (
          <form className="form inline" onSubmit={(event) => void save(event)}>
            <input
              aria-label={t('sources.system')}
              value={draft}
              placeholder={t('sources.systemPlaceholder')}
              autoFocus
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" className="primary">
              {t('sources.saveSystem')}
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('sources.keep')}
            </button>
          </form>
        )}
        {outcome && <span role={outcome.isError ? 'alert' : 'status'}>{outcome.text}</span>}
      </dd>
    </>
  );
}
