import type { Database } from '../storage/database.js';
import {
  followUpTimes,
  followUpTimesByMonth,
  reviewsForExport,
  sentimentCounts,
  starsByProduct,
  type FollowUpMonth,
  type SentimentCounts,
} from '../storage/sentiment-repo.js';
import { monthRange } from './dashboard.js';
import type { MerchantScope } from './merchant-scope.js';
import { csat, nps, type Csat, type Nps } from './sentiment-metrics.js';

export interface SentimentMonth {
  month: string;
  csat: Csat;
  nps: Nps;
  /** Follow-up on the month's published 1–3★ reviews: how many, answered, resolved, and the median times in hours. */
  followUp: Omit<FollowUpMonth, 'month'>;
}

/** The export stops here: a spreadsheet beyond this is better served by the API. */
export const EXPORT_LIMIT = 50_000;

const figures = (c: Omit<SentimentCounts, 'month'>) => ({ csat: csat(c.satisfied, c.verified), nps: nps(c.promoters, c.passives, c.detractors) });

/**
 * The merchant's sentiment report: monthly CSAT and NPS (with counts and intervals), all-time figures, follow-up
 * times and reviews by star per product. It takes no options: every published verified review counts, always.
 */
export async function loadSentimentReport(db: Database, scope: MerchantScope, now: Date, months = 12) {
  const range = monthRange(now, months);
  const counts = await sentimentCounts(db, scope.merchant.id, new Date(`${range[0]}-01T00:00:00Z`));
  const byMonth = new Map(counts.months.map((m) => [m.month, m]));
  const empty = { verified: 0, satisfied: 0, promoters: 0, passives: 0, detractors: 0 };
  const times = new Map((await followUpTimesByMonth(db, scope.merchant.id, new Date(`${range[0]}-01T00:00:00Z`))).map((t) => [t.month, t]));
  const noTimes = { poor: 0, answered: 0, resolved: 0, medianResponseHours: null, medianResolutionHours: null };
  const series: SentimentMonth[] = range.map((month) => {
    const t = times.get(month) ?? noTimes;
    const followUp = {
      poor: t.poor,
      answered: t.answered,
      resolved: t.resolved,
      medianResponseHours: t.medianResponseHours,
      medianResolutionHours: t.medianResolutionHours,
    };
    return { month, ...figures(byMonth.get(month) ?? empty), followUp };
  });
  return {
    series,
    overall: figures(counts.overall),
    times: await followUpTimes(db, scope.merchant.id),
    products: await starsByProduct(db, scope.merchant.id),
  };
}

export type SentimentReport = Awaited<ReturnType<typeof loadSentimentReport>>;

/** The published reviews a merchant may download (what its tab shows, plus the 0–10 answer and the follow-up). */
export function reviewsToExport(db: Database, scope: MerchantScope) {
  return reviewsForExport(db, scope.merchant.id, EXPORT_LIMIT);
}
