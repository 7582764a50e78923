import type { Queryable, QueryResult } from './database.js';

interface Pending {
  sql: string;
  params: unknown[];
  resolve(result: QueryResult<unknown>): void;
  reject(error: unknown): void;
}

/**
 * A Queryable that sends the queries issued together (before the event loop turns: the independent loaders of one
 * check, started side by side) in ONE exchange with the database when it can (`queryMany`: PGlite inside a
 * transaction), each still its own prepared statement with its own plan and rows. On PGlite every call into its
 * WebAssembly backend has a fixed cost whatever the statement reads, so a check that loads its context in a few
 * waves of queries pays that cost a few times instead of once per list. Where the database has no `queryMany`
 * (PostgreSQL), the queries go one by one, as before.
 */
export function batchQueries(db: Queryable): Queryable {
  if (!db.queryMany) return db;
  const many = db.queryMany.bind(db);
  let pending: Pending[] = [];
  const flush = async () => {
    const parts = pending;
    pending = [];
    try {
      const results = parts.length === 1 ? [await db.query(parts[0]!.sql, parts[0]!.params)] : await many(parts.map(({ sql, params }) => ({ sql, params })));
      parts.forEach((part, i) => part.resolve(results[i]!));
    } catch (error) {
      for (const part of parts) part.reject(error);
    }
  };
  return {
    query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      return new Promise<QueryResult<T>>((resolve, reject) => {
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ sql, params, resolve: resolve as Pending['resolve'], reject });
      });
    },
  };
}
