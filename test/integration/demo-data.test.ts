import { expect } from 'chai';
import request from 'supertest';
import { seedDemoData } from '../../server/demo/seed-demo.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

describe('demo data', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext({ now: new Date('2026-11-27T12:00:00Z') });
  });
  after(() => ctx.close());

  it('when the database is empty, then the demo shop is loaded through the real pipeline, with its held reviews and their reasons', async () => {
    const seeded = await seedDemoData(ctx.services);
    expect(seeded).to.include({ merchants: 3, products: 10, customers: 40 });
    expect(seeded!.reviews).to.be.within(120, 170);
    expect(seeded!.comments).to.be.greaterThan(10);
    expect(seeded!.votes).to.be.greaterThan(50);
    const held = (
      await ctx.db.query<{ labels: string[]; email: string }>(
        `SELECT r.labels, a.email FROM reviews r JOIN accounts a ON a.id = r.account_id WHERE r.status = 'held'`,
      )
    ).rows;
    const labels = held.flatMap((h) => h.labels);
    expect(labels).to.include.members(['sockpuppet', 'insider', 'incentivized']);
    // Only the planted cases are held: no genuine demo customer is held.
    expect(held.every((h) => /happy\.buyer|acme-outdoor|\.12@mailbox/.test(h.email))).to.equal(true);
    const roles = (await ctx.db.query<{ role: string; n: number }>('SELECT role, count(*)::int AS n FROM accounts GROUP BY role')).rows;
    expect(roles.find((r) => r.role === 'moderator')?.n).to.equal(1);
    const home = await request(ctx.app).get('/');
    expect(home.text).to.match(/href="\/products\/[a-z0-9-]+\/reviews"/);
  });

  it('when the database already has a shop, then nothing is loaded', async () => {
    // A database of its own, with one shop of someone's: independent of the test above and of test order.
    const own = await createTestContext({ now: new Date('2026-11-27T12:00:00Z') });
    try {
      await seedCatalog(own.db);
      const count = async (table: string) => (await own.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
      const before = { merchants: await count('merchants'), products: await count('products'), accounts: await count('accounts') };
      expect(await seedDemoData(own.services)).to.equal(null);
      expect({ merchants: await count('merchants'), products: await count('products'), accounts: await count('accounts') }).to.deep.equal(before);
    } finally {
      await own.close();
    }
  });
});
