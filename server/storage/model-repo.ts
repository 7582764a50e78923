import type { Queryable } from './database.js';

export interface LabelledText {
  text: string;
  fake: boolean;
}

/** The latest moderator label per item (a later decision overrides an earlier one), only those about authenticity. */
export async function latestModeratorLabels(db: Queryable, limit = 50_000): Promise<LabelledText[]> {
  const rows = (
    await db.query<{ text: string; fake: boolean }>(
      `SELECT text, fake FROM (
         SELECT DISTINCT ON (target_kind, target_id) text, fake FROM moderator_labels
         ORDER BY target_kind, target_id, id DESC
       ) latest WHERE fake IS NOT NULL LIMIT $1`,
      [limit],
    )
  ).rows;
  return rows.map((r) => ({ text: r.text, fake: Boolean(r.fake) }));
}

export interface StoredModelInfo {
  version: string;
  trainingSize: number;
  positives: number;
  trainedAt: Date;
  trainedBy: string | null;
  trainedByName: string | null;
  active: boolean;
}

/** Stores a trained model and makes it the only active one, in the caller's transaction. */
export async function storeActiveModel(
  db: Queryable,
  model: { version: string; json: string; trainingSize: number; positives: number; trainedAt: Date; trainedBy: string | null },
): Promise<void> {
  await db.query('UPDATE text_models SET active = false WHERE active');
  await db.query(
    `INSERT INTO text_models (version, model, training_size, positives, trained_at, trained_by, active)
     VALUES ($1, $2, $3, $4, $5, $6, true)
     ON CONFLICT (version) DO UPDATE SET active = true, trained_at = EXCLUDED.trained_at, trained_by = EXCLUDED.trained_by`,
    [model.version, model.json, model.trainingSize, model.positives, model.trainedAt, model.trainedBy],
  );
}

export async function activeModelJson(db: Queryable): Promise<string | null> {
  const row = (await db.query<{ model: string }>('SELECT model FROM text_models WHERE active LIMIT 1')).rows[0];
  return row?.model ?? null;
}

/** The active model's version only: the cheap poll every process runs to notice a retrain elsewhere. */
export async function activeModelVersion(db: Queryable): Promise<string | null> {
  const row = (await db.query<{ version: string }>('SELECT version FROM text_models WHERE active LIMIT 1')).rows[0];
  return row?.version ?? null;
}

export async function listModels(db: Queryable, limit = 50): Promise<StoredModelInfo[]> {
  const rows = (
    await db.query<Record<string, unknown>>(
      `SELECT t.version, t.training_size, t.positives, t.trained_at, t.trained_by, a.display_name, t.active
       FROM text_models t LEFT JOIN accounts a ON a.id = t.trained_by ORDER BY t.trained_at DESC LIMIT $1`,
      [limit],
    )
  ).rows;
  return rows.map((r) => ({
    version: r.version as string,
    trainingSize: Number(r.training_size),
    positives: Number(r.positives),
    trainedAt: new Date(r.trained_at as string),
    trainedBy: (r.trained_by as string | null) ?? null,
    trainedByName: (r.display_name as string | null) ?? null,
    active: Boolean(r.active),
  }));
}

export async function countLabels(db: Queryable): Promise<{ fake: number; genuine: number }> {
  const row = (
    await db.query<{ fake: number; genuine: number }>(
      `SELECT count(*) FILTER (WHERE fake)::int AS fake, count(*) FILTER (WHERE NOT fake)::int AS genuine FROM (
         SELECT DISTINCT ON (target_kind, target_id) fake FROM moderator_labels ORDER BY target_kind, target_id, id DESC
       ) latest`,
    )
  ).rows[0];
  return { fake: Number(row?.fake ?? 0), genuine: Number(row?.genuine ?? 0) };
}
