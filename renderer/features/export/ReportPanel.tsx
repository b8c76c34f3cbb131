import { useTranslation } from 'react-i18next';
import type { DatasetJobResult } from './dataset-job';
import { CurationSummary, identifierList } from './CurationSummary';
import { formatSize } from './sizes';

/** After an export: where it went, what curation did, and every file with its hash. */
export function ReportPanel({ result, location }: { result: DatasetJobResult; location: string }) {
  const { t } = useTranslation();
  const { manifest } = result;
  const files = manifest.files.length + 1;
  return (
    <section className="export-report card" aria-label={t('export.report.doneTitle')}>
      <h2>{t('export.report.doneTitle')}</h2>
      <p role="status">{t('export.report.done', { files, location })}</p>
      <CurationSummary report={result.report} questions={result.questions} />
      {result.recordIdentifiers && (
        <p>
          {t('export.report.recordsDeid', {
            list: identifierList(result.recordIdentifiers, t) || '0',
          })}
        </p>
      )}
      <table className="export-files">
        <caption>{t('export.report.manifest')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('export.report.path')}</th>
            <th scope="col">{t('export.report.rows')}</th>
            <th scope="col">{t('export.report.size')}</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {manifest.files.map((file) => (
            <tr key={file.path}>
              <td>
                <code>{file.path}</code>
              </td>
              <td>{file.rows?.toLocaleString() ?? ''}</td>
              <td>{formatSize(file.bytes)}</td>
              <td>
                <code title={file.sha256}>{file.sha256.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
