import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { acceptMapping, type FieldName } from '../../db';
import type { RankedSuggestion } from './use-suggestions';

interface FieldMappingCardProps {
  name: FieldName;
  suggestions: RankedSuggestion[];
  profile: Profile;
  projectId: string;
  sourceId: string;
}

export function FieldMappingCard({
  name,
  suggestions,
  profile,
  projectId,
  sourceId,
}: FieldMappingCardProps) {
  const { t, i18n } = useTranslation();
  const { db } = useServices();
  const isChinese = i18n.language === 'zh-CN';

  return (
    <article className="card field-card" aria-label={name.raw}>
      <header>
        <h3>
          <code>{name.raw}</code>
        </h3>
        {name.canonical && name.mapping ? (
          <p className="mapped-to" data-testid="mapped-to">
            → {isChinese ? name.canonical.nameZh : name.canonical.name} · {name.canonical.system}{' '}
            {name.canonical.code} ·{' '}
            {t(`mapping.status.${name.mapping.status}`, {
              version: name.mapping.dictionaryVersion,
            })}
          </p>
        ) : (
          <p className="hint">{t('mapping.unmapped')}</p>
        )}
      </header>
      {suggestions.length === 0 ? (
        <p className="hint">{t('mapping.noSuggestions')}</p>
      ) : (
        <ol className="suggestions" aria-label={t('mapping.suggestionsFor', { raw: name.raw })}>
          {suggestions.map((suggestion) => {
            const isCurrent = name.canonical?.termId === suggestion.term.id;
            return (
              <li key={suggestion.term.id}>
                <span className="term-name">
                  {suggestion.term.nameEn} · {suggestion.term.nameZh}
                </span>
                <span className="code">
                  {suggestion.term.system} {suggestion.term.code}
                </span>
                <span className="score" title={t('mapping.score')}>
                  {suggestion.score.toFixed(2)}
                </span>
                <span className="reason">{suggestion.reason}</span>
                <ActionButton
                  action="mapping:decide"
                  profile={profile}
                  disabled={isCurrent}
                  aria-label={t('mapping.acceptLabel', {
                    raw: name.raw,
                    term: suggestion.term.nameEn,
                  })}
                  onClick={() =>
                    void acceptMapping(db, profile, {
                      projectId,
                      sourceId,
                      raw: name.raw,
                      termId: suggestion.term.id,
                      score: suggestion.score,
                      reason: suggestion.reason,
                    })
                  }
                >
                  {isCurrent ? t('mapping.accepted') : t('mapping.accept')}
                </ActionButton>
              </li>
            );
          })}
        </ol>
      )}
    </article>
  );
}
