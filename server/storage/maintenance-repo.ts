import type { Database, Queryable } from './database.js';

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

const ANALYZE_LOCK_KEY = 7_246_313;
/** The instance setting that keeps how many reviews there were at the last planner-statistics run. */
export const ANALYZED_REVIEWS_SETTING = 'maintenance_analyzed_reviews';

/**
 * When the planner statistics are taken again: once the reviews have grown by `growth` times, and by at least
 * `minReviews`, since the last time (the rule the replay follows, run-replay.ts). A database never analyzed by this
 * job counts as analyzed at zero reviews.
 */
export interface AnalyzeRule {
  minReviews: number;
  growth: number;
}

export const DEFAULT_ANALYZE_RULE: AnalyzeRule = { minReviews: 1000, growth: 1.2 };

export interface AnalyzeRun {
  /** Reviews when the statistics were taken. */
  reviews: number;
  /** Reviews at the run before (0 when there was none). */
  previous: number;
}

const pgliteAnalyzing = new WeakSet<Database>();

async function analyzeDue(db: Queryable, rule: AnalyzeRule): Promise<AnalyzeRun | null> {
  const row = (
    await db.query<{ reviews: number; previous: string | null }>(
      `SELECT (SELECT count(*)::int FROM reviews) AS reviews, (SELECT value FROM instance_settings WHERE name = $1) AS previous`,
      [ANALYZED_REVIEWS_SETTING],
    )
  ).rows[0]!;
  const previous = Number(row.previous ?? 0);
  const due = Math.max(previous + rule.minReviews, Math.ceil(previous * rule.growth));
  return row.reviews >= due ? { reviews: row.reviews, previous } : null;
}

async function recordAnalyzed(db: Queryable, reviews: number): Promise<void> {
  await db.query(`INSERT INTO instance_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`, [
    ANALYZED_REVIEWS_SETTING,
    String(reviews),
  ]);
}

/**
 * What PostgreSQL's autovacuum does for a server, for PGlite, which has none: fresh planner statistics once the data
 * has grown (AnalyzeRule), or every plan keeps the estimates of a much smaller database. On PGlite VACUUM ANALYZE (the
 * visibility map too, so index-only scans stay index-only); it cannot run inside a transaction, and PGlite has one
 * process per data directory (data-dir-lock.ts), so nobody else can run it meanwhile. On PostgreSQL ANALYZE, in a
 * transaction (Candor's schema only) under an advisory lock taken with "try": of several processes, one runs it and the others skip the
 * round; the count is read under the lock, so a process arriving after the run finds nothing due. Returns null when
 * nothing ran.
 */
export async function analyzeIfGrown(db: Database, rule: AnalyzeRule = DEFAULT_ANALYZE_RULE): Promise<AnalyzeRun | null> {
  if (db.kind === 'pglite') {
    // The one process: a second caller while a run is under way skips, as another process would on PostgreSQL.
    if (pgliteAnalyzing.has(db)) return null;
    pgliteAnalyzing.add(db);
    try {
      const due = await analyzeDue(db, rule);
      if (!due) return null;
      await db.query('VACUUM ANALYZE');
      await recordAnalyzed(db, due.reviews);
      return due;
    } finally {
      pgliteAnalyzing.delete(db);
    }
  }
  return db.transaction(async (tx) => {
    const lock = (await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [ANALYZE_LOCK_KEY])).rows[0];
    if (!lock?.ok) return null;
    const due = await analyzeDue(tx, rule);
    if (!due) return null;
    // Candor's own tables only: a bare ANALYZE would take every schema of the database (other tenants' included).
    const tables = (
      await tx.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
      )
    ).rows.map((r) => r.name);
    if (tables.length) await tx.query(`ANALYZE ${tables.join(', ')}`);
    await recordAnalyzed(tx, due.reviews);
    return due;
  });
}
