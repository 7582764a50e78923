import { readContentVersion } from './content-version-repo.js';
import { listenForChanges } from './change-notifications.js';
import type { Database } from './database.js';

/**
 * This process's view of the public-content version, kept without reading the database on every request.
 *
 * The number is a local counter, not the row's value: it moves whenever public content may have changed — a
 * notification from the trigger (any process, any connection, sent at commit; a process hears of its own commits
 * before they return, see Database.listen), or the listening connection being lost or coming back (notifications
 * may have been missed). A commit heard twice (on the listening connection and on the committing one) moves it
 * once. Moving too often only costs a cache miss; it never stays still after a change it was told about.
 *
 * While not listening (before the first LISTEN, or while the connection is lost) `current()` falls back to
 * reading the version row, as every request did before, so nothing stale is served in the meantime.
 */
export class ContentVersionWatch {
  private counter = 1;
  private listening = false;
  private started = false;
  private lastRowVersion: number | null = null;
  /** The highest content version heard in a notification: the same commit heard again is not a change. */
  private lastNotified = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly db: Database) {}

  /** Listening: `current()` answers without a database read. */
  get live(): boolean {
    return this.listening;
  }

  /** The current local version when it is known without a database read (listening), else null. */
  known(): number | null {
    return this.listening ? this.counter : null;
  }

  /** The current local version: a number at once while listening; otherwise after one read of the version row. */
  current(): number | Promise<number> {
    if (this.listening) return this.counter;
    if (!this.started) this.start();
    return readContentVersion(this.db).then((version) => {
      if (version !== this.lastRowVersion) {
        this.lastRowVersion = version;
        this.bump();
      }
      return this.counter;
    });
  }

  /** Resolves at the next change this process learns of (tests wait on it instead of sleeping). */
  nextChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Starts listening (idempotent); resolves once listening or after the first failed attempt. */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.started = true;
    return listenForChanges(this.db, 'candor_content', {
      changed: (version) => {
        if (version !== null && Number.isFinite(version)) {
          if (version <= this.lastNotified) return;
          this.lastNotified = version;
        }
        this.bump();
      },
      live: (listening) => {
        // Both ways everything may have changed unseen: going live, since the last row read; going down, since
        // the last notification. Either way stored responses are dropped.
        this.listening = listening;
        this.lastRowVersion = null;
        this.bump();
      },
    }).catch(() => {
      // Not listening: current() keeps reading the row; a later call does not retry (the PostgreSQL listener
      // retries by itself once it has started).
    });
  }

  private bump(): void {
    this.counter++;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
