import type { Database } from './database.js';

/**
 * Channels the triggers notify at commit (migrations 2050, 2051). The payload names the schema that changed,
 * followed for candor_content by ":" and the new content version.
 */
export type ChangeChannel = 'candor_content' | 'candor_model';

export interface ChangeHandlers {
  /** `version`: the content version the commit wrote, when the notification carries one. */
  changed(version: number | null): void;
  /** Listening (again) or not; notifications sent while not listening are lost, so treat both as "changed". */
  live(listening: boolean): void;
}

/**
 * Calls `changed` for each commit that notified `channel` in this database's schema. PostgreSQL delivers a
 * channel's notifications database-wide, so those of other schemas (other Candor databases, test schemas) are
 * dropped here.
 */
export async function listenForChanges(db: Database, channel: ChangeChannel, handlers: ChangeHandlers): Promise<void> {
  const schema = (await db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema ?? 'public';
  await db.listen(channel, {
    notify: (payload) => {
      if (payload === schema) return handlers.changed(null);
      const colon = payload.lastIndexOf(':');
      if (colon > 0 && payload.slice(0, colon) === schema) handlers.changed(Number(payload.slice(colon + 1)));
    },
    live: (listening) => handlers.live(listening),
  });
}
