import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { formatNumber } from '../../shared/i18n/i18n';

/**
 * Charts drawn on the server as SVG (no script, CSP-safe: presentation by attributes and the
 * site's classes). Each chart is labelled for screen readers; the page shows the same numbers
 * in a table beside it.
 */
export function BarChart({ id, title, items, lang }: { id: string; title: string; items: { label: string; value: number }[]; lang: string }) {
  const rowHeight = 28;
  const labelWidth = 220;
  const width = 640;
  const height = Math.max(items.length, 1) * rowHeight + 8;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...items.map((i) => i.value))])
    .range([0, width - labelWidth - 60]);
  return (
    <figure class="gov-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} xmlns="http://www.w3.org/2000/svg" direction="ltr">
        <title id={`${id}-title`}>{title}</title>
        {items.map((item, i) => {
          const y = i * rowHeight + 4;
          return (
            <g>
              <text x={labelWidth - 8} y={y + 18} text-anchor="end" class="chart-label">
                {truncate(item.label, 30)}
              </text>
              <rect x={labelWidth} y={y + 4} width={Math.max(x(item.value), item.value ? 2 : 0)} height={rowHeight - 8} class="chart-bar" />
              <text x={labelWidth + x(item.value) + 6} y={y + 18} class="chart-value">
                {formatNumber(lang, item.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Members over the years: a column per year with a line over their tops. */
export function SeriesChart({ id, title, points, lang }: { id: string; title: string; points: { year: number; value: number }[]; lang: string }) {
  const width = 640;
  const height = 240;
  const margin = { top: 20, right: 16, bottom: 28, left: 40 };
  const x = scaleBand<number>()
    .domain(points.map((p) => p.year))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...points.map((p) => p.value))])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const path =
    line<{ year: number; value: number }>()
      .x((p) => (x(p.year) ?? 0) + x.bandwidth() / 2)
      .y((p) => y(p.value))(points) ?? '';
  const every = Math.ceil(points.length / 12);
  return (
    <figure class="gov-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} xmlns="http://www.w3.org/2000/svg" direction="ltr">
        <title id={`${id}-title`}>{title}</title>
        {y.ticks(4).map((tick) => (
          <g>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} class="chart-grid" />
            <text x={margin.left - 6} y={y(tick) + 4} text-anchor="end" class="chart-axis">
              {formatNumber(lang, tick)}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <g>
            <rect x={x(p.year)} y={y(p.value)} width={x.bandwidth()} height={height - margin.bottom - y(p.value)} class="chart-bar" />
            {i % every === 0 || i === points.length - 1 ? (
              <text x={(x(p.year) ?? 0) + x.bandwidth() / 2} y={height - 8} text-anchor="middle" class="chart-axis">
                {String(p.year)}
              </text>
            ) : null}
          </g>
        ))}
        {points.length > 1 ? <path d={path} class="chart-line" fill="none" /> : null}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
