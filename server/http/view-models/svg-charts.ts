// Small server-rendered SVG charts (no client script, CSP-safe: presentation attributes only, no style="").
// The markup is built here and inserted with a triple-stash, so every piece of text goes through esc();
// the charts carry only numbers, dates and fixed labels, never user text.

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const OUTCOME_COLORS: Record<string, string> = { published: '#1a7f37', held: '#d4a72c', rejected: '#cf222e', removed: '#6e7781' };
const AXIS = '#8c959f';
const INK = '#1d2330';

export function svgOpen(width: number, height: number, label: string, className = 'chart'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="${esc(className)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`;
}

/** A round step (1, 2 or 5 × a power of ten) that cuts 0…max into about four intervals, for axis ticks. */
export function niceStep(max: number): number {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= rough) return Math.max(1, m * magnitude);
  return Math.max(1, 10 * magnitude);
}

function legend(x: number, y: number, keys: string[]): string {
  return keys
    .map(
      (k, i) =>
        `<rect x="${x + i * 110}" y="${y - 9}" width="10" height="10" fill="${OUTCOME_COLORS[k] ?? AXIS}"/><text x="${x + i * 110 + 14}" y="${y}" font-size="11" fill="${INK}">${esc(k)}</text>`,
    )
    .join('');
}

export interface TimelineInput {
  days: { day: string; count: number; ratingSum: number }[];
  from: string;
  to: string;
  itemDay: string;
  burst: { from: string; to: string } | null;
}

/** Reviews per day (bars) and the day's average rating (dots), with the burst window shaded and the item's day marked. */
export function timelineChart(t: TimelineInput): string {
  const W = 640,
    H = 190,
    left = 34,
    right = 30,
    top = 22,
    bottom = 26;
  const start = Date.parse(`${t.from}T00:00:00Z`);
  const span = Math.max(1, Math.round((Date.parse(`${t.to}T00:00:00Z`) - start) / 86_400_000) + 1);
  const plotW = W - left - right,
    plotH = H - top - bottom;
  const bw = plotW / span;
  const max = Math.max(1, ...t.days.map((d) => d.count));
  const xOf = (day: string) => left + Math.round((Date.parse(`${day}T00:00:00Z`) - start) / 86_400_000) * bw;
  const parts: string[] = [
    svgOpen(W, H, `Reviews per day for this product from ${t.from} to ${t.to}${t.burst ? `, burst from ${t.burst.from} to ${t.burst.to}` : ''}`),
  ];
  if (t.burst) {
    const x1 = xOf(t.burst.from),
      x2 = xOf(t.burst.to) + bw;
    parts.push(
      `<rect class="burst" x="${x1.toFixed(1)}" y="${top}" width="${Math.max(bw, x2 - x1).toFixed(1)}" height="${plotH}" fill="#ffebe9" stroke="#cf222e" stroke-dasharray="3 2"/>`,
    );
    parts.push(`<text x="${x1.toFixed(1)}" y="${top - 6}" font-size="11" fill="#cf222e">burst</text>`);
  }
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${W - right}" y2="${top + plotH}" stroke="${AXIS}"/>`);
  parts.push(
    `<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end" fill="${AXIS}">${max}</text><text x="${left - 4}" y="${top + plotH}" font-size="10" text-anchor="end" fill="${AXIS}">0</text>`,
  );
  parts.push(
    `<text x="${W - right + 4}" y="${top + 8}" font-size="10" fill="#9a6700">5★</text><text x="${W - right + 4}" y="${top + plotH}" font-size="10" fill="#9a6700">1★</text>`,
  );
  for (const d of t.days) {
    const h = (d.count / max) * plotH;
    const x = xOf(d.day);
    parts.push(
      `<rect x="${(x + 0.5).toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#1f6feb"><title>${esc(`${d.day}: ${d.count} review${d.count === 1 ? '' : 's'}, average ${(d.ratingSum / Math.max(1, d.count)).toFixed(1)}★`)}</title></rect>`,
    );
    if (d.count > 0) {
      const avg = d.ratingSum / d.count;
      const y = top + plotH - ((avg - 1) / 4) * plotH;
      parts.push(`<circle cx="${(x + bw / 2).toFixed(1)}" cy="${y.toFixed(1)}" r="2.5" fill="#e3a008" stroke="#9a6700" stroke-width="0.5"/>`);
    }
  }
  const ix = xOf(t.itemDay) + bw / 2;
  parts.push(
    `<line class="item-day" x1="${ix.toFixed(1)}" y1="${top}" x2="${ix.toFixed(1)}" y2="${top + plotH}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 2"/>`,
  );
  const labelLeft = ix > left + plotW * 0.75;
  parts.push(
    `<text x="${(labelLeft ? ix - 4 : ix + 4).toFixed(1)}" y="${top + 10}" font-size="11" text-anchor="${labelLeft ? 'end' : 'start'}" fill="${INK}">this review</text>`,
  );
  parts.push(
    `<text x="${left}" y="${H - 8}" font-size="10" fill="${AXIS}">${esc(t.from)}</text><text x="${W - right}" y="${H - 8}" font-size="10" text-anchor="end" fill="${AXIS}">${esc(t.to)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

type Counts = { published: number; held: number; rejected: number; removed: number };
const KEYS = ['published', 'held', 'rejected', 'removed'] as const;

/** Stacked bars per month: how the reviews received that month ended up. */
export function monthsChart(months: (Counts & { month: string; received: number })[]): string {
  const W = 680,
    H = 240,
    left = 40,
    top = 30,
    bottom = 36,
    right = 10;
  const plotW = W - left - right,
    plotH = H - top - bottom;
  const max = Math.max(1, ...months.map((m) => m.received));
  const slot = plotW / Math.max(1, months.length);
  const bw = Math.min(36, slot * 0.7);
  const parts = [svgOpen(W, H, 'Reviews received per month, by outcome'), legend(left, 14, [...KEYS])];
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${W - right}" y2="${top + plotH}" stroke="${AXIS}"/>`);
  parts.push(`<text x="${left - 4}" y="${top + 8}" font-size="10" text-anchor="end" fill="${AXIS}">${max}</text>`);
  months.forEach((m, i) => {
    const x = left + i * slot + (slot - bw) / 2;
    let y = top + plotH;
    for (const k of KEYS) {
      const h = (m[k] / max) * plotH;
      if (h > 0) {
        y -= h;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${OUTCOME_COLORS[k]}"><title>${esc(`${m.month}: ${m[k]} ${k}`)}</title></rect>`,
        );
      }
    }
    if (m.received > 0)
      parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" font-size="10" text-anchor="middle" fill="${INK}">${m.received}</text>`);
    parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${H - 20}" font-size="10" text-anchor="middle" fill="${AXIS}">${esc(m.month.slice(2))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One 100% bar per star rating: if negative reviews were suppressed, the green share would shrink at 1–2★. */
export function ratingChart(rows: (Counts & { rating: number; received: number })[]): string {
  const W = 680,
    rowH = 30,
    top = 30,
    left = 60,
    right = 115;
  const H = top + rows.length * rowH + 10;
  const plotW = W - left - right;
  const parts = [svgOpen(W, H, 'Outcome share per star rating'), legend(left, 14, [...KEYS])];
  [...rows].reverse().forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 16}" font-size="12" text-anchor="end" fill="#9a6700">${'★'.repeat(r.rating)}</text>`);
    let x = left;
    if (r.received === 0) parts.push(`<rect x="${left}" y="${y + 4}" width="${plotW}" height="18" fill="#eaeef2"/>`);
    for (const k of KEYS) {
      const w = r.received ? (r[k] / r.received) * plotW : 0;
      if (w > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="18" fill="${OUTCOME_COLORS[k]}"><title>${esc(`${r.rating}★: ${r[k]} of ${r.received} ${k}`)}</title></rect>`,
        );
      x += w;
    }
    const pct = r.received ? Math.round((r.published / r.received) * 100) : 0;
    parts.push(`<text x="${W - right + 6}" y="${y + 17}" font-size="11" fill="${INK}">${r.received ? `${pct}% published` : 'no reviews'}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Horizontal bars: why content was held, rejected or removed. */
export function reasonsChart(rows: { label: string; held: number; rejected: number; removed: number }[]): string {
  const W = 680,
    rowH = 26,
    top = 30,
    left = 220,
    right = 40;
  const H = top + Math.max(1, rows.length) * rowH + 10;
  const max = Math.max(1, ...rows.map((r) => r.held + r.rejected + r.removed));
  const plotW = W - left - right;
  const parts = [svgOpen(W, H, 'Reasons for holding, rejecting or removing reviews'), legend(left, 14, ['held', 'rejected', 'removed'])];
  if (rows.length === 0) parts.push(`<text x="${left}" y="${top + 16}" font-size="12" fill="${AXIS}">Nothing held, rejected or removed in this period.</text>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${left - 8}" y="${y + 15}" font-size="12" text-anchor="end" fill="${INK}">${esc(r.label)}</text>`);
    let x = left;
    for (const k of ['held', 'rejected', 'removed'] as const) {
      const w = (r[k] / max) * plotW;
      if (w > 0)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${OUTCOME_COLORS[k]}"><title>${esc(`${r.label}: ${r[k]} ${k}`)}</title></rect>`,
        );
      x += w;
    }
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 15}" font-size="11" fill="${INK}">${r.held + r.rejected + r.removed}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
