export interface BarSegment {
  /** What the segment counts, for the legend and the table. */
  name: string;
  value: number;
  className: string;
}

export interface BarRow {
  label: string;
  segments: BarSegment[];
}

const width = 520;
const labelWidth = 170;
const valueWidth = 44;
const rowHeight = 24;
const barHeight = 16;

/**
 * Horizontal bars, stacked when a row has several segments, drawn as plain SVG. The same numbers
 * are in a table beside it for screen readers and for copying.
 */
export function BarChart({ title, rows }: { title: string; rows: readonly BarRow[] }) {
  const totals = rows.map((row) => row.segments.reduce((sum, segment) => sum + segment.value, 0));
  const max = Math.max(1, ...totals);
  const scale = (width - labelWidth - valueWidth) / max;
  const names = rows[0]?.segments.map((segment) => segment.name) ?? [];
  const isStacked = names.length > 1;
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${Math.max(1, rows.length) * rowHeight}`} aria-hidden="true">
        {rows.map((row, index) => {
          const y = index * rowHeight;
          let x = labelWidth;
          return (
            <g key={row.label}>
              <text
                className="chart-label"
                x={labelWidth - 6}
                y={y + barHeight - 3}
                textAnchor="end"
              >
                {row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label}
              </text>
              {row.segments.map((segment) => {
                const segmentWidth = segment.value * scale;
                const rect = (
                  <rect
                    key={segment.name}
                    className={segment.className}
                    x={x}
                    y={y}
                    width={segmentWidth}
                    height={barHeight}
                  >
                    <title>{`${row.label} · ${segment.name}: ${segment.value}`}</title>
                  </rect>
                );
                x += segmentWidth;
                return rect;
              })}
              <text className="chart-value" x={x + 4} y={y + barHeight - 3}>
                {totals[index]}
              </text>
            </g>
          );
        })}
      </svg>
      {isStacked && (
        <ul className="chart-legend" aria-hidden="true">
          {rows[0]!.segments.map((segment) => (
            <li key={segment.name}>
              <svg viewBox="0 0 10 10">
                <rect className={segment.className} width={10} height={10} />
              </svg>
              {segment.name}
            </li>
          ))}
        </ul>
      )}
      <table className="visually-hidden">
        <thead>
          <tr>
            <th>{title}</th>
            {isStacked && names.map((name) => <th key={name}>{name}</th>)}
            <th>Σ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.label}>
              <th>{row.label}</th>
              {isStacked &&
                row.segments.map((segment) => <td key={segment.name}>{segment.value}</td>)}
              <td>{totals[index]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
