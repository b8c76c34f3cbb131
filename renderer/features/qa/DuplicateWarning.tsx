import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QaPair } from '../../../shared/model/qa';
import type { DuplicateCheck } from './question-index';
import { StateBadge } from './StateBadge';

interface DuplicateWarningProps {
  question: string;
  check: DuplicateCheck;
  pairs: ReadonlyMap<string, QaPair>;
  /** The pair being edited, which does not duplicate itself. */
  excludeId?: string;
}

/**
 * Questions of the project that the one being typed repeats, exactly or nearly, each shown so the
 * person can judge. Checked on a deferred copy of the text, so typing never waits for it.
 */
export function DuplicateWarning({ question, check, pairs, excludeId }: DuplicateWarningProps) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(question);
  const matches = useMemo(
    () => check(deferred, { limit: 3, ...(excludeId ? { excludeId } : {}) }),
    [check, deferred, excludeId],
  );
  if (matches.length === 0) return null;
  return (
    <div className="warning duplicates" role="status" aria-label={t('qa.duplicates.title')}>
      <p>{t('qa.duplicates.title')}</p>
      <ul>
        {matches.map((match) => {
          const pair = pairs.get(match.pairId);
          if (!pair) return null;
          return (
            <li key={match.pairId}>
              {match.kind === 'exact'
                ? t('qa.duplicates.exact')
                : t('qa.duplicates.near', { percent: Math.round(match.similarity * 100) })}{' '}
              <StateBadge state={pair.state} /> <q>{pair.question}</q>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
