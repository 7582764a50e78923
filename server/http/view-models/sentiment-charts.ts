// The merchant's CSAT, NPS and stars-per-product charts, drawn on the server as SVG with the helpers of svg-charts.ts
// (presentation attributes only: the CSP allows no inline style). Every text goes through esc(); product names are
// the only text a person wrote.
import type { SentimentMonth } from '../../merchants/sentiment.js';
import { esc, svgOpen } from './svg-charts.js';

const AXIS = '#8c959f';
const INK = '#1d2330';
const GRID = '#e6e9ef';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 1★ to 5★, red to green, told apart by position and the table too (not by colour alone). */
export const STAR_COLORS = ['#cf222e', '#e16f24', '#d4a72c', '#7fb069', '#1a7f37'];

const f1 = (n: number) => n.toFixed(1);
const monthLabel = (month: string) => MONTHS[Number(month.slice(5)) - 1]!;

interface Frame {
  W: number;
  H: number;
  left: number;
  top: number;
  plotW: number;
  plotH: number;
}

/** A month axis with a value scale: shared by the CSAT and NPS charts. */
function monthFrame(series: SentimentMonth[], label: string, min: number, max: number, ticks: number[], unit: string) {
  const fr: Frame = { W: 680, H: 250, left: 44, top: 16, plotW: 680 - 44 - 12, plotH: 250 - 16 - 46 };
  const slot = fr.plotW / Math.max(1, series.length);
  const x = (i: number) => fr.left + i * slot + slot / 2;
  const y = (v: number) => fr.top + fr.plotH - ((v - min) / (max - min)) * fr.plotH;
  const parts = [svgOpen(fr.W, fr.H, label)];
  for (const t of ticks) {
    parts.push(`<line x1="${fr.left}" y1="${f1(y(t))}" x2="${fr.left + fr.plotW}" y2="${f1(y(t))}" stroke="${t === 0 && min < 0 ? AXIS : GRID}"/>`);
    parts.push(`<text x="${fr.left - 6}" y="${f1(y(t) + 4)}" font-size="10" text-anchor="end" fill="${AXIS}">${t}${unit}</text>`);
  }
  series.forEach((m, i) => {
    parts.push(`<text x="${f1(x(i))}" y="${fr.H - 28}" font-size="10" text-anchor="middle" fill="${AXIS}">${esc(monthLabel(m.month))}</text>`);
    if (i === 0 || m.month.endsWith('-01'))
      parts.push(`<text x="${f1(x(i))}" y="${fr.H - 16}" font-size="9" text-anchor="middle" fill="${AXIS}">${esc(m.month.slice(0, 4))}</text>`);
  });
  return { parts, x, y, slot, fr };
}

function whisker(x: number, y1: number, y2: number, title: string): string {
  return `<g stroke="${INK}" stroke-width="1.2"><title>${esc(title)}</title><line x1="${f1(x)}" y1="${f1(y1)}" x2="${f1(x)}" y2="${f1(y2)}"/><line x1="${f1(x - 5)}" y1="${f1(y1)}" x2="${f1(x + 5)}" y2="${f1(y1)}"/><line x1="${f1(x - 5)}" y1="${f1(y2)}" x2="${f1(x + 5)}" y2="${f1(y2)}"/></g>`;
}

/** Monthly CSAT as points with their 95 % Wilson intervals; the number of verified reviews under each month. */
export function csatChart(series: SentimentMonth[]): string {
  const { parts, x, y, fr } = monthFrame(series, 'CSAT per month with 95% Wilson intervals', 0, 100, [0, 25, 50, 75, 100], '%');
  series.forEach((m, i) => {
    const c = m.csat;
    parts.push(`<text x="${f1(x(i))}" y="${fr.H - 4}" font-size="9" text-anchor="middle" fill="${AXIS}">n=${c.total}</text>`);
    if (c.share === null || !c.interval) return;
    const text = `${m.month}: CSAT ${Math.round(c.share * 100)}% (${c.satisfied} of ${c.total}), 95% interval ${Math.round(c.interval.low * 100)}–${Math.round(c.interval.high * 100)}%`;
    parts.push(whisker(x(i), y(c.interval.low * 100), y(c.interval.high * 100), text));
    parts.push(`<circle cx="${f1(x(i))}" cy="${f1(y(c.share * 100))}" r="4.5" fill="#1f6feb"><title>${esc(text)}</title></circle>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Monthly NPS as bars from zero with their 95 % intervals; the number of answers under each month. */
export function npsChart(series: SentimentMonth[]): string {
  const { parts, x, y, slot, fr } = monthFrame(series, 'NPS per month with 95% intervals', -100, 100, [-100, -50, 0, 50, 100], '');
  const bw = Math.min(28, slot * 0.55);
  series.forEach((m, i) => {
    const n = m.nps;
    parts.push(`<text x="${f1(x(i))}" y="${fr.H - 4}" font-size="9" text-anchor="middle" fill="${AXIS}">n=${n.total}</text>`);
    if (n.score === null || !n.interval) return;
    const text = `${m.month}: NPS ${Math.round(n.score)} (${n.promoters} promoters, ${n.passives} passives, ${n.detractors} detractors), 95% interval ${Math.round(n.interval.low)} to ${Math.round(n.interval.high)}`;
    const top = Math.min(y(n.score), y(0));
    const h = Math.max(1, Math.abs(y(n.score) - y(0)));
    parts.push(
      `<rect x="${f1(x(i) - bw / 2)}" y="${f1(top)}" width="${f1(bw)}" height="${f1(h)}" fill="${n.score >= 0 ? '#1a7f37' : '#cf222e'}"><title>${esc(text)}</title></rect>`,
    );
    parts.push(whisker(x(i), y(n.interval.low), y(n.interval.high), text));
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Monthly follow-up times in days, two bars per month: the median time from a 1–3★ review to the shop's public
 * answer, and to the author's own "resolved". The number of 1–3★ reviews that month is under each month.
 */
export function followUpTimesChart(series: SentimentMonth[]): string {
  const days = series
    .flatMap((m) => [m.followUp.medianResponseHours, m.followUp.medianResolutionHours])
    .filter((h): h is number => h !== null)
    .map((h) => h / 24);
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => s * 4 >= Math.max(...days, 1)) ?? 200;
  const ticks = [0, step, 2 * step, 3 * step, 4 * step];
  const { parts, x, y, slot, fr } = monthFrame(
    series,
    'Median days to your answer and to the customer confirming it resolved, per month',
    0,
    4 * step,
    ticks,
    'd',
  );
  const bw = Math.min(14, slot * 0.3);
  const colors = { answer: '#1f6feb', resolved: '#1a7f37' };
  parts.push(
    `<rect x="${fr.left + fr.plotW - 250}" y="4" width="10" height="10" fill="${colors.answer}"/><text x="${fr.left + fr.plotW - 236}" y="13" font-size="11" fill="${INK}">to your answer</text>` +
      `<rect x="${fr.left + fr.plotW - 130}" y="4" width="10" height="10" fill="${colors.resolved}"/><text x="${fr.left + fr.plotW - 116}" y="13" font-size="11" fill="${INK}">to resolved</text>`,
  );
  series.forEach((m, i) => {
    const f = m.followUp;
    parts.push(`<text x="${f1(x(i))}" y="${fr.H - 4}" font-size="9" text-anchor="middle" fill="${AXIS}">n=${f.poor}</text>`);
    const bar = (hours: number | null, dx: number, color: string, what: string) => {
      if (hours === null) return;
      const d = hours / 24;
      const h = Math.max(1, y(0) - y(d));
      parts.push(
        `<rect x="${f1(x(i) + dx)}" y="${f1(y(0) - h)}" width="${f1(bw)}" height="${f1(h)}" fill="${color}"><title>${esc(`${m.month}: median ${d.toFixed(1)} days ${what}`)}</title></rect>`,
      );
    };
    bar(f.medianResponseHours, -bw, colors.answer, `to your answer (${f.answered} of ${f.poor} answered)`);
    bar(f.medianResolutionHours, 0, colors.resolved, `to the customer confirming it resolved (${f.resolved} resolved)`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One stacked bar per product: its published reviews by star, on a shared scale so products compare. */
export function starsByProductChart(products: { name: string; stars: number[] }[]): string {
  const W = 680,
    rowH = 28,
    top = 30,
    left = 200,
    right = 44;
  const H = top + Math.max(1, products.length) * rowH + 8;
  const plotW = W - left - right;
  const max = Math.max(1, ...products.map((p) => p.stars.reduce((a, b) => a + b, 0)));
  const parts = [svgOpen(W, H, 'Published reviews by star rating for each product')];
  STAR_COLORS.forEach((color, i) => {
    parts.push(
      `<rect x="${left + i * 56}" y="6" width="10" height="10" fill="${color}"/><text x="${left + i * 56 + 14}" y="15" font-size="11" fill="${INK}">${i + 1}★</text>`,
    );
  });
  if (products.length === 0) parts.push(`<text x="${left}" y="${top + 16}" font-size="12" fill="${AXIS}">No products yet.</text>`);
  products.forEach((p, row) => {
    const y = top + row * rowH;
    const name = p.name.length > 28 ? `${p.name.slice(0, 27)}…` : p.name;
    parts.push(`<text x="${left - 8}" y="${y + 15}" font-size="12" text-anchor="end" fill="${INK}"><title>${esc(p.name)}</title>${esc(name)}</text>`);
    let x = left;
    p.stars.forEach((count, i) => {
      const w = (count / max) * plotW;
      if (w > 0)
        parts.push(
          `<rect x="${f1(x)}" y="${y + 3}" width="${f1(w)}" height="18" fill="${STAR_COLORS[i]}"><title>${esc(`${p.name}: ${count} × ${i + 1}★`)}</title></rect>`,
        );
      x += w;
    });
    parts.push(`<text x="${f1(x + 4)}" y="${y + 15}" font-size="11" fill="${INK}">${p.stars.reduce((a, b) => a + b, 0)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
