import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { migrate } from '../../server/storage/migrate.js';
import { createEmptyTestDatabase } from '../helpers/test-database.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../server/storage/migrations');
const FILES = readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
  .sort();
// From 0600 on, deferred triggers bump the content version on every write: the upgrades that most easily break on
// a database holding rows. Earlier cut points are covered by the same loop at lower cost than the rest of the suite.
const CUT_POINTS = FILES.filter((f) => f >= '0600');

/**
 * Rows every release since the first could hold, written with the columns of the first schema only, so the same
 * SQL works at any cut point.
 */
const EXISTING_ROWS = [
  `INSERT INTO merchants (id, slug, name, domain) VALUES ('m_old', 'old-shop', 'Old Shop', 'old.example')`,
  `INSERT INTO accounts (id, email, display_name, password_hash, role, created_at, signup_ip, signup_user_agent)
   VALUES ('a_old', 'old@mail.example', 'Old Customer', 'x', 'customer', '2025-01-01', '198.51.100.7', 'Old Browser/1')`,
  `INSERT INTO products (id, merchant_id, slug, sku, name) VALUES ('p_old', 'm_old', 'old-lamp', 'OLD-1', 'Old Lamp')`,
  `INSERT INTO reviews (id, product_id, merchant_id, account_id, rating, title, body, status, ip, user_agent, created_at, updated_at)
   VALUES ('r_old', 'p_old', 'm_old', 'a_old', 2, 'Dim', 'The lamp is dimmer than promised.', 'published', '198.51.100.7', 'Old Browser/1', '2025-01-02', '2025-01-02')`,
];

describe('upgrading a database that already holds data', function () {
  this.timeout(600_000);

  for (const cut of CUT_POINTS) {
    it(`when a database migrated up to before ${cut} holds accounts and reviews, then the remaining migrations apply and the rows survive`, async () => {
      const db = await createEmptyTestDatabase();
      try {
        await migrate(db, undefined, { before: cut });
        for (const sql of EXISTING_ROWS) await db.query(sql);
        const applied = await migrate(db);
        expect(applied[0]).to.equal(cut);
        expect(applied).to.deep.equal(FILES.filter((f) => f >= cut));
        const review = await db.query<{ title: string; status: string }>(`SELECT title, status FROM reviews WHERE id = 'r_old'`);
        expect(review.rows).to.deep.equal([{ title: 'Dim', status: 'published' }]);
      } finally {
        await db.close();
      }
    });
  }

  it('when a new database is migrated, then it needs no extension (PGlite loads none; pg_trgm was never used)', async () => {
    const db = await createEmptyTestDatabase();
    try {
      // Extensions belong to the whole database (a shared PostgreSQL may hold others): migrations must add none.
      const extensions = async () => (await db.query<{ extname: string }>('SELECT extname FROM pg_extension ORDER BY extname')).rows.map((r) => r.extname);
      const before = await extensions();
      await migrate(db);
      expect(await extensions()).to.deep.equal(before);
    } finally {
      await db.close();
    }
  });
});
