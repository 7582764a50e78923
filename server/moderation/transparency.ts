// The public transparency report: what happened to the reviews Candor received, per month, per reason and per
// star rating, how much was decided automatically, how long people waited for a moderator, and how often a
// hold turned out wrong (appeals won). Per star rating is the check that negative reviews are not suppressed.
import type { Database } from '../storage/database.js';
import { medianHoursToHumanDecision, outcomeGroups, overallMedianHoursToHumanDecision, type OutcomeGroup } from '../storage/transparency-repo.js';
import { REJECT_REASONS, rejectReason } from './reject-reasons.js';

export const REPORT_MONTHS = 12;
const OUTCOMES = ['published', 'held', 'rejected', 'removed'] as const;
type Outcome = (typeof OUTCOMES)[number];

/**
 * Automatic labels map onto the reason a moderator would give for the same finding; with several labels the
 * most direct evidence names the reason (an insider is an insider first, whatever else the checks saw).
 */
const LABEL_TO_REASON: [string, string][] = [
  ['insider', 'insider'],
  ['incentivized', 'conditional_reward'],
  ['duplicate', 'duplicate'],
  ['sockpuppet', 'sockpuppet'],
  ['paid', 'fake'],
];

function reasonOf(g: OutcomeGroup): string {
  if (g.reasonKey) return g.reasonKey;
  return LABEL_TO_REASON.find(([label]) => g.labels.includes(label))?.[1] ?? 'unspecified';
}

export interface OutcomeCounts {
  received: number;
  published: number;
  held: number;
  rejected: number;
  removed: number;
}

export interface MonthRow extends OutcomeCounts {
  month: string;
  decided: number;
  decidedAutomatically: number;
  automaticShare: number | null;
  medianHoursToModerator: number | null;
  everHeld: number;
  appealsWon: number;
  appealsLost: number;
  appealsOpen: number;
  falseHoldRate: number | null;
}

export interface TransparencyReport {
  generatedAt: string;
  since: string;
  months: MonthRow[];
  totals: Omit<MonthRow, 'month'>;
  byRating: (OutcomeCounts & { rating: number; publishedShare: number | null; notPublishedShare: number | null })[];
  byReason: { reason: string; label: string; policy: string; held: number; rejected: number; removed: number }[];
  policy: { key: string; label: string; policy: string }[];
  definitions: Record<string, string>;
}

const DEFINITIONS = {
  received: 'Reviews submitted in the month (counted in the month they were received, with the state they are in now).',
  automaticShare:
    'Of the reviews that reached a final state (published, rejected or removed), the share decided by the automatic checks with no moderator involved.',
  medianHoursToModerator: 'Median hours from receiving a review to the first decision a moderator took on it.',
  falseHoldRate: 'Appeals won divided by reviews that were held at some point: holds that a moderator found wrong after the author appealed.',
  byRating: 'The same counts per star rating: if negative reviews were suppressed, the published share would drop for 1 and 2 stars.',
};

function emptyCounts(): OutcomeCounts {
  return { received: 0, published: 0, held: 0, rejected: 0, removed: 0 };
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

function monthsBack(now: Date, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

function summarise(groups: OutcomeGroup[]): Omit<MonthRow, 'month' | 'medianHoursToModerator'> {
  const c = { ...emptyCounts(), decided: 0, decidedAutomatically: 0, everHeld: 0, appealsWon: 0, appealsLost: 0, appealsOpen: 0 };
  for (const g of groups) {
    c.received += g.count;
    if ((OUTCOMES as readonly string[]).includes(g.status)) c[g.status as Outcome] += g.count;
    if (g.status !== 'held') {
      c.decided += g.count;
      if (!g.decidedByHuman) c.decidedAutomatically += g.count;
    }
    if (g.everHeld) c.everHeld += g.count;
    if (g.appealStatus === 'won') c.appealsWon += g.count;
    if (g.appealStatus === 'lost') c.appealsLost += g.count;
    if (g.appealStatus === 'open') c.appealsOpen += g.count;
  }
  return { ...c, automaticShare: share(c.decidedAutomatically, c.decided), falseHoldRate: share(c.appealsWon, c.everHeld) };
}

export async function buildTransparencyReport(db: Database, now: Date): Promise<TransparencyReport> {
  const months = monthsBack(now, REPORT_MONTHS);
  const since = new Date(`${months[0]}-01T00:00:00Z`);
  const groups = await outcomeGroups(db, since);
  const medians = await medianHoursToHumanDecision(db, since);
  const round1 = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

  const monthRows: MonthRow[] = months.map((month) => ({
    month,
    ...summarise(groups.filter((g) => g.month === month)),
    medianHoursToModerator: round1(medians.get(month)),
  }));
  const byRating = [1, 2, 3, 4, 5].map((rating) => {
    const s = summarise(groups.filter((g) => g.rating === rating));
    const counts = { received: s.received, published: s.published, held: s.held, rejected: s.rejected, removed: s.removed };
    return { rating, ...counts, publishedShare: share(s.published, s.received), notPublishedShare: share(s.rejected + s.removed, s.received) };
  });
  const reasons = new Map<string, { held: number; rejected: number; removed: number }>();
  for (const g of groups) {
    if (g.status !== 'held' && g.status !== 'rejected' && g.status !== 'removed') continue;
    const key = reasonOf(g);
    const row = reasons.get(key) ?? { held: 0, rejected: 0, removed: 0 };
    row[g.status] += g.count;
    reasons.set(key, row);
  }
  const byReason = [...reasons.entries()]
    .map(([reason, counts]) => {
      const r = rejectReason(reason);
      return { reason, label: r?.label ?? 'Other', policy: r?.policy ?? '', ...counts };
    })
    .sort((a, b) => b.held + b.rejected + b.removed - (a.held + a.rejected + a.removed));
  const totals = { ...summarise(groups), medianHoursToModerator: round1(await overallMedianHoursToHumanDecision(db, since)) };
  return {
    generatedAt: now.toISOString(),
    since: since.toISOString().slice(0, 10),
    months: monthRows,
    totals,
    byRating,
    byReason,
    policy: REJECT_REASONS.map((r) => ({ key: r.key, label: r.label, policy: r.policy })),
    definitions: DEFINITIONS,
  };
}
