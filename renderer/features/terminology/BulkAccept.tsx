import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isMapped } from '../../../shared/model/mapping';
import type { Profile } from '../../../shared/model/people';
import type { Source } from '../../../shared/model/records';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { acceptMappings } from '../../db';
import type { MappingItem } from './MappingView';

interface BulkAcceptProps {
  scope: string;
  items: MappingItem[];
  threshold: number;
  profile: Profile;
  projectId: string;
  source: Source;
  /** Accept for the source's system only (the screen's toggle). */
  isForSourceSystem: boolean;
}

/** Accepting many at once always goes through a preview of exactly what will change. */
export function BulkAccept({
  scope,
  items,
  threshold,
  profile,
  projectId,
  source,
  isForSourceSystem,
}: BulkAcceptProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  const [isPreviewing, setPreviewing] = useState(false);
  const candidates = items.flatMap((item) => {
    const top = item.suggestions[0];
    const status = item.name.mapping?.status;
    if (!top || top.score < threshold || (status && isMapped(status))) return [];
    return [{ raw: item.name.raw, top }];
  });

  async function confirm() {
    await acceptMappings(
      db,
      profile,
      candidates.map(({ raw, top }) => ({
        projectId,
        sourceId: source.id,
        raw,
        scope,
        sourceSystem: source.sourceSystem ?? '',
        isForSourceSystem,
        termId: top.term.id,
        score: top.score,
        reason: top.reason,
      })),
    );
    setPreviewing(false);
  }

  return (
    <>
      <ActionButton
        action="mapping:decide"
        profile={profile}
        disabled={candidates.length === 0}
        onClick={() => setPreviewing(true)}
      >
        {t('mapping.bulk', { count: candidates.length, threshold: threshold.toFixed(2) })}
      </ActionButton>
      {isPreviewing && (
        <div className="bulk-preview card" role="dialog" aria-label={t('mapping.bulkTitle')}>
          <h2>{t('mapping.bulkTitle')}</h2>
          {isForSourceSystem && (
            <p>{t('mapping.forSystem', { system: source.sourceSystem ?? '' })}</p>
          )}
          <ul>
            {candidates.map(({ raw, top }) => (
              <li key={raw}>
                <code>{raw}</code> → {top.term.nameEn} ({top.term.system} {top.term.code}) ·{' '}
                {top.score.toFixed(2)}
              </li>
            ))}
          </ul>
          <div className="buttons">
            <button type="button" className="primary" onClick={() => void confirm()}>
              {t('mapping.bulkConfirm', { count: candidates.length })}
            </button>
            <button type="button" onClick={() => setPreviewing(false)}>
              {t('mapping.bulkCancel')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
