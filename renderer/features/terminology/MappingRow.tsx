import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import { ActionButton } from '../../app/ActionButton';
import type { MappingItem } from './MappingView';
import type { RankedSuggestion } from './use-suggestions';

interface MappingRowProps {
  item: MappingItem;
  isFocused: boolean;
  profile: Profile;
  onFocus: () => void;
  onAccept: (suggestion: RankedSuggestion) => void;
}

export function MappingRow({ item, isFocused, profile, onFocus, onAccept }: MappingRowProps) {
  const { t, i18n } = useTranslation();
  const { name, suggestions, occurrences } = item;
  const isChinese = i18n.language === 'zh-CN';
  const status = name.mapping?.status;
  const scopeNote = name.mapping?.sourceSystem
    ? ` · ${t('mapping.forSystem', { system: name.mapping.sourceSystem })}`
    : '';
  return (
    <article
      id={`mapping-${name.raw}`}
      role="option"
      aria-selected={isFocused}
      aria-label={name.raw}
      className={isFocused ? 'card mapping-row is-focused' : 'card mapping-row'}
      onClick={onFocus}
    >
      <header>
        <h3>
          <code>{name.raw}</code>
        </h3>
        <span className="hint">{t('mapping.occurrences', { count: occurrences })}</span>
        {status && (
          <span className={`badge mapping-${status}`}>{t(`mapping.statusBadge.${status}`)}</span>
        )}
      </header>
      {name.canonical && name.mapping ? (
        <p className="mapped-to" data-testid="mapped-to">
          → {isChinese ? name.canonical.nameZh : name.canonical.name} · {name.canonical.system}{' '}
          {name.canonical.code} ·{' '}
          {t(`mapping.status.${name.mapping.status}`, { version: name.mapping.dictionaryVersion })}
          {scopeNote}
        </p>
      ) : (
        <p className="hint">
          {status
            ? t(`mapping.status.${status}`, { version: name.mapping?.dictionaryVersion }) +
              scopeNote
            : t('mapping.unmapped')}
        </p>
      )}
      {suggestions.length === 0 ? (
        <p className="hint">{t('mapping.noSuggestions')}</p>
      ) : (
        <ol className="suggestions" aria-label={t('mapping.suggestionsFor', { raw: name.raw })}>
          {suggestions.map((suggestion, index) => {
            const isCurrent = name.canonical?.termId === suggestion.term.id;
            return (
              <li key={suggestion.term.id}>
                <kbd className="pick-key">{index + 1}</kbd>
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
                  isReasonShown={index === 0}
                  disabled={isCurrent}
                  aria-label={t('mapping.acceptLabel', {
                    raw: name.raw,
                    term: suggestion.term.nameEn,
                  })}
                  onClick={(event) => {
                    event.stopPropagation();
                    onAccept(suggestion);
                  }}
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
