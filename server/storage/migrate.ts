import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../root.js';
import type { Database } from './database.js';
import { splitSqlStatements } from './sql-statements.js';

const MIGRATIONS_DIR = path.join(ROOT, 'server/storage/migrations');
// Any constant works; it only has to be the same in every Candor process sharing one database.
export const MIGRATION_LOCK_KEY = 7_246_311;

/**
 * Applies numbered SQL files (0001-name.sql …) that have not run yet, each in its own transaction, under the
 * migration lock; `then` runs under the same lock (start-up loads the demo data there, so no process serves a
 * half-loaded database and two processes starting together do not both load it).
 */
export async function migrate(db: Database, then?: () => Promise<void>, options: MigrateOptions = {}): Promise<string[]> {
  return db.exclusive(MIGRATION_LOCK_KEY, async () => {
    const applied = await applyMigrations(db, options);
    await then?.();
    return applied;
  });
}

export interface MigrateOptions {
  /** Stop before the first file whose name sorts at or after this one (an older release's schema, for upgrade tests). */
  before?: string;
}

async function applyMigrations(db: Database, options: MigrateOptions): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (options.before !== undefined && file >= options.before) break;
    if (done.has(file)) continue;
    const sql = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
    await db.transaction(async (tx) => {
      // Deferred triggers (the content-version bumps) fire at once: PostgreSQL refuses to ALTER a table that still
      // has pending trigger events, which a migration that updates rows and then alters their table would leave.
      await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
      // One statement per call: PGlite's query (and pg's extended protocol) take one at a time.
      for (const statement of splitSqlStatements(sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    });
    applied.push(file);
  }
  return applied;
}
