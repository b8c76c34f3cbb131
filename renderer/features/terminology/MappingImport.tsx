import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { useLive } from '../../db';
import { useMappingImport } from './use-mapping-import';

/** How many planned synonyms are listed by name; the rest are counted. */
const listed = 50;

interface MappingImportProps {
  profile: Profile;
  /** The system the synonyms hold for unless the person changes it; '' for every system. */
  sourceSystem: string;
}

/**
 * Mappings made elsewhere (SSSOM TSV, FHIR ConceptMap) taught to the dictionary as synonyms,
 * after a preview of what becomes a synonym, what the dictionary lacks and what conflicts.
 */
export function MappingImport({ profile, sourceSystem }: MappingImportProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const { state, pick, scopeTo, apply, cancel } = useMappingImport(profile, sourceSystem, {
    done: (count, file, version) => t('mapping.imported', { count, file, version }),
  });
  const { plan, message } = state;
  const terms = useLive(() => db.terms.toArray(), [db]);
  const nameOf = (id: string) => terms?.find((term) => term.id === id)?.nameEn ?? id;

  return (
    <span className="dictionary-export">
      <ActionButton action="dictionary:edit" profile={profile} onClick={() => void pick()}>
        {t('mapping.import')}
      </ActionButton>
      {message && <span role={message.isError ? 'alert' : 'status'}>{message.text}</span>}
      {plan && (
        <div
          className="bulk-preview card merge-panel"
          role="dialog"
          aria-label={t('mapping.importTitle', { file: plan.fileName })}
        >
          <h2>{t('mapping.importTitle', { file: plan.fileName })}</h2>
          <p data-testid="mapping-import-summary">
            {t('mapping.importSummary', {
              read: plan.read,
              synonyms: plan.synonyms.length,
              known: plan.known.length,
              conflicts: plan.conflicts.length,
              unknown: plan.unknownTargets.length,
              notAccepted: plan.notAccepted,
            })}
          </p>
          <label>
            {t('mapping.importSystem')}
            <input
              value={state.sourceSystem}
              onChange={(event) => void scopeTo(event.target.value)}
            />
          </label>
          {plan.synonyms.length > 0 && (
            <ul aria-label={t('mapping.importSynonyms')}>
              {plan.synonyms.slice(0, listed).map((synonym) => (
                <li key={`${synonym.termId}:${synonym.raw}`}>
                  {t('mapping.importSynonym', { raw: synonym.raw, term: nameOf(synonym.termId) })}
                  {synonym.sourceSystem
                    ? ` · ${t('mapping.forSystem', { system: synonym.sourceSystem })}`
                    : ''}
                </li>
              ))}
            </ul>
          )}
          {plan.unknownTargets.length > 0 && (
            <ul aria-label={t('mapping.importUnknown')} className="hint">
              {plan.unknownTargets.map((unknown, index) => (
                <li key={index}>
                  {unknown.line === null
                    ? t('mapping.unknownTarget', { raw: unknown.raw, reason: unknown.reason })
                    : t('mapping.unknownTargetAt', {
                        line: unknown.line,
                        raw: unknown.raw,
                        reason: unknown.reason,
                      })}
                </li>
              ))}
            </ul>
          )}
          {plan.conflicts.length > 0 && (
            <ul aria-label={t('mapping.importConflicts')} className="hint">
              {plan.conflicts.map((conflict) => (
                <li key={`${conflict.termId}:${conflict.raw}`}>
                  {t('mapping.importConflict', {
                    raw: conflict.raw,
                    term: nameOf(conflict.termId),
                    other: nameOf(conflict.otherTermId),
                  })}
                </li>
              ))}
            </ul>
          )}
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={plan.synonyms.length === 0}
              onClick={() => void apply()}
            >
              {t('mapping.importConfirm', { count: plan.synonyms.length })}
            </button>
            <button type="button" onClick={cancel}>
              {t('mapping.bulkCancel')}
            </button>
          </div>
        </div>
      )}
    </span>
  );
}
