import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/model/people';
import type { Scan, ScanPage } from '../../../shared/model/scans';
import { ActionButton } from '../../app/ActionButton';
import { useServices } from '../../app/services';
import { deleteScan } from '../../db';

interface ScanListProps {
  scans: readonly Scan[];
  pages: readonly ScanPage[];
  selectedPageId: string | null;
  onSelect: (pageId: string) => void;
  profile: Profile;
}

/** Each scan with its pages; a page shows how sure the engine was, or that it is not read yet. */
export function ScanList({ scans, pages, selectedPageId, onSelect, profile }: ScanListProps) {
  const { t } = useTranslation();
  const { db } = useServices();
  if (scans.length === 0) return <p className="hint">{t('scans.none')}</p>;
  return (
    <ul className="scan-list" aria-label={t('scans.title')}>
      {scans.map((scan) => (
        <li key={scan.id}>
          <p className="scan-name" title={scan.sha256}>
            {scan.fileName}{' '}
            <small>
              {t('scans.pages', { count: scan.pageCount })} · {scan.kind.toUpperCase()}
            </small>
          </p>
          <ol>
            {pages
              .filter((page) => page.scanId === scan.id)
              .sort((a, b) => a.page - b.page)
              .map((page) => (
                <li key={page.id}>
                  <button
                    type="button"
                    className={page.id === selectedPageId ? 'is-selected' : undefined}
                    onClick={() => onSelect(page.id)}
                  >
                    {t('scans.pageLabel', { page: page.page })}{' '}
                    <small>
                      {page.ocr === null
                        ? t('scans.unread')
                        : t('scans.confidence', { value: Math.round(page.ocr.confidence) })}
                    </small>
                  </button>
                </li>
              ))}
          </ol>
          <ActionButton
            action="source:import"
            profile={profile}
            isReasonShown={false}
            onClick={() => {
              if (window.confirm(t('scans.deleteConfirm', { file: scan.fileName }))) {
                void deleteScan(db, { id: profile.id, name: profile.name }, scan.id);
              }
            }}
          >
            {t('scans.delete')}
          </ActionButton>
        </li>
      ))}
    </ul>
  );
}
