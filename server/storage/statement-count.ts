import type { Database, Queryable } from './database.js';

/**
 * The same database, counting what is sent to it: statements (every query, alone or inside a transaction, and each
 * transaction's BEGIN and COMMIT) and calls (statements sent together by `queryMany` are one call). The replay
 * reports both per review: on PGlite each call into its WebAssembly backend has a fixed cost, and each statement
 * its own execution, so these counts bound the replay's speed.
 */
export function countStatements<D extends Database>(db: D): D & { statements(): number; calls(): number } {
  let statements = 0;
  let calls = 0;
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements++;
      calls++;
      return q.query(sql, params);
    },
    ...(q.queryMany
      ? {
          queryMany: (queries: { sql: string; params: unknown[] }[]) => {
            statements += queries.length;
            calls++;
            return q.queryMany!(queries);
          },
        }
      : {}),
  });
  return Object.assign(Object.create(db) as D, {
    statements: () => statements,
    calls: () => calls,
    query: counted(db).query,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => {
      statements += 2;
      calls += 2;
      return db.transaction((tx) => fn(counted(tx)));
    },
  });
}
