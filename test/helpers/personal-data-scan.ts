import type { Database } from '../../server/storage/database.js';

/**
 * Every table of the test schema (enumerated from information_schema, so a table added later is searched too)
 * whose rows contain any of the needles, case-insensitively, anywhere in any column (jsonb included).
 */
export async function tablesContaining(db: Database, needles: readonly string[]): Promise<string[]> {
  const tables = (
    await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
  ).rows.map((r) => r.name);
  const found: string[] = [];
  for (const table of tables) {
    for (const needle of needles) {
      const n = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" t WHERE strpos(lower(to_jsonb(t)::text), lower($1)) > 0`, [needle]))
        .rows[0]!.n;
      if (n > 0) found.push(`${table} holds “${needle}” (${n} rows)`);
    }
  }
  return found;
}
