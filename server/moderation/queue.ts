import type { Label } from '../integrity/types.js';
import type { Database } from '../storage/database.js';
import { countQueue, listFilterOptions, listQueue, type QueueRow, type QueueTab } from '../storage/moderation-repo.js';

export type { QueueRow };

export const QUEUE_TABS: readonly QueueTab[] = ['reviews', 'comments', 'reports', 'appeals'];
export const AGE_FILTERS = ['any', 'day', 'week', 'older'] as const;
export type AgeFilter = (typeof AGE_FILTERS)[number];

export interface QueueQuery {
  tab: QueueTab;
  sort: 'newest' | 'score';
  label: Label | null;
  merchantId: string | null;
  productId: string | null;
  age: AgeFilter;
  page: number;
}

export interface QueueView {
  query: QueueQuery;
  items: QueueRow[];
  counts: Record<QueueTab, number>;
  pageSize: number;
  hasMore: boolean;
  options: Awaited<ReturnType<typeof listFilterOptions>>;
}

const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

/** "day": queued in the last 24 hours; "week": in the last 7 days; "older": waiting more than 7 days. */
function ageBounds(age: AgeFilter, now: Date): { queuedAfter: Date | null; queuedBefore: Date | null } {
  const t = now.getTime();
  if (age === 'day') return { queuedAfter: new Date(t - DAY_MS), queuedBefore: null };
  if (age === 'week') return { queuedAfter: new Date(t - 7 * DAY_MS), queuedBefore: null };
  if (age === 'older') return { queuedAfter: null, queuedBefore: new Date(t - 7 * DAY_MS) };
  return { queuedAfter: null, queuedBefore: null };
}

/** The moderation queue: one tab's items under the filters, and how many wait in every tab under the same filters. */
export async function loadQueue(db: Database, query: QueueQuery, now: Date): Promise<QueueView> {
  const base = { label: query.label, merchantId: query.merchantId, productId: query.productId, ...ageBounds(query.age, now) };
  const rows = await listQueue(db, { ...base, tab: query.tab, sort: query.sort, limit: PAGE_SIZE + 1, offset: (query.page - 1) * PAGE_SIZE });
  const counts = {} as Record<QueueTab, number>;
  for (const tab of QUEUE_TABS) counts[tab] = await countQueue(db, { ...base, tab });
  return { query, items: rows.slice(0, PAGE_SIZE), counts, pageSize: PAGE_SIZE, hasMore: rows.length > PAGE_SIZE, options: await listFilterOptions(db) };
}
