import type { Options, Store, IncrementResponse } from 'express-rate-limit';
import type { Queryable } from './database.js';

/**
 * express-rate-limit counters kept in Postgres, so a limit holds across every Candor process sharing the
 * database. One upsert per hit: a window that has run out starts again at 1.
 */
export class PostgresRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly db: Queryable,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const row = (
      await this.db.query<{ hits: number; reset_at: Date }>(
        `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES ($1, 1, now() + ($2 || ' milliseconds')::interval)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limit_hits.reset_at <= now() THEN 1 ELSE rate_limit_hits.hits + 1 END,
           reset_at = CASE WHEN rate_limit_hits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limit_hits.reset_at END
         RETURNING hits, reset_at`,
        [this.prefix + key, String(this.windowMs)],
      )
    ).rows[0]!;
    return { totalHits: row.hits, resetTime: new Date(row.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.query('UPDATE rate_limit_hits SET hits = greatest(hits - 1, 0) WHERE key = $1', [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query('DELETE FROM rate_limit_hits WHERE key = $1', [this.prefix + key]);
  }
}
