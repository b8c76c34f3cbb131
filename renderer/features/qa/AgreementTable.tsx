import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Review } from '../../../shared/model/qa';
import { agreementSummary, type Kappa } from '../../../shared/qa/agreement';

/** Cohen's kappa between every two experts over the pairs both reviewed in this project. */
export function AgreementTable({
  reviews,
  names,
}: {
  reviews: readonly Review[];
  names: Map<string, string>;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => agreementSummary(reviews), [reviews]);
  return (
    <section className="agreement" aria-labelledby="agreement-title">
      <h2 id="agreement-title">{t('review.agreement.title')}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t('review.agreement.none')}</p>
      ) : (
        <table className="audit-table">
          <thead>
            <tr>
              <th>{t('review.agreement.reviewers')}</th>
              <th>{t('review.agreement.pairs')}</th>
              <th>{t('review.agreement.observed')}</th>
              <th>{t('review.agreement.approval')}</th>
              <th>{t('review.agreement.decisions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.reviewers.join('|')}>
                <td>{row.reviewers.map((id) => names.get(id) ?? id).join(' × ')}</td>
                <td>{row.n}</td>
                <td>{Math.round(row.decisions.observed * 100)}%</td>
                <td>{kappaText(row.approval, t)}</td>
                <td>{kappaText(row.decisions, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t('review.agreement.explain')}</p>
    </section>
  );
}

function kappaText(kappa: Kappa, t: ReturnType<typeof useTranslation>['t']): string {
  return kappa.kappa === null ? t('review.agreement.undefined') : kappa.kappa.toFixed(2);
}
