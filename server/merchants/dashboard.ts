import type { Database } from '../storage/database.js';
import { merchantTotals, monthlyRatings } from '../storage/merchant-repo.js';
import type { MerchantScope } from './merchant-scope.js';

export interface MonthPoint {
  month: string;
  count: number;
  average: number | null;
  verified: number;
}

/** The last `months` calendar months (UTC), oldest first, with empty months kept so the chart has no gaps. */
export function monthRange(now: Date, months: number): string[] {
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export async function loadDashboard(db: Database, scope: MerchantScope, now: Date, months = 12) {
  const range = monthRange(now, months);
  const since = new Date(`${range[0]}-01T00:00:00Z`);
  const rows = new Map((await monthlyRatings(db, scope.merchant.id, since)).map((r) => [r.month, r]));
  const series: MonthPoint[] = range.map((month) => {
    const row = rows.get(month);
    return { month, count: row?.count ?? 0, average: row ? row.average : null, verified: row?.verified ?? 0 };
  });
  const totals = await merchantTotals(db, scope.merchant.id);
  return { series, totals };
}
