import type { TransparencyReport } from '../../moderation/transparency.js';
import { monthsChart, ratingChart, reasonsChart } from './svg-charts.js';

const TERMS: Record<string, string> = {
  received: 'Received',
  automaticShare: 'Decided automatically',
  medianHoursToModerator: 'Median wait for a moderator',
  falseHoldRate: 'False-hold rate',
  byRating: 'By star rating',
};
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const hours = (x: number | null) => (x === null ? '—' : x < 1 ? `${Math.round(x * 60)} min` : `${x} h`);

export function transparencyPageView(report: TransparencyReport) {
  const t = report.totals;
  return {
    report,
    headline: {
      received: t.received,
      published: t.published,
      automaticShare: pct(t.automaticShare),
      median: hours(t.medianHoursToModerator),
      falseHoldRate: pct(t.falseHoldRate),
      appealsWon: t.appealsWon,
      everHeld: t.everHeld,
    },
    monthsSvg: monthsChart(report.months),
    ratingSvg: ratingChart(report.byRating),
    reasonsSvg: reasonsChart(report.byReason),
    months: report.months.map((m) => ({
      ...m,
      automaticShareText: pct(m.automaticShare),
      medianText: hours(m.medianHoursToModerator),
      falseHoldText: pct(m.falseHoldRate),
    })),
    byRating: report.byRating.map((r) => ({
      ...r,
      stars: '★'.repeat(r.rating),
      publishedText: pct(r.publishedShare),
      notPublishedText: pct(r.notPublishedShare),
    })),
    byReason: report.byReason,
    policy: report.policy,
    definitions: Object.entries(report.definitions).map(([term, text]) => ({ term: TERMS[term] ?? term, text })),
  };
}
