import { useTranslation } from 'react-i18next';
import type { QaDraft } from '../../../shared/model/qa';
import { tagKeys } from '../../../shared/qa/tags';

/** How many the preview lists; the counts above it cover everything. */
const shownDrafts = 5;

interface DraftPreviewProps {
  result: { drafts: readonly QaDraft[]; skipped: readonly { line: number; reason: string }[] };
  /** Where skipped rows are: an import file's lines, or the records' lines. */
  skippedLabel?: (entry: { line: number; reason: string }) => string;
}

/** The first drafts a file or a template gives, with what was left out and why. */
export function DraftPreview({ result, skippedLabel }: DraftPreviewProps) {
  const { t } = useTranslation();
  const { drafts, skipped } = result;
  return (
    <div className="draft-preview">
      <p data-testid="draft-counts">
        {t('qa.preview.counts', { count: drafts.length, skipped: skipped.length })}
      </p>
      {skipped.length > 0 && (
        <ul className="skipped-list">
          {skipped.slice(0, 20).map((entry) => (
            <li key={`${entry.line}:${entry.reason}`}>
              {skippedLabel
                ? skippedLabel(entry)
                : t('qa.preview.skipped', { line: entry.line, reason: entry.reason })}
            </li>
          ))}
        </ul>
      )}
      {drafts.length > 0 && (
        <table className="audit-table" aria-label={t('qa.preview.title')}>
          <thead>
            <tr>
              <th>{t('qa.question')}</th>
              <th>{t('qa.answer')}</th>
              <th>{t('qa.tags.title')}</th>
            </tr>
          </thead>
          <tbody>
            {drafts.slice(0, shownDrafts).map((draft, index) => (
              <tr key={index}>
                <td>{draft.question}</td>
                <td className="clamped">{draft.answer}</td>
                <td>{tagKeys(draft.tags).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
