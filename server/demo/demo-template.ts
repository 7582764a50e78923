import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { openPglite, PGLITE_TEMPLATE_DIR, startFromTemplate } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';
import { DEMO_KEY_FILE, markDemoTemplate } from '../storage/pglite-template.js';
import { buildServices } from '../wiring.js';
import { seedDemoData } from './seed-demo.js';

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
