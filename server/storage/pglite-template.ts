import { existsSync } from 'node:fs';
import path from 'node:path';
import { openPglite } from './database.js';
import { migrate } from './migrate.js';

/**
 * Databases initdb creates that Candor never uses: it works in `postgres` (PGlite's default database) and never
 * runs CREATE DATABASE, which is all template0 and template1 are for.
 */
const UNUSED_DATABASES = ['template0', 'template1'] as const;

/**
 * Writes the directory new PGlite data directories start from (see PGLITE_TEMPLATE_DIR): PGlite's own initdb, the
 * migrations, then initdb's two template databases dropped. A fresh start copies every file of this directory; the
 * template databases were half of them (600 of 1,220 files, 14 of 41 MB), and on this project's machine creating
 * the files, not their bytes, is what a copy costs (about 0.8 ms a file).
 */
export async function writePgliteTemplate(dir: string): Promise<void> {
  // PGlite's own initdb, not a copy of an older template: a migration edited in place is applied as it is now.
  const db = await openPglite(dir, { fromTemplate: false });
  try {
    await migrate(db);
    for (const name of UNUSED_DATABASES) {
      await db.query(`ALTER DATABASE ${name} IS_TEMPLATE false`);
      await db.query(`DROP DATABASE ${name}`);
    }
    await db.query('CHECKPOINT');
  } finally {
    await db.close();
  }
}

/**
 * True when a template directory was written before the template databases were dropped (the build writes it again):
 * template1's files live in base/1, its object id being fixed at 1 by initdb.
 */
export function templateHasUnusedDatabases(dir: string): boolean {
  return existsSync(path.join(dir, 'base', '1'));
}
