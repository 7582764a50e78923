import type { MonthPoint } from '../../merchants/dashboard.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Geometry of the dashboard chart, drawn server-side as SVG (the CSP allows no inline script or style): bars
 * for reviews published per month on the left axis, a line for the month's average rating (1–5) on the right.
 */
export function ratingsChart(series: MonthPoint[]) {
  const width = 720;
  const height = 280;
  const pad = { top: 20, right: 48, bottom: 40, left: 48 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const maxCount = Math.max(1, ...series.map((p) => p.count));
  const countStep = niceStep(maxCount);
  const countTop = Math.ceil(maxCount / countStep) * countStep;
  const slot = plotW / Math.max(1, series.length);
  const barW = Math.max(4, slot * 0.55);
  const yCount = (n: number) => pad.top + plotH - (n / countTop) * plotH;
  const yRating = (r: number) => pad.top + plotH - ((r - 1) / 4) * plotH;
  const r1 = (n: number) => Math.round(n * 10) / 10;

  const bars = series.map((p, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const y = yCount(p.count);
    const [year, month] = p.month.split('-');
    return {
      x: r1(x),
      y: r1(y),
      width: r1(barW),
      height: r1(pad.top + plotH - y),
      labelX: r1(pad.left + i * slot + slot / 2),
      label: MONTHS[Number(month) - 1]!,
      yearLabel: i === 0 || month === '01' ? year : null,
      title: `${MONTHS[Number(month) - 1]} ${year}: ${p.count} ${p.count === 1 ? 'review' : 'reviews'}${p.average !== null ? `, average ${p.average.toFixed(2)}` : ''}`,
    };
  });
  const points = series
    .map((p, i) => (p.average === null ? null : { x: r1(pad.left + i * slot + slot / 2), y: r1(yRating(p.average)), value: p.average.toFixed(1) }))
    .filter((p): p is { x: number; y: number; value: string } => p !== null);
  const countTicks: { y: number; label: number }[] = [];
  for (let n = 0; n <= countTop; n += countStep) countTicks.push({ y: r1(yCount(n)), label: n });
  const ratingTicks = [1, 2, 3, 4, 5].map((r) => ({ y: r1(yRating(r)), label: `${r}★` }));
  return {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    plot: { left: pad.left, right: width - pad.right, top: pad.top, bottom: pad.top + plotH },
    labelY: height - pad.bottom + 18,
    yearY: height - pad.bottom + 34,
    rightLabelX: width - pad.right + 8,
    leftLabelX: pad.left - 8,
    bars,
    line: points.map((p) => `${p.x},${p.y}`).join(' '),
    points,
    countTicks,
    ratingTicks,
    hasData: series.some((p) => p.count > 0),
  };
}

function niceStep(max: number): number {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= rough) return Math.max(1, m * magnitude);
  return Math.max(1, 10 * magnitude);
}
