import type { DayCounts } from '../../../shared/qa/dashboard';

const height = 160;
const plotTop = 12;
const plotBottom = 132;
const leftAxis = 32;
const columnWidth = 30;
const minWidth = 420;

type Series = 'created' | 'decisions' | 'approved';
const series: readonly Series[] = ['created', 'decisions', 'approved'];

/** Throughput per day as grouped columns: pairs written, decisions made, pairs approved. */
export function DayChart({
  title,
  days,
  names,
}: {
  title: string;
  days: readonly DayCounts[];
  names: Record<Series, string>;
}) {
  const max = Math.max(1, ...days.flatMap((day) => series.map((name) => day[name])));
  const scale = (plotBottom - plotTop) / max;
  // A few days still get a chart of reasonable proportions rather than one stretched column.
  const width = Math.max(minWidth, leftAxis + days.length * columnWidth + 8);
  const barWidth = (columnWidth - 6) / series.length;
  const labelEvery = Math.ceil(days.length / 10);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <svg
        className="day-chart"
        viewBox={`0 0 ${width} ${height}`}
        style={{ maxWidth: width * 1.5 }}
        aria-hidden="true"
      >
        <line className="chart-axis" x1={leftAxis} x2={width} y1={plotBottom} y2={plotBottom} />
        <text className="chart-label" x={leftAxis - 4} y={plotTop + 4} textAnchor="end">
          {max}
        </text>
        <text className="chart-label" x={leftAxis - 4} y={plotBottom} textAnchor="end">
          0
        </text>
        {days.map((day, index) => {
          const x = leftAxis + index * columnWidth + 3;
          return (
            <g key={day.day}>
              {series.map((name, position) => (
                <rect
                  key={name}
                  className={`series-${name}`}
                  x={x + position * barWidth}
                  y={plotBottom - day[name] * scale}
                  width={barWidth - 1}
                  height={day[name] * scale}
                >
                  <title>{`${day.day} · ${names[name]}: ${day[name]}`}</title>
                </rect>
              ))}
              {index % labelEvery === 0 && (
                <text
                  className="chart-label"
                  x={x + columnWidth / 2 - 3}
                  y={plotBottom + 16}
                  textAnchor="middle"
                >
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((name) => (
          <li key={name}>
            <svg viewBox="0 0 10 10">
              <rect className={`series-${name}`} width={10} height={10} />
            </svg>
            {names[name]}
          </li>
        ))}
      </ul>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th>{title}</th>
            {series.map((name) => (
              <th key={name}>{names[name]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th>{day.day}</th>
              {series.map((name) => (
                <td key={name}>{day[name]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
