import { expect } from 'chai';
import pg from 'pg';
import type { Database, Queryable } from '../../server/storage/database.js';
import { createTestDatabase } from '../helpers/test-database.js';

// PGlite runs parameterised queries as prepared statements sent in one call each (pglite-statements.ts); these
// tests hold that path to what PostgreSQL with node-postgres does with the same SQL and values.
describe('database queries', function () {
  this.timeout(120_000);
  let db: Database;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('when a transaction starts several queries together, then each gets its own rows and its connection runs one at a time', async () => {
    // node-postgres queues a second query on a busy client only through a deprecated path (removed in pg 9): count
    // the queries in flight on each client while the transaction runs.
    const inFlight = new Map<object, number>();
    let most = 0;
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
      inFlight.set(this, (inFlight.get(this) ?? 0) + 1);
      most = Math.max(most, inFlight.get(this)!);
      const done = () => inFlight.set(this, inFlight.get(this)! - 1);
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) result.then(done, done);
      else done();
      return result;
    } as typeof original;
    try {
      const rows = await db.transaction((tx) =>
        Promise.all([1, 2, 3, 4].map((n) => tx.query<{ n: number }>('SELECT $1::int AS n, pg_sleep(0.01)', [n]).then((r) => r.rows[0]!.n))),
      );
      expect(rows).to.deep.equal([1, 2, 3, 4]);
    } finally {
      pg.Client.prototype.query = original;
    }
    if (db.kind === 'postgres') expect(most, 'queries at once on one connection').to.equal(1);
  });

  it('when values of every kind are sent as parameters, alone or inside a transaction, then they come back as they were sent', async () => {
    const at = new Date('2026-03-10T23:30:00.123Z');
    const texts = ['plain', 'with "quotes"', 'back\\slash', 'comma, brace {x}', '', 'ünïcødé ✓', null];
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const alone = await roundTrip(db);
    const inside = await db.transaction((tx) => roundTrip(tx));
    for (const row of [alone, inside]) {
      expect(new Date(row.t).getTime()).to.equal(at.getTime());
      expect(row.a).to.deep.equal(texts);
      expect(row.j).to.deep.equal({ k: 'v', list: [1, 2], nested: { q: 'a"b' } });
      expect(Buffer.from(row.b).equals(bytes)).to.equal(true);
      expect(row.yes).to.equal(true);
      expect(row.n).to.equal(42);
      expect(row.nothing).to.equal(null);
      expect(row.ints).to.deep.equal([3, 1, 2]);
    }
    expect(inside).to.deep.equal(alone);

    async function roundTrip(q: Queryable) {
      return (
        await q.query<{ t: Date; a: (string | null)[]; j: unknown; b: Uint8Array; yes: boolean; n: number; nothing: string | null; ints: number[] }>(
          'SELECT $1::timestamptz AS t, $2::text[] AS a, $3::jsonb AS j, $4::bytea AS b, $5::boolean AS yes, $6::int AS n, $7::text AS nothing, $8::int[] AS ints',
          [at, texts, { k: 'v', list: [1, 2], nested: { q: 'a"b' } }, bytes, true, 42, null, [3, 1, 2]],
        )
      ).rows[0]!;
    }
  });

  it('when one statement is run many times with different values, then each run sees its own values', async () => {
    await db.query(`INSERT INTO instance_settings (name, value) SELECT 'q' || g, 'v' || g FROM generate_series(1, 30) g`);
    for (let i = 1; i <= 30; i++) {
      const rows = (await db.query<{ value: string }>('SELECT value FROM instance_settings WHERE name = $1', [`q${i}`])).rows;
      expect(rows).to.deep.equal([{ value: `v${i}` }]);
    }
  });

  it('when a statement fails inside a transaction, then the transaction rolls back with the error code and the statement works again afterwards', async () => {
    const insert = 'INSERT INTO instance_settings (name, value) VALUES ($1, $2)';
    await db.query(insert, ['dup', 'first']);
    let code: unknown;
    try {
      await db.transaction(async (tx) => {
        await tx.query(insert, ['inside', 'x']);
        await tx.query(insert, ['dup', 'second']);
      });
    } catch (error) {
      code = (error as { code?: unknown }).code;
    }
    expect(code).to.equal('23505');
    expect((await db.query('SELECT name FROM instance_settings WHERE name = $1', ['inside'])).rows).to.deep.equal([]);
    await db.query(insert, ['after', 'y']);
    const rows = (
      await db.query<{ name: string; value: string }>('SELECT name, value FROM instance_settings WHERE name = ANY($1::text[]) ORDER BY name', [
        ['after', 'dup'],
      ])
    ).rows;
    expect(rows).to.deep.equal([
      { name: 'after', value: 'y' },
      { name: 'dup', value: 'first' },
    ]);
  });

  it('when a table gains a column after a query of all its columns ran, then the same query returns the new column', async () => {
    await db.query('CREATE TABLE shape_change (id text PRIMARY KEY)');
    await db.query(`INSERT INTO shape_change (id) VALUES ('a')`);
    const select = 'SELECT * FROM shape_change WHERE id = $1';
    expect((await db.query(select, ['a'])).rows).to.deep.equal([{ id: 'a' }]);
    await db.query(`ALTER TABLE shape_change ADD COLUMN note text NOT NULL DEFAULT 'n'`);
    expect((await db.query(select, ['a'])).rows).to.deep.equal([{ id: 'a', note: 'n' }]);
  });
});
