import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { qaStates, type QaState } from '../../../shared/model/qa';
import { dashboard } from '../../../shared/qa/dashboard';
import { AgreementTable } from './AgreementTable';
import { BarChart, type BarRow } from './BarChart';
import { DayChart } from './DayChart';
import type { ProjectQa } from './use-project-qa';

/** The days the throughput chart shows, ending with the last day that saw work. */
const shownDays = 30;
/** The tags the chart shows, most used first. */
const shownTags = 12;

/** The project's progress: pairs per state, decisions per reviewer, tags, and work per day. */
export function DashboardView({ data, names }: { data: ProjectQa; names: Map<string, string> }) {
  const { t } = useTranslation();
  const board = useMemo(
    () =>
      dashboard(data.pairs, data.reviews, {
        utcOffsetMinutes: -new Date().getTimezoneOffset(),
      }),
    [data],
  );
  const stateRows: BarRow[] = qaStates.map((state) => ({
    label: t(`qa.state.${state}`),
    segments: [
      { name: t(`qa.state.${state}`), value: board.byState[state], className: `fill-${state}` },
    ],
  }));
  const reviewerRows: BarRow[] = board.byReviewer.map((counts) => ({
    label: names.get(counts.reviewerId) ?? counts.reviewerId,
    segments: [
      { name: t('dashboard.approve'), value: counts.approve, className: 'fill-approved' },
      { name: t('dashboard.reject'), value: counts.reject, className: 'fill-rejected' },
      {
        name: t('dashboard.requestChanges'),
        value: counts.requestChanges,
        className: 'fill-needs-changes',
      },
    ],
  }));
  const tagStates: QaState[] = ['approved', 'in-review', 'draft', 'rejected'];
  const tagRows: BarRow[] = board.byTag.slice(0, shownTags).map((counts) => {
    const listed = tagStates.map((state) => ({
      name: t(`qa.state.${state}`),
      value: counts.byState[state],
      className: `fill-${state}`,
    }));
    const other = counts.total - listed.reduce((sum, segment) => sum + segment.value, 0);
    return {
      label: counts.tag,
      segments: [
        ...listed,
        { name: t('dashboard.otherStates'), value: other, className: 'fill-other' },
      ],
    };
  });
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title', { count: board.total })}</h1>
      <div className="chart-grid">
        <BarChart title={t('dashboard.byState')} rows={stateRows} />
        {reviewerRows.length > 0 ? (
          <BarChart title={t('dashboard.byReviewer')} rows={reviewerRows} />
        ) : (
          <p className="hint">{t('dashboard.noReviews')}</p>
        )}
        {board.byReviewer.some((counts) => counts.resolutions > 0) && (
          <BarChart
            title={t('dashboard.resolutions')}
            rows={board.byReviewer
              .filter((counts) => counts.resolutions > 0)
              .map((counts) => ({
                label: names.get(counts.reviewerId) ?? counts.reviewerId,
                segments: [
                  {
                    name: t('dashboard.resolutions'),
                    value: counts.resolutions,
                    className: 'fill-disputed',
                  },
                ],
              }))}
          />
        )}
        {tagRows.length > 0 && <BarChart title={t('dashboard.byTag')} rows={tagRows} />}
        <DayChart
          title={t('dashboard.perDay')}
          days={board.perDay.slice(-shownDays)}
          names={{
            created: t('dashboard.created'),
            decisions: t('dashboard.decisions'),
            approved: t('dashboard.approved'),
          }}
        />
        <AgreementTable reviews={data.reviews} names={names} />
      </div>
      <p className="hint">{t('dashboard.untagged', { count: board.untagged })}</p>
    </section>
  );
}
