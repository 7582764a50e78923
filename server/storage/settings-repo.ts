import type { Queryable } from './database.js';

/** Stores `candidate` under `name` unless a value exists, and returns the stored value (atomic across processes). */
export async function ensureInstanceSetting(db: Queryable, name: string, candidate: string): Promise<string> {
  await db.query('INSERT INTO instance_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, candidate]);
  const row = (await db.query<{ value: string }>('SELECT value FROM instance_settings WHERE name = $1', [name])).rows[0];
  if (!row) throw new Error(`instance setting ${name} could not be stored`);
  return row.value;
}
