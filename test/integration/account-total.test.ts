import { expect } from 'chai';
import { createAccount } from '../../server/accounts/accounts.js';
import type { Database } from '../../server/storage/database.js';
import { createTestDatabase } from '../helpers/test-database.js';

// Every integrity check reads how many accounts the shop had at the time of a post from a kept total (migration
// 2420) instead of counting the accounts table: the total must equal the count whatever way accounts come and go.
describe('account total', function () {
  this.timeout(120_000);
  let db: Database;
  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  const kept = async () => (await db.query<{ n: number }>('SELECT accounts::int AS n FROM account_total')).rows[0]!.n;
  const counted = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')).rows[0]!.n;

  it('when accounts sign up one by one, are loaded in bulk, fail to sign up or are removed, then the kept total equals the count', async () => {
    const before = await counted();
    expect(await kept()).to.equal(before);
    for (const i of [1, 2, 3]) {
      await createAccount(db, {
        id: `a_t${i}`,
        email: `t${i}@mail.example`,
        displayName: `T${i}`,
        passwordHash: 'x',
        ip: '81.2.3.4',
        userAgent: 'UA/1',
        at: new Date(),
      });
    }
    expect(await kept()).to.equal(before + 3);
    await db.query(
      `INSERT INTO accounts (id, email, display_name, created_at) SELECT 'a_bulk' || g, 'bulk' || g || '@mail.example', 'B', $1 FROM generate_series(1, 25) g`,
      [new Date()],
    );
    expect(await kept()).to.equal(before + 28);
    // A sign-up refused by the unique e-mail rolls back with its count.
    let refused = false;
    try {
      await createAccount(db, { id: 'a_dup', email: 't1@mail.example', displayName: 'Dup', passwordHash: 'x', ip: null, userAgent: null, at: new Date() });
    } catch {
      refused = true;
    }
    expect(refused).to.equal(true);
    expect(await kept()).to.equal(before + 28);
    await db.query(`DELETE FROM accounts WHERE id LIKE 'a_bulk%' AND id <> $1`, ['a_bulk1']);
    expect(await kept()).to.equal(before + 4);
    expect(await kept()).to.equal(await counted());
  });
});
