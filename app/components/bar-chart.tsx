/** A horizontal bar chart drawn as SVG on the server: no chart library, no JavaScript. */
export function BarChart({
  title,
  data,
  format,
}: {
  title: string;
  data: Array<{ label: string; value: number }>;
  format: (n: number) => string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 26;
  const labelW = 170;
  const barW = 260;
  const height = Math.max(row, data.length * row) + 8;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 ${labelW + barW + 110} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {data.map((d, i) => {
          const w = Math.round((d.value / max) * barW);
          const y = i * row + 4;
          return (
            <g key={d.label}>
              <text x={labelW - 6} y={y + 15} textAnchor="end" fontSize="12" fill="#3b2a1e">
                {d.label}
              </text>
              <rect x={labelW} y={y + 3} width={Math.max(w, d.value > 0 ? 2 : 0)} height={16} fill="#7a3b12" rx="3" />
              <text x={labelW + w + 6} y={y + 15} fontSize="12" fill="#3b2a1e">
                {format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
