// The README's chart: req/s of each Candor path as a multiple of bare Express measured in the same run.

export interface ChartRow {
  label: string;
  /** One ratio per connection level, in the order of `levels`. */
  ratios: number[];
  goal: number;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function ratioChartSvg(rows: ChartRow[], levels: string[], caption: string): string {
  const colours = ['#1f6feb', '#8250df', '#1a7f37'];
  // Wide enough for the longest path name at 12 px (about 7 px a character) and a margin: a fixed width clipped
  // "widget JSON API (summary + page 1)" at the left edge.
  const labelWidth = Math.max(230, 24 + 7 * Math.max(...rows.map((r) => r.label.length)));
  const plotWidth = 460;
  const barHeight = 14;
  const rowHeight = levels.length * (barHeight + 3) + 14;
  const top = 44;
  const height = top + rows.length * rowHeight + 40;
  const max = Math.max(1.2, ...rows.flatMap((r) => r.ratios.filter(Number.isFinite))) * 1.1;
  const x = (ratio: number) => labelWidth + (Math.max(0, ratio) / max) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 60}" height="${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${escapeXml(caption)}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${escapeXml(caption)}</text>`,
  ];
  levels.forEach((level, i) => {
    parts.push(`<rect x="${labelWidth + i * 130}" y="26" width="10" height="10" fill="${colours[i % colours.length]}"/>`);
    parts.push(`<text x="${labelWidth + 14 + i * 130}" y="35">${escapeXml(level)}</text>`);
  });
  for (const tick of [0, 0.5, 1, 1.5, 2, 3, 4].filter((t) => t <= max)) {
    parts.push(`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - 30}" stroke="#d0d7de"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - 16}" text-anchor="middle">${tick}×</text>`);
  }
  rows.forEach((row, r) => {
    const y0 = top + r * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y0 + rowHeight / 2}" text-anchor="end">${escapeXml(row.label)}</text>`);
    parts.push(
      `<line x1="${x(row.goal)}" y1="${y0}" x2="${x(row.goal)}" y2="${y0 + rowHeight - 10}" stroke="#cf222e" stroke-width="2" stroke-dasharray="4 2"/>`,
    );
    row.ratios.forEach((ratio, i) => {
      const y = y0 + i * (barHeight + 3);
      const width = Number.isFinite(ratio) ? x(ratio) - labelWidth : 0;
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${colours[i % colours.length]}"/>`);
      parts.push(`<text x="${labelWidth + width + 4}" y="${y + barHeight - 3}">${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'}×</text>`);
    });
  });
  parts.push(`<text x="10" y="${height - 2}" fill="#57606a">Red dashes: the goal for each path. Bars: Candor req/s ÷ bare Express req/s.</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
