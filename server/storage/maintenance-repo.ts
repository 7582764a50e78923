import type { Database } from './database.js';

// Any constant works; it only has to be the same in every Candor process sharing one database.
const MAINTENANCE_LOCK_KEY = 7_246_312;

export interface Retention {
  /** Rate-limit windows that ended longer ago than this are forgotten. */
  rateLimitMs: number;
  /** Delivered e-mail and webhooks stay visible (delivery log, /dev/mail) this long. */
  sentOutboxMs: number;
  /** Finished re-check jobs are kept this long for diagnosis. */
  finishedJobsMs: number;
}

export interface MaintenanceCounts {
  sessions: number;
  rateLimits: number;
  outbox: number;
  jobs: number;
}

/**
 * Deletes what has served its purpose, in one transaction, by one process at a time (an advisory lock taken
 * with "try": a process that finds it taken skips this round rather than waiting). Returns null when skipped.
 */
export async function deleteExpired(db: Database, now: Date, keep: Retention): Promise<MaintenanceCounts | null> {
  return db.transaction(async (tx) => {
    const lock = (await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [MAINTENANCE_LOCK_KEY])).rows[0];
    if (!lock?.ok) return null;
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const count = async (sql: string, params: unknown[]) =>
      (await tx.query(`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`, params)).rows[0] as { n: number };
    return {
      sessions: Number((await count('DELETE FROM sessions WHERE expires_at <= $1', [now])).n),
      rateLimits: Number((await count('DELETE FROM rate_limit_hits WHERE reset_at <= $1', [ago(keep.rateLimitMs)])).n),
      outbox: Number((await count("DELETE FROM outbox WHERE status = 'sent' AND sent_at <= $1", [ago(keep.sentOutboxMs)])).n),
      jobs: Number((await count('DELETE FROM reassessment_jobs WHERE done_at <= $1', [ago(keep.finishedJobsMs)])).n),
    };
  });
}
