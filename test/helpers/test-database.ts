import type { PGlite } from '@electric-sql/pglite';
import { openFreshSchema, openPglite, wrapPglite, type Database } from '../../server/storage/database.js';
import { migrate } from '../../server/storage/migrate.js';

let template: Promise<PGlite> | null = null;

/** A migrated PGlite built once per test process; each test file gets its own clone of it (≈0.5 s). */
function migratedTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const db = await openPglite(undefined);
    await migrate(db);
    return db.pglite;
  })();
  return template;
}

/**
 * A fresh, migrated, empty database: a PGlite clone by default, or, when DATABASE_URL is set, a new schema
 * on that PostgreSQL server (dropped again by close()).
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = await openFreshSchema(url, 'test');
    await migrate(db);
    return db;
  }
  const clone = await (await migratedTemplate()).clone();
  return wrapPglite(clone as PGlite);
}

/** A database with no tables yet (PGlite in memory, or a new schema on DATABASE_URL): for migration tests. */
export async function createEmptyTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? openFreshSchema(url, 'test') : openPglite(undefined);
}
