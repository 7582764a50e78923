import type { SentimentReport } from '../../merchants/sentiment.js';
import type { Csat, Nps } from '../../merchants/sentiment-metrics.js';
import { STAR_COLORS } from './sentiment-charts.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function csatText(c: Csat): { value: string; detail: string } {
  if (c.share === null || !c.interval) return { value: '—', detail: 'no verified reviews yet' };
  return {
    value: pct(c.share),
    detail: `${c.satisfied} of ${c.total} verified reviews 4–5★ · 95% Wilson interval ${pct(c.interval.low)}–${pct(c.interval.high)}`,
  };
}

export function npsText(n: Nps): { value: string; detail: string } {
  if (n.score === null || !n.interval) return { value: '—', detail: 'no answers yet' };
  const signed = (v: number) => (Math.round(v) > 0 ? `+${Math.round(v)}` : `${Math.round(v)}`);
  return {
    value: signed(n.score),
    detail: `${n.promoters} promoters, ${n.passives} passives, ${n.detractors} detractors of ${n.total} answers · 95% interval ${signed(n.interval.low)} to ${signed(n.interval.high)}`,
  };
}

export function hoursText(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

/** Cards and tables of the insights page (the charts carry the same numbers). */
export function sentimentView(report: SentimentReport) {
  return {
    overall: { csat: csatText(report.overall.csat), nps: npsText(report.overall.nps) },
    times: {
      response: hoursText(report.times.medianResponseHours),
      resolution: hoursText(report.times.medianResolutionHours),
      poor: report.times.poor,
      answered: report.times.answered,
      resolved: report.times.resolved,
    },
    months: report.series.map((m) => ({
      month: m.month,
      csat: csatText(m.csat),
      nps: npsText(m.nps),
      followUp: {
        ...m.followUp,
        response: hoursText(m.followUp.medianResponseHours),
        resolution: hoursText(m.followUp.medianResolutionHours),
      },
    })),
    products: report.products.map((p) => ({ name: p.name, sku: p.sku, stars: p.stars, total: p.stars.reduce((a, b) => a + b, 0) })),
    starColors: STAR_COLORS,
  };
}
