import { expect } from 'chai';
import { seedDemoData } from '../../server/demo/seed-demo.js';
import { PRODUCT_DETAILS } from '../../server/demo/demo-texts.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

/** The demo shop must read like real, different people: a trust product cannot show templated reviews. */
describe('demo texts', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let reviews: { slug: string; category: string; rating: number; body: string; email: string }[];
  before(async () => {
    ctx = await createTestContext({ now: new Date('2026-11-27T12:00:00Z') });
    await seedDemoData(ctx.services);
    reviews = (
      await ctx.db.query<{ slug: string; category: string; rating: number; body: string; email: string }>(
        `SELECT p.slug, p.category, r.rating, r.body, a.email FROM reviews r JOIN products p ON p.id = r.product_id JOIN accounts a ON a.id = r.account_id
         WHERE a.email LIKE '%@mailbox.example' AND r.incentive_kind IS NULL AND r.body NOT LIKE '%refund if I left%'`,
      )
    ).rows;
  });
  after(() => ctx.close());

  const sentences = (body: string) => body.match(/[^.!?]+[.!?]/g)!.map((s) => s.trim());

  it('when the demo is loaded, then no two reviews of one product with the same rating open with the same sentence', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const r of reviews) {
      const key = `${r.slug}/${r.rating}/${sentences(r.body)[0]}`;
      if (seen.has(key)) repeats.push(key);
      seen.set(key, r.body);
    }
    expect(reviews.length).to.be.greaterThan(100);
    expect(repeats).to.deep.equal([]);
  });

  it('when a review is negative, then it never ends on a recommendation, and a positive one never says it is going back', () => {
    const contradictions = reviews.filter(
      (r) =>
        (r.rating <= 2 && /I would buy it again|Would recommend|Worth the money/.test(r.body)) ||
        (r.rating >= 4 && /not buy it again|going back|refund|Look elsewhere/i.test(r.body)),
    );
    expect(contradictions.map((r) => `${r.rating}★ ${r.body}`)).to.deep.equal([]);
  });

  it('when a review mentions a detail, then the detail belongs to that product, not to another one in its category', () => {
    const owner = new Map<string, string>();
    for (const [slug, pool] of Object.entries(PRODUCT_DETAILS)) for (const s of [...pool.good, ...pool.bad]) owner.set(s, slug);
    const misplaced = reviews.flatMap((r) =>
      sentences(r.body)
        .filter((s) => owner.has(s) && owner.get(s) !== r.slug)
        .map((s) => `${r.slug}: ${s}`),
    );
    expect(misplaced).to.deep.equal([]);
    expect(reviews.every((r) => sentences(r.body).some((s) => owner.get(s) === r.slug))).to.equal(true);
  });

  it('when the catalog is shown, then the camping lantern is filed under camping and each merchant reply is its own text', async () => {
    const lantern = (await ctx.db.query<{ category: string }>(`SELECT category FROM products WHERE slug = 'glow-camp-lantern'`)).rows[0]!;
    expect(lantern.category).to.equal('camping');
    const replies = (await ctx.db.query<{ body: string }>('SELECT body FROM merchant_replies')).rows.map((r) => r.body);
    expect(replies.length).to.be.greaterThan(2);
    expect(new Set(replies).size).to.equal(replies.length);
  });
});
