import session from 'express-session';
import type { Queryable } from './database.js';

const DEFAULT_TTL_MS = 14 * 86_400_000;

/**
 * express-session store on the sessions table: every Candor process sees the same sign-ins.
 *
 * A write that reaches the table after a later one is dropped. express-session sends a response's headers (and a
 * redirect's Location) before that response's session write has finished, so a browser can already be sending its
 * next request; on PostgreSQL the two writes travel on different pooled connections and can land in either order.
 * Seen in the bench: the sign-in's second write (without a form token) landed after the next page had stored the
 * token, and every post from that session was refused as a forged form. Candor's sessions are rolling: each answer
 * sets the cookie's expiry to its own time plus the session's life, so of two writes the later expiry belongs to
 * the later answer, and a write or touch carrying an earlier expiry than the row's is the stale one.
 */
export class PostgresSessionStore extends session.Store {
  constructor(private readonly db: Queryable) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db.query<{ sess: session.SessionData | string }>('SELECT sess FROM sessions WHERE sid = $1 AND expires_at > now()', [sid]).then((result) => {
      const row = result.rows[0];
      callback(null, row ? (typeof row.sess === 'string' ? JSON.parse(row.sess) : row.sess) : null);
    }, callback);
  }

  override set(sid: string, sess: session.SessionData, callback?: (err?: unknown) => void): void {
    this.db
      .query(
        `INSERT INTO sessions (sid, sess, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (sid) DO UPDATE SET sess = EXCLUDED.sess, expires_at = EXCLUDED.expires_at
         WHERE sessions.expires_at <= EXCLUDED.expires_at`,
        [sid, JSON.stringify(sess), expiry(sess)],
      )
      .then(() => callback?.(), callback);
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.db.query('DELETE FROM sessions WHERE sid = $1', [sid]).then(() => callback?.(), callback);
  }

  override touch(sid: string, sess: session.SessionData, callback?: () => void): void {
    this.db.query('UPDATE sessions SET expires_at = $2 WHERE sid = $1 AND expires_at < $2', [sid, expiry(sess)]).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  /** Expired rows are removed now and then rather than on every request. */
  async prune(): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at <= now()');
  }
}

function expiry(sess: session.SessionData): Date {
  const expires = sess.cookie?.expires;
  return expires ? new Date(expires) : new Date(Date.now() + DEFAULT_TTL_MS);
}
