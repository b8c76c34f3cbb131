import { useTranslation } from 'react-i18next';
import type { Scan, ScanPage } from '../../../shared/model/scans';

interface ScanListProps {
  scans: readonly Scan[];
  pages: readonly ScanPage[];
  selectedPageId: string | null;
  onSelect: (pageId: string) => void;
}

/** Each scan with its pages; a page shows how sure the engine was, or that it is not read yet. */
export function ScanList({ scans, pages, selectedPageId, onSelect }: ScanListProps) {
  const { t } = useTranslation();
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
        </li>
      ))}
    </ul>
  );
}
