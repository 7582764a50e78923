import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../root.js';
import { openPglite, PGLITE_TEMPLATE_DIR, startFromTemplate, type Database, type Queryable } from './database.js';
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

/**
 * The directory a new PGlite data directory with demo data starts from: the empty template with the demo shop loaded
 * by `npm run build` through the same use cases and integrity checks as a start-up would load it (seed-demo.ts), at
 * the build's time. A copy's times are moved to the start's time (shiftDemoTimes). Used only by the code that built
 * it: DEMO_KEY_FILE holds serverCodeKey() of that build, and a start whose own key differs loads the demo itself.
 */
export const DEMO_TEMPLATE_DIR = PGLITE_TEMPLATE_DIR.replace(/-template$/, '-demo-template');
export const DEMO_KEY_FILE = 'candor-demo.key';
/** The instance setting a demo template carries until its times are moved to a start's time. */
export const DEMO_TIME_SETTING = 'demo_template_time';

const SERVER_DIR = path.join(ROOT, 'server');

/**
 * A hash of the server's code and migrations as they run (dist/server when compiled, server/ under the TypeScript
 * loader): any change to the code that loads the demo, to the integrity checks or to the schema changes it. Links
 * (dist's widget source) and source maps are left out.
 */
export function serverCodeKey(serverDir = SERVER_DIR): string {
  const hash = createHash('sha256');
  const walk = (dir: string, relative: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), rel);
      else if (entry.isFile() && /\.(js|ts|sql)$/.test(entry.name))
        hash
          .update(`${rel}\0`)
          .update(readFileSync(path.join(dir, entry.name)))
          .update('\0');
    }
  };
  walk(serverDir, '');
  return hash.digest('hex');
}

/** The code key a demo template was built with, or null when there is no complete template. */
export function demoTemplateKey(dir = DEMO_TEMPLATE_DIR): string | null {
  const file = path.join(dir, DEMO_KEY_FILE);
  if (!existsSync(file) || !existsSync(path.join(dir, 'PG_VERSION'))) return null;
  return readFileSync(file, 'utf8').trim();
}

/**
 * A new data directory gets a copy of the demo template when the template was built by the code that is running;
 * otherwise nothing happens (the start copies the empty template and loads the demo itself). True when it copied.
 */
export function startFromDemoTemplate(dataDir: string, templateDir = DEMO_TEMPLATE_DIR, codeKey: () => string = serverCodeKey): boolean {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  const key = demoTemplateKey(templateDir);
  if (!key || key !== codeKey()) return false;
  return startFromTemplate(dataDir, templateDir, [DEMO_KEY_FILE]);
}

/** What a demo template's marker holds: the time it was loaded at, and where its times are. */
interface DemoMarker {
  at: string;
  /** The tables that hold rows, each with its time columns and whether a unique index covers one of them. */
  tables: { name: string; columns: string[]; unique: boolean }[];
}

/**
 * Marks a database loaded with the demo at `at` as a demo template (see shiftDemoTimes), with the list of its time
 * columns in the tables that have rows: read from the catalogue here, once, rather than at every fresh start.
 */
export async function markDemoTemplate(db: Queryable, at: Date): Promise<void> {
  const columns = (
    await db.query<{ table_name: string; column_name: string; in_unique: boolean }>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND a.attnum = ANY (i.indkey)) AS in_unique
         FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
          AND a.atttypid IN ('timestamptz'::regtype, 'timestamp'::regtype)
        ORDER BY 1, 2`,
    )
  ).rows;
  const tables: DemoMarker['tables'] = [];
  for (const column of columns) {
    let table = tables.at(-1);
    if (table?.name !== column.table_name) {
      table = { name: column.table_name, columns: [], unique: false };
      tables.push(table);
    }
    table.columns.push(column.column_name);
    table.unique ||= column.in_unique;
  }
  const filled: DemoMarker['tables'] = [];
  for (const table of tables) {
    if ((await db.query(`SELECT 1 FROM ${quoteName(table.name)} LIMIT 1`)).rows.length) filled.push(table);
  }
  const marker: DemoMarker = { at: at.toISOString(), tables: filled };
  await db.query('INSERT INTO instance_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value', [
    DEMO_TIME_SETTING,
    JSON.stringify(marker),
  ]);
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A copy of the demo template holds the times of the build. Every time in the database is moved forward by the time
 * since then, in one transaction, so the demo reads as if it had been loaded now: a review posted "three days ago" at
 * the build was posted three days before `now`. The reviews per day (product_daily, merchant_daily, shop_daily) are
 * counted again from the moved reviews, since a review can move across midnight. Triggers are off meanwhile (nothing
 * but times changes; the content-version bump is one statement at the end). Returns the shift in milliseconds, or null
 * when the database is not a demo template copy (or was moved already).
 */
export async function shiftDemoTimes(db: Database, now: Date): Promise<number | null> {
  return db.transaction(async (tx) => {
    const marker = (await tx.query<{ value: string }>('SELECT value FROM instance_settings WHERE name = $1 FOR UPDATE', [DEMO_TIME_SETTING])).rows[0];
    if (!marker) return null;
    const { at, tables } = JSON.parse(marker.value) as DemoMarker;
    const shiftMs = now.getTime() - new Date(at).getTime();
    await tx.query("SET LOCAL session_replication_role = 'replica'");
    const update = (table: string, names: string[]) =>
      `UPDATE ${quoteName(table)} SET ${names.map((name) => `${quoteName(name)} = ${quoteName(name)} + $1::bigint * interval '1 millisecond'`).join(', ')}`;
    for (const { name, columns, unique } of tables) {
      // A unique index on a time: every row first goes far ahead, out of the way of the rows not moved yet.
      const farAhead = 1000 * 366 * 86_400_000;
      if (unique) {
        await tx.query(update(name, columns), [farAhead]);
        await tx.query(update(name, columns), [shiftMs - farAhead]);
      } else {
        await tx.query(update(name, columns), [shiftMs]);
      }
    }
    await tx.query('DELETE FROM merchant_daily');
    await tx.query('DELETE FROM shop_daily');
    await tx.query('DELETE FROM product_daily');
    await tx.query(
      `INSERT INTO product_daily (product_id, day, count, rating_sum, verified_count)
       SELECT product_id, (created_at AT TIME ZONE 'UTC')::date, count(*), sum(rating), count(order_id) FROM reviews GROUP BY 1, 2`,
    );
    await tx.query('INSERT INTO shop_daily (day, count) SELECT day, sum(count) FROM product_daily GROUP BY day');
    await tx.query(
      `INSERT INTO merchant_daily (merchant_id, day, count)
       SELECT p.merchant_id, d.day, sum(d.count) FROM product_daily d JOIN products p ON p.id = d.product_id GROUP BY 1, 2`,
    );
    await tx.query("SET LOCAL session_replication_role = 'origin'");
    await tx.query('UPDATE content_version SET version = version + 1 WHERE id = 1');
    await tx.query('DELETE FROM instance_settings WHERE name = $1', [DEMO_TIME_SETTING]);
    return shiftMs;
  });
}
