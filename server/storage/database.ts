import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { ROOT } from '../root.js';
import { pgliteStatements } from './pglite-statements.js';
import { createStatementProfile, type StatementProfile, statementProfileEnabled } from './statement-profile.js';

export interface QueryResult<T> {
  rows: T[];
}

/** The only database surface Candor's storage uses; both PGlite and a pg.Pool client satisfy it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /**
   * Several statements sent together, results in order (PGlite inside a transaction: one call into its backend
   * instead of one per statement). Absent elsewhere: query-batch.ts then sends them one by one.
   */
  queryMany?(queries: { sql: string; params: unknown[] }[]): Promise<QueryResult<unknown>[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: everything it writes commits together or not at all. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs fn while holding a database-wide lock named by `key`, so only one process at a time does it (migrations,
   * loading the demo data). On PostgreSQL a session advisory lock held on a connection of its own; PGlite has one
   * process per data directory (see data-dir-lock.ts), so there it simply runs fn.
   */
  exclusive<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /**
   * Listens on a notification channel (NOTIFY from any process). On PostgreSQL a connection of its own that
   * reconnects by itself: `live(false)` when it is lost (notifications may be missed until) `live(true)` again.
   * On PGlite the notifications of a commit are delivered before that commit's query returns; on PostgreSQL the
   * pool's own connections listen on POOL_CHANNELS too, so a commit's notification reaches this process on the
   * committing connection before its COMMIT returns (a process always hears of its own writes first). A handler
   * may therefore hear one commit more than once. Stopped by close().
   */
  listen(channel: string, handlers: ListenHandlers): Promise<void>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  notify(payload: string): void;
  live(listening: boolean): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * Channels every pooled PostgreSQL connection listens on from the moment it connects: a connection that commits a
 * change of public content hears of it before its COMMIT returns (see Database.listen).
 */
const POOL_CHANNELS = ['candor_content'] as const;

const requireModule = createRequire(import.meta.url);

/**
 * The PostgreSQL client, loaded when a PostgreSQL database is opened: a PGlite start-up does not pay for it. Loading it
 * again returns the same module (Node caches it), so the type parsers are set once per process in effect.
 */
function loadPg(): typeof pg {
  const module = requireModule('pg') as typeof pg;
  // int8 (count(*), bigserial) comes back as a string from pg but a number from PGlite; numeric likewise.
  module.types.setTypeParser(20, (value) => Number(value));
  module.types.setTypeParser(1700, (value) => Number(value));
  return module;
}

/**
 * plan_cache_mode: a prepared statement is planned once and its plan kept (PGlite has one session, and Candor
 * prepares each SQL text once, pglite-statements.ts). Left to PostgreSQL's default, a statement whose parameters
 * include an array (`unnest($1::text[])`, `= ANY($1)`) was planned again at every run: the kept plan's estimate
 * assumes a longer array than the one given, so it always looked dearer than a fresh plan. Four statements of
 * every check did this (the holder counts of shared identifiers and of the drift check, and the linked accounts'
 * facts); planning was most of their time. Plans change which index is read first, never the rows: verdicts are
 * identical on the replay (B seed 3 and A seed 13). A kept plan is still made again when VACUUM ANALYZE changes
 * a table's statistics.
 *
 * PGlite reserves PostgreSQL's default 128 MB of shared buffers inside its WebAssembly memory, which alone made
 * the server's resident memory pass 500 MB. Pages are read through the operating system's file cache anyway, so
 * a small buffer pool costs little speed and keeps the process under 300 MB with 100k reviews.
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'plan_cache_mode=force_generic_plan'];

const PGLITE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;

/**
 * A new PGlite data directory starts as a copy of this directory when it exists (written by `npm run build`, run
 * by prestart): it holds an empty database with the migrations of its build (migrate() applies any newer ones).
 * Copying its files takes about a quarter of the CPU time of PGlite's own initdb or of unpacking an archive
 * through PGlite's virtual file system (measured: 0.9 s against 1.7–2.2 s of CPU on a loaded 2-core machine).
 * Keyed by PGlite's version, whose files it holds.
 */
export const PGLITE_TEMPLATE_DIR = path.join(ROOT, `node_modules/.cache/candor/pglite-${PGLITE_VERSION}-template`);

/**
 * Copies the template into a data directory that has no database yet. PG_VERSION, which marks a directory as a
 * database, is copied last: a copy cut short (a crash) is not mistaken for a database, and the next start copies
 * again over it. True when it copied.
 */
export function startFromTemplate(dataDir: string | undefined, templateDir = PGLITE_TEMPLATE_DIR, skip: readonly string[] = []): boolean {
  if (!dataDir || dataDir.startsWith('memory://') || existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  if (!existsSync(path.join(templateDir, 'PG_VERSION'))) return false;
  copyTree(templateDir, dataDir, new Set(['PG_VERSION', ...skip]));
  copyFileSync(path.join(templateDir, 'PG_VERSION'), path.join(dataDir, 'PG_VERSION'));
  return true;
}

/**
 * Copies a directory tree file by file, over what is there (other files stay), leaving out the names in `skip` at
 * the top. A plain walk: fs.cpSync checks each path several times over, which cost a quarter more on a template's
 * files.
 */
function copyTree(from: string, to: string, skip?: ReadonlySet<string>): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (skip?.has(entry.name)) continue;
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else copyFileSync(source, target);
  }
}

/** `fromTemplate: false` runs PGlite's own initdb on a new directory (the build uses it to write the template). */
export async function openPglite(
  dataDir: string | undefined,
  options: { fromTemplate?: boolean } = {},
): Promise<Database & { pglite: PGlite; profile?: StatementProfile }> {
  if (options.fromTemplate !== false) startFromTemplate(dataDir);
  const pglite = await PGlite.create(dataDir ?? 'memory://', { startParams: PGLITE_START_PARAMS });
  return wrapPglite(pglite);
}

// Deadlock (40P01) and serialization failure (40001): the database rolled the whole transaction back, so running
// it again is safe and usually succeeds; the caller then gets the real outcome instead of an error for work that
// may look lost. Lock order is kept consistent (see review-repo) so these stay rare.
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

export function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

/** Runs a whole transaction again (up to MAX_ATTEMPTS) when the database aborted it for a retryable conflict. */
export async function retryOnConflict<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
      // A short random pause lets the other transaction finish before this one takes its locks again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

export function wrapPglite(pglite: PGlite): Database & { pglite: PGlite; profile?: StatementProfile } {
  const stops: (() => Promise<void>)[] = [];
  // CANDOR_SQL_PROFILE=1: the time of each parameterised statement (statement-profile.ts); nothing when unset.
  const profile = statementProfileEnabled() ? createStatementProfile() : undefined;
  // Parameterised queries (the application's own) run as prepared statements in one call each (pglite-statements.ts);
  // statements without parameters (migrations, LISTEN, maintenance) keep PGlite's own path.
  const statements = pgliteStatements(pglite, profile);
  return {
    kind: 'pglite',
    pglite,
    ...(profile ? { profile } : {}),
    query: <T>(sql: string, params?: unknown[]) => {
      if (params?.length) return statements.alone<T>(sql, params);
      const run = () => pglite.query<T>(sql, params) as Promise<QueryResult<T>>;
      return profile ? profile.time(sql, [], run) : run();
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      retryOnConflict(() =>
        pglite.transaction((tx) =>
          fn({
            query: <R>(sql: string, params?: unknown[]) => {
              if (tx.closed) throw new Error('Transaction is closed');
              return params?.length ? statements.inTransaction<R>(sql, params) : (tx.query<R>(sql, params) as Promise<QueryResult<R>>);
            },
            queryMany: (queries) => {
              if (tx.closed) throw new Error('Transaction is closed');
              return statements.manyInTransaction(queries);
            },
          }),
        ),
      ),
    exclusive: <T>(_key: number, fn: () => Promise<T>) => fn(),
    async listen(channel, handlers) {
      if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
      stops.push(await pglite.listen(channel, (payload) => handlers.notify(payload)));
      handlers.live(true);
    },
    async close() {
      for (const stop of stops.splice(0)) await stop().catch(() => undefined);
      await pglite.close();
    },
  };
}

export function openPostgres(url: string, options: { schema?: string; max?: number } = {}): Database {
  const poolHandlers = new Map<string, ListenHandlers[]>();
  const pg = loadPg();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: options.schema ? `-c search_path=${options.schema},public` : undefined,
    // PostgreSQL delivers a session's own notifications when its transaction ends, before it reports ready: so the
    // 'notification' below fires before the writer's query resolves (see Database.listen).
    onConnect: async (client) => {
      client.on('notification', (message) => {
        for (const handlers of poolHandlers.get(message.channel) ?? []) handlers.notify(message.payload ?? '');
      });
      for (const channel of POOL_CHANNELS) await client.query(`LISTEN ${channel}`);
    },
  });
  pool.on('error', () => {
    // An idle client that lost its server is discarded by the pool; the next query reconnects.
  });
  const listeners: PostgresListener[] = [];
  async function runTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // A transaction's loaders start their queries together (Promise.all); one connection runs one query at a time,
      // so they are chained here rather than left to node-postgres's internal queue (deprecated, gone in pg 9).
      let previous: Promise<unknown> = Promise.resolve();
      const result = await fn({
        query: <R>(sql: string, params?: unknown[]) => {
          const run = previous.then(() => client.query(sql, params)) as unknown as Promise<QueryResult<R>>;
          previous = run.catch(() => undefined);
          return run;
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)) as unknown as QueryResult<T>,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => retryOnConflict(() => runTransaction(fn)),
    async exclusive<T>(key: number, fn: () => Promise<T>): Promise<T> {
      // Lock and unlock must run on the same connection: a session lock belongs to the connection that took it.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async listen(channel, handlers) {
      if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
      const listener = new PostgresListener(
        () =>
          new pg.Client({
            connectionString: url,
            options: options.schema ? `-c search_path=${options.schema},public` : undefined,
            // Named, so an operator (or a test) can tell it from the pool's connections in pg_stat_activity.
            application_name: `candor listener${options.schema ? ` ${options.schema}` : ''}`,
          }),
        channel,
        handlers,
      );
      listeners.push(listener);
      if ((POOL_CHANNELS as readonly string[]).includes(channel)) poolHandlers.set(channel, [...(poolHandlers.get(channel) ?? []), handlers]);
      await listener.start();
    },
    async close() {
      for (const listener of listeners.splice(0)) await listener.stop();
      await pool.end();
    },
  };
}

/**
 * LISTEN on a connection of its own. A lost connection is reported (`live(false)`), then replaced after a pause;
 * notifications sent meanwhile are lost, which is why the new connection reports `live(true)` only after its
 * LISTEN: the owner then treats everything as possibly changed.
 */
class PostgresListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly connect: () => pg.Client,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
  ) {}

  /** Resolves once listening, or after the first failed attempt (retries continue in the background). */
  async start(): Promise<void> {
    if (this.stopped) return;
    const client = this.connect();
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      client.end().catch(() => undefined);
      if (this.client === client) {
        this.client = null;
        this.handlers.live(false);
      }
      if (!this.stopped && !this.retry) {
        this.retry = setTimeout(() => {
          this.retry = null;
          void this.start();
        }, 1000);
        this.retry.unref();
      }
    };
    client.on('error', onLost);
    client.on('end', onLost);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handlers.notify(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      onLost();
      return;
    }
    if (lost) return;
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.handlers.live(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

/**
 * A new, empty schema on a PostgreSQL server, dropped again on close(): a fresh database for one replay or
 * one test file without creating databases.
 */
export async function openFreshSchema(url: string, prefix: string, max = 5): Promise<Database & { schema: string }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, { max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = openPostgres(url, { schema, max });
  return {
    ...db,
    schema,
    async close() {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** One round trip: proves the database answers (the health check). */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
