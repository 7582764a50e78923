// Replay throughput: a generated scenario fed through runReplay (the same use cases and pipeline as the web app)
// on a fresh database, timed. Stops at a time budget so a slow replay cannot hold the whole bench.
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import type { ReplayEvent } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { openFreshSchema, openPglite, type Database } from '../../server/storage/database.js';
import { migrate } from '../../server/storage/migrate.js';
import { buildServices } from '../../server/wiring.js';
import { generateScenario } from '../../test/fixtures/scenario-generator.js';

/** Reviews in one scenario at scale 1 (seed 7): scales are derived from it to reach a target size. */
const REVIEWS_AT_SCALE_1 = 2611;

class BudgetSpent extends Error {}

export interface ReplayThroughput {
  targetReviews: number;
  reviews: number;
  seconds: number;
  reviewsPerSec: number;
  /** Throughput over the last fifth of what was replayed: shows whether it slows as the database grows. */
  finalReviewsPerSec: number;
  complete: boolean;
}

export async function measureReplay(targetReviews: number, budgetSec: number): Promise<ReplayThroughput> {
  const { events } = generateScenario({ seed: 7, scale: targetReviews / REVIEWS_AT_SCALE_1 });
  const stream = events.map((event, i) => ({ line: i + 1, event: event as ReplayEvent }));
  const url = process.env.DATABASE_URL;
  const db: Database = url ? await openFreshSchema(url, 'bench_replay', 2) : await openPglite(undefined);
  try {
    await migrate(db);
    const config = loadConfig({ ...process.env, CANDOR_DEMO_DATA: 'off', LOG_LEVEL: 'silent' });
    const services = buildServices({ config, db, logger: pino({ level: 'silent' }) });
    const marks: { done: number; at: number }[] = [];
    const started = performance.now();
    let complete = true;
    try {
      await runReplay(services, stream, (done) => {
        const at = performance.now();
        marks.push({ done, at });
        if (at - started > budgetSec * 1000) throw new BudgetSpent();
      });
    } catch (error) {
      if (!(error instanceof BudgetSpent)) throw error;
      complete = false;
    }
    const last = marks.at(-1) ?? { done: 0, at: started };
    const seconds = (last.at - started) / 1000;
    const fifth = marks[Math.floor(marks.length * 0.8)] ?? last;
    const finalSeconds = (last.at - fifth.at) / 1000;
    return {
      targetReviews,
      reviews: last.done,
      seconds,
      reviewsPerSec: seconds > 0 ? last.done / seconds : 0,
      finalReviewsPerSec: finalSeconds > 0 ? (last.done - fifth.done) / finalSeconds : 0,
      complete,
    };
  } finally {
    await db.close();
  }
}
