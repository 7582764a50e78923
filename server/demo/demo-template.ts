import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { openPglite, PGLITE_TEMPLATE_DIR, startFromTemplate } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { DEMO_KEY_FILE, markDemoTemplate } from '../storage/pglite-template.js';
import { buildServices, type Services } from '../wiring.js';
import { seedDemoData } from './seed-demo.js';
import { drainReassessments } from '../reviews/integrity-gate.js';
import { promoteDueRechecks } from '../storage/review-repo.js';
import type { Database } from '../storage/database.js';

/** Promotes the re-checks due at `at` and drains the job queue, until neither has anything left (the worker's passes). */
export async function drainDueRechecks(db: Database, integrity: Services['integrity'], at: Date): Promise<number> {
  let processed = 0;
  for (;;) {
    const { promoted } = await promoteDueRechecks(db, at);
    const pass = await drainReassessments(db, integrity, at);
    processed += pass.processed;
    if (promoted === 0 && pass.processed === 0) return processed;
  }
}

/**
 * Writes a demo template (see DEMO_TEMPLATE_DIR): the empty template's copy (or PGlite's own initdb), migrated, the
 * demo shop loaded by seedDemoData at `at` — every review through the submit path and its integrity checks, their
 * verdicts recorded — then marked with `at` so a copy moves its times to its own start. No session secret is kept in
 * it (each data directory generates its own at its first start). `key` (serverCodeKey of the code that loaded it) is
 * written last, beside the database files: a template without it is never used.
 */
export async function writeDemoTemplate(dir: string, options: { key: string; at?: Date; emptyTemplate?: string }): Promise<Record<string, number> | null> {
  const at = options.at ?? new Date();
  startFromTemplate(dir, options.emptyTemplate ?? PGLITE_TEMPLATE_DIR);
  const db = await openPglite(dir, { fromTemplate: false });
  let seeded: Record<string, number> | null = null;
  try {
    const config = loadConfig({
      NODE_ENV: 'production',
      CANDOR_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      CANDOR_DEMO_DATA: 'auto',
      // Used while loading and forgotten: nothing signed with it is kept, and it is not stored in the template.
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    });
    await migrate(db, async () => {
      const services = buildServices({ config, db, logger: pino({ level: 'silent' }), clock: () => at });
      seeded = await seedDemoData(services);
      // The re-checks whose window had closed by `at` (the demo's older reviews), made now as the worker would: a copy
      // moves every time by the same amount, so they would fall due at once at its first start and keep the first
      // process (or, if it is stopped early, the next one) busy before its first answers.
      await drainDueRechecks(db, services.integrity, at);
      await markDemoTemplate(db, at);
    });
    // What PostgreSQL's autovacuum would have done after such a load: planner statistics and the visibility map.
    await db.query('VACUUM ANALYZE');
    await db.query('CHECKPOINT');
  } finally {
    await db.close();
  }
  writeFileSync(path.join(dir, DEMO_KEY_FILE), `${options.key}\n`);
  return seeded;
}
