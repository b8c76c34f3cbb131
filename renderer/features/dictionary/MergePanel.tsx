import { useTranslation } from 'react-i18next';
import type { MergeConflict } from '../../../shared/terminology/merge';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import { useMerge } from './use-merge';

/** Merging another workstation's dictionary: what is new, what conflicts, and the lead's choices. */
export function MergePanel({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { state, pick, decide, apply, cancel } = useMerge(profile, {
    empty: t('merge.nothing'),
    done: (changed) => t('merge.done', { count: changed }),
  });
  const { plan, decisions, message } = state;
  const undecided = plan ? plan.conflicts.filter((conflict) => !decisions[conflict.id]).length : 0;

  return (
    <>
      <ActionButton action="dictionary:merge" profile={profile} onClick={() => void pick()}>
        {t('merge.start')}
      </ActionButton>
      {message && <span role={message.isError ? 'alert' : 'status'}>{message.text}</span>}
      {plan && (
        <div
          className="bulk-preview card merge-panel"
          role="dialog"
          aria-label={t('merge.title', { source: plan.source })}
        >
          <h2>{t('merge.title', { source: plan.source })}</h2>
          <p>
            {t('merge.summary', {
              terms: plan.newTerms.length,
              synonyms: plan.newSynonyms.length,
              conflicts: plan.conflicts.length,
            })}
          </p>
          {plan.newSynonyms.length > 0 && (
            <ul className="hint">
              {plan.newSynonyms.slice(0, 50).map((synonym) => (
                <li
                  key={`${synonym.termId}:${synonym.text}:${synonym.learned?.sourceSystem ?? ''}`}
                >
                  {t('merge.newSynonym', { text: synonym.text, term: synonym.termId })}
                  {synonym.learned?.sourceSystem
                    ? ` (${t('dictionary.onlyFor', { system: synonym.learned.sourceSystem })})`
                    : ''}
                </li>
              ))}
            </ul>
          )}
          {plan.conflicts.map((conflict) => (
            <fieldset key={conflict.id} className="conflict">
              <legend>
                {describeConflict(conflict, t)}
                {conflict.kind === 'synonym' && conflict.sourceSystem
                  ? ` (${t('dictionary.onlyFor', { system: conflict.sourceSystem })})`
                  : ''}
              </legend>
              {conflict.options.map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name={conflict.id}
                    checked={decisions[conflict.id] === option}
                    onChange={() => decide(conflict.id, option)}
                  />
                  {t(`merge.choices.${option}`)}
                </label>
              ))}
            </fieldset>
          ))}
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={undecided > 0}
              onClick={() => void apply()}
            >
              {undecided > 0 ? t('merge.undecided', { count: undecided }) : t('merge.apply')}
            </button>
            <button type="button" onClick={cancel}>
              {t('mapping.bulkCancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}

function describeConflict(
  conflict: MergeConflict,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (conflict.kind === 'name') {
    return t('merge.nameConflict', {
      code: `${conflict.system} ${conflict.code}`,
      local: `${conflict.local.nameEn} / ${conflict.local.nameZh}`,
      incoming: `${conflict.incoming.nameEn} / ${conflict.incoming.nameZh}`,
    });
  }
  return t('merge.synonymConflict', {
    text: conflict.incoming.text,
    local: conflict.local.map((place) => place.termId).join(', '),
    incoming: conflict.incoming.termId,
  });
}
