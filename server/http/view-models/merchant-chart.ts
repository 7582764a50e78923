import type { MonthPoint } from '../../merchants/dashboard.js';
import { esc, niceStep, svgOpen } from './svg-charts.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The dashboard chart, drawn server-side as SVG like every other chart (svg-charts.ts; the CSP allows no inline
 * script or style): bars for reviews published per month on the left axis, a line for the month's average rating
 * (1–5) on the right. Only numbers, dates and fixed labels: no user text.
 */
export function ratingsChart(series: MonthPoint[]): { svg: string; hasData: boolean } {
  const width = 720;
  const height = 280;
  const pad = { top: 20, right: 48, bottom: 40, left: 48 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const bottom = pad.top + plotH;
  const maxCount = Math.max(1, ...series.map((p) => p.count));
  const countStep = niceStep(maxCount);
  const countTop = Math.ceil(maxCount / countStep) * countStep;
  const slot = plotW / Math.max(1, series.length);
  const barW = Math.max(4, slot * 0.55);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const yCount = (n: number) => r1(bottom - (n / countTop) * plotH);
  const yRating = (r: number) => r1(bottom - ((r - 1) / 4) * plotH);
  const centre = (i: number) => r1(pad.left + i * slot + slot / 2);

  const parts = [svgOpen(width, height, 'Reviews and average rating per month', 'chart ratings-chart')];
  for (const r of [1, 2, 3, 4, 5]) {
    parts.push(`<line class="grid" x1="${pad.left}" x2="${width - pad.right}" y1="${yRating(r)}" y2="${yRating(r)}"/>`);
    parts.push(`<text class="axis-label right" x="${width - pad.right + 8}" y="${yRating(r)}" dy="4">${r}★</text>`);
  }
  for (let n = 0; n <= countTop; n += countStep) {
    parts.push(`<text class="axis-label left" x="${pad.left - 8}" y="${yCount(n)}" dy="4" text-anchor="end">${n}</text>`);
  }
  series.forEach((p, i) => {
    const [year, month] = p.month.split('-');
    const name = MONTHS[Number(month) - 1]!;
    const y = yCount(p.count);
    const title = `${name} ${year}: ${p.count} ${p.count === 1 ? 'review' : 'reviews'}${p.average !== null ? `, average ${p.average.toFixed(2)}` : ''}`;
    parts.push(
      `<rect class="chart-bar" x="${r1(pad.left + i * slot + (slot - barW) / 2)}" y="${y}" width="${r1(barW)}" height="${r1(bottom - y)}"><title>${esc(title)}</title></rect>`,
    );
    parts.push(`<text class="axis-label month" x="${centre(i)}" y="${height - pad.bottom + 18}" text-anchor="middle">${name}</text>`);
    if (i === 0 || month === '01')
      parts.push(`<text class="axis-label year" x="${centre(i)}" y="${height - pad.bottom + 34}" text-anchor="middle">${esc(year!)}</text>`);
  });
  parts.push(`<line class="axis" x1="${pad.left}" x2="${width - pad.right}" y1="${bottom}" y2="${bottom}"/>`);
  const points = series.flatMap((p, i) => (p.average === null ? [] : [{ x: centre(i), y: yRating(p.average), value: p.average.toFixed(1) }]));
  if (points.length > 0) parts.push(`<polyline class="avg-line" points="${points.map((p) => `${p.x},${p.y}`).join(' ')}"/>`);
  for (const p of points) parts.push(`<circle class="avg-point" cx="${p.x}" cy="${p.y}" r="4"><title>average ${p.value}</title></circle>`);
  parts.push('</svg>');
  return { svg: parts.join(''), hasData: series.some((p) => p.count > 0) };
}
