import { type PGlite, parse, protocol, type types } from '@electric-sql/pglite';
import type { QueryResult } from './database.js';
import { readWireResult, readWireResults } from './pglite-wire.js';
import type { StatementProfile } from './statement-profile.js';

/**
 * Parameterised queries on PGlite as named prepared statements, each sent in ONE call into PGlite.
 *
 * PGlite's own `query()` makes six calls into its WebAssembly backend per query (parse, describe statement, bind,
 * describe portal, execute, sync) and parses and plans the SQL text every time. A replay profile put most of the
 * submit path's time there: about 45 queries per posted review, each paying that fixed cost. Here the first use of
 * a SQL text sends Parse with a statement name; every use then sends Bind, Describe, Execute and Sync together in
 * one message, so PostgreSQL reuses the parsed statement (and, after its usual five custom plans, a generic plan
 * when that is no dearer) exactly as node-postgres' named statements do on a PostgreSQL server.
 *
 * Parameters go as text with no declared type, as node-postgres sends them (pg's own `prepareValue`, so a value is
 * written the same way on both databases); the server infers each parameter's type from the statement. Results are
 * decoded by PGlite's own parsers. Statements are per PGlite instance (a session-level object of its one backend).
 */

/** Distinct SQL texts kept prepared; the least recently used is closed beyond this (Candor has a few hundred). */
const MAX_STATEMENTS = 1000;

// "cached plan must not change result type": a migration changed a table a prepared `SELECT *` reads.
const FEATURE_NOT_SUPPORTED = '0A000';

interface PgliteInternals {
  parsers: NonNullable<Parameters<typeof types.parseType>[2]>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

export interface PgliteStatements {
  /** Runs a query inside a PGlite transaction (the caller holds the transaction). */
  inTransaction<T>(sql: string, params: unknown[]): Promise<QueryResult<T>>;
  /** Runs several queries inside a PGlite transaction in one call (results in order). */
  manyInTransaction(queries: { sql: string; params: unknown[] }[]): Promise<QueryResult<unknown>[]>;
  /** Runs a query on its own, like `PGlite.query`: waits for any running transaction, then syncs the files. */
  alone<T>(sql: string, params: unknown[]): Promise<QueryResult<T>>;
}

/**
 * A parameter as text, written as node-postgres writes it (arrays as array literals, objects as JSON, bytes sent
 * as binary), except timestamps: in UTC, so a `$n::date` cast reads the same day whatever the process's time zone.
 */
function prepare(value: unknown): string | Uint8Array | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === undefined || v === null) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = ArrayBuffer.isView(v) ? `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}` : (prepare(v) as string);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}

export function pgliteStatements(pglite: PGlite, profile?: StatementProfile): PgliteStatements {
  const internals = pglite as unknown as PgliteInternals;
  const serialize = protocol.serialize;
  // SQL text → statement name, in order of last use (a Map keeps insertion order; a use re-inserts).
  const names = new Map<string, string>();
  let counter = 0;
  // Names of statements evicted from the cache, closed with the next message sent.
  const toClose: string[] = [];

  async function run<T>(sql: string, params: unknown[], raw: boolean, retried = false): Promise<QueryResult<T>> {
    const parts: Uint8Array[] = [];
    for (const name of toClose.splice(0)) parts.push(serialize.close({ type: 'S', name }));
    let name = names.get(sql);
    const fresh = name === undefined;
    if (name === undefined) {
      name = `candor_${++counter}`;
      parts.push(serialize.parse({ name, text: sql, types: [] }));
    } else {
      names.delete(sql);
    }
    parts.push(serialize.bind({ statement: name, values: params.map(prepare) as never }));
    parts.push(serialize.describe({ type: 'P' }));
    parts.push(serialize.execute({}));
    parts.push(serialize.sync());
    const exec = async (): Promise<QueryResult<T>> => {
      if (raw) {
        // Inside a transaction: the response is read here (pglite-wire.ts), not by PGlite's slower reader.
        const chunks: Uint8Array[] = [];
        await pglite.execProtocolRawStream(concat(parts), { syncToFs: false, onRawData: (bytes) => chunks.push(bytes.slice()) });
        return readWireResult<T>(chunks.length === 1 ? chunks[0]! : concat(chunks), internals.parsers);
      }
      const messages = await pglite.execProtocolStream(concat(parts), { syncToFs: false });
      return parse.parseResults(messages, internals.parsers as never, {}, undefined)[0] as unknown as QueryResult<T>;
    };
    let result: QueryResult<T>;
    try {
      result = await (profile ? profile.time(sql, params, exec) : exec());
    } catch (error) {
      // Whatever failed, this text is parsed afresh next time under a new name; a statement the failed message
      // did create is closed then (closing a name that does not exist is not an error).
      toClose.push(name);
      // A prepared statement whose table changed shape since (a migration): parsed again once, under a new name.
      // Not inside a transaction: the error has aborted it, so that transaction fails; the next use parses afresh.
      if (!raw && !fresh && !retried && (error as { code?: string }).code === FEATURE_NOT_SUPPORTED) return run<T>(sql, params, raw, true);
      const e = error as Error & { query?: string; params?: unknown[] };
      e.query = sql;
      e.params = params;
      throw error;
    }
    names.set(sql, name);
    if (fresh && names.size > MAX_STATEMENTS) {
      const [oldest, oldestName] = names.entries().next().value as [string, string];
      names.delete(oldest);
      toClose.push(oldestName);
    }
    return result;
  }

  /**
   * Several statements inside a transaction in ONE call into PGlite: Bind, Describe and Execute for each (Parse
   * first for a text not prepared yet), then one Sync. Each keeps its own prepared statement and plan; the call's
   * fixed cost is paid once. An error stops the rest (PostgreSQL skips them until the Sync) and is thrown.
   */
  async function runMany(queries: { sql: string; params: unknown[] }[]): Promise<QueryResult<unknown>[]> {
    const parts: Uint8Array[] = [];
    for (const name of toClose.splice(0)) parts.push(serialize.close({ type: 'S', name }));
    const fresh = new Map<string, string>();
    for (const { sql, params } of queries) {
      let name = names.get(sql) ?? fresh.get(sql);
      if (name === undefined) {
        name = `candor_${++counter}`;
        fresh.set(sql, name);
        parts.push(serialize.parse({ name, text: sql, types: [] }));
      }
      parts.push(serialize.bind({ statement: name, values: params.map(prepare) as never }));
      parts.push(serialize.describe({ type: 'P' }));
      parts.push(serialize.execute({}));
    }
    parts.push(serialize.sync());
    const chunks: Uint8Array[] = [];
    try {
      await pglite.execProtocolRawStream(concat(parts), { syncToFs: false, onRawData: (bytes) => chunks.push(bytes.slice()) });
      const results = readWireResults(chunks.length === 1 ? chunks[0]! : concat(chunks), internals.parsers, queries.length);
      for (const { sql } of queries) {
        // Most recently used last (the eviction order of `names`).
        const name = names.get(sql) ?? fresh.get(sql)!;
        names.delete(sql);
        names.set(sql, name);
      }
      while (names.size > MAX_STATEMENTS) {
        const [oldest, oldestName] = names.entries().next().value as [string, string];
        names.delete(oldest);
        toClose.push(oldestName);
      }
      return results;
    } catch (error) {
      // Statements this message parsed may or may not exist now: closed with the next message, parsed afresh next time.
      toClose.push(...fresh.values());
      throw error;
    }
  }

  const runOnce = <T>(sql: string, params: unknown[], raw: boolean) => internals._runExclusiveQuery(() => run<T>(sql, params, raw));

  return {
    inTransaction: (sql, params) => runOnce(sql, params, true),
    manyInTransaction: (queries) =>
      internals._runExclusiveQuery(async () => {
        if (!profile) return runMany(queries);
        // Profiling: one by one, so that each statement gets its own time.
        const results: QueryResult<unknown>[] = [];
        for (const { sql, params } of queries) results.push(await run<unknown>(sql, params, true));
        return results;
      }),
    async alone<T>(sql: string, params: unknown[]) {
      const result = await internals._runExclusiveTransaction(() => runOnce<T>(sql, params, false));
      await pglite.syncToFs();
      return result;
    },
  };
}
