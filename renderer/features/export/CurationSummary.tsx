import { useTranslation } from 'react-i18next';
import { identifierTypes, type IdentifierCounts } from '../../../shared/deid/types';
import type { CurationReport } from '../../../shared/export/curate';
import { listedDrops, type DroppedQuestions } from './dataset-job';

export function identifierList(
  counts: IdentifierCounts,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  return identifierTypes
    .filter((type) => counts[type] > 0)
    .map((type) =>
      t('export.report.typeCount', { type: t(`export.types.${type}`), count: counts[type] }),
    )
    .join(t('export.report.listSeparator'));
}

/** What curation did, the same for the preview and the finished export. */
export function CurationSummary({
  report,
  questions,
}: {
  report: CurationReport;
  questions: DroppedQuestions;
}) {
  const { t } = useTranslation();
  const dropped = report.dedupe?.dropped ?? [];
  const exact = dropped.filter((drop) => drop.reason === 'exact').length;
  const { leakage, deidentification } = report;
  return (
    <div className="curation-summary">
      <p>{t('export.report.input', { count: report.input, filtered: report.filtered })}</p>
      <p data-testid="split-counts">
        {t('export.report.splits', { ...report.counts })} ·{' '}
        {t('export.report.groups', { count: report.groups })}
      </p>
      {report.dedupe && (
        <div>
          <p>
            {t('export.report.dropped', { exact, near: dropped.length - exact })}
            {deidentification && dropped.length > 0 && ` ${t('export.report.judgedAfterDeid')}`}
          </p>
          {dropped.length > 0 && (
            <ul className="drop-list">
              {dropped.slice(0, listedDrops).map((drop) => (
                <li key={drop.id}>
                  <q>{questions[drop.id] ?? drop.id}</q>{' '}
                  {t('export.report.dropLine', {
                    kept: questions[drop.keptId] ?? drop.keptId,
                    reason: t(`export.report.reason.${drop.reason}`),
                    similarity: drop.similarity.toFixed(2),
                  })}
                </li>
              ))}
              {dropped.length > listedDrops && (
                <li className="hint">
                  {t('export.report.more', { count: dropped.length - listedDrops })}
                </li>
              )}
            </ul>
          )}
        </div>
      )}
      <p data-testid="leakage">
        {t(
          leakage.nearRepeats === 'removed-by-dedupe'
            ? 'export.report.leakageAfterDedupe'
            : 'export.report.leakage',
          {
            near: leakage.nearDuplicates.length,
            threshold: leakage.threshold.toFixed(2),
            groups: leakage.sharedGroups.length,
          },
        )}
      </p>
      {deidentification && (
        <p data-testid="deid-counts">
          {identifierList(deidentification.counts, t) === ''
            ? t('export.report.deidNone')
            : t('export.report.deid', { list: identifierList(deidentification.counts, t) })}
        </p>
      )}
    </div>
  );
}
