import { expect } from 'chai';
import request from 'supertest';
import type { Database } from '../../server/storage/database.js';
import { createTestContext, seedCatalog, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';

/** Row count of every table in the database's current schema: any write at all shows up here. */
async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows;
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)).rows[0]!.n;
  return counts;
}

describe('anonymous reads', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2)', [catalog.merchant.id, 'https://shop.example']);
  });
  after(() => ctx.close());

  it('when anonymous visitors view the home page, the tab, the widget and the API many times, then no row is written anywhere', async () => {
    const before = await rowCounts(ctx.db);
    expect(before).to.have.property('sessions');
    const paths = [
      '/',
      `/products/${catalog.product.slug}/reviews`,
      `/products/${catalog.product.slug}/reviews?stars=5&sort=helpful`,
      `/widget/frame?merchant=${catalog.merchant.id}&product=${catalog.product.sku}`,
      `/api/v1/merchants/${catalog.merchant.id}/products/${catalog.product.sku}/reviews`,
      '/how-we-check',
    ];
    for (let i = 0; i < 5; i++) {
      for (const path of paths) {
        const res = await request(ctx.app).get(path).expect(200);
        const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
        expect(
          cookies.some((c) => c.startsWith('candor.sid=')),
          `${path} set a session cookie`,
        ).to.equal(false);
        expect(res.text, `${path} carries a CSRF token`).not.to.match(/name="_csrf"|name="csrf-token"/);
      }
    }
    expect(await rowCounts(ctx.db)).to.deep.equal(before);
  });

  it('when the tab is shown to an anonymous visitor, then it links to sign-in instead of rendering forms that post', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(res.text).not.to.match(/<form[^>]+method="post"/);
    expect(res.text).to.match(/href="\/signin(\?next[^"]*)?"/);
  });

  it('when a form needs a token (sign-in), then the token and its session are created and the form works', async () => {
    const email = `anon.reader.${Date.now()}@mail.example`;
    await createAccount(ctx.db, {
      displayName: 'Anon Reader',
      email,
      passwordHash: await hashPassword(TEST_PASSWORD),
      ip: '100.70.1.1',
      userAgent: 'Test',
      at: new Date('2025-01-01T00:00:00Z'),
    });
    const sessionsBefore = (await rowCounts(ctx.db)).sessions!;
    const agent = request.agent(ctx.app);
    const page = await agent.get('/signin').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    expect(token, 'sign-in form token').to.be.a('string');
    expect((await rowCounts(ctx.db)).sessions).to.equal(sessionsBefore + 1);
    await agent.post('/signin').type('form').send({ _csrf: token, email, password: TEST_PASSWORD }).expect(303);
    const signedIn = await agent.get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(signedIn.text).to.contain('Anon Reader');
    expect(signedIn.text).to.match(/name="_csrf" value="[^"]+"/);
  });
});
