import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { RATING_ESTIMATE } from '../../server/reviews/rating-estimate.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { addOrder, createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

// Tent: 5, 4, 4, 3 (mean 4.0); stove: 2, 1 (mean 1.5). Catalogue: 19 over 6 reviews.
const REVIEWS = [
  { product: 'tent', rating: 5, title: 'Dry through a gale', body: 'The fly pitches first, so the inner stays dry when you set up in rain.' },
  { product: 'tent', rating: 4, title: 'Packs small', body: 'Packed size fits sideways in a 40 litre pack with room to spare.' },
  { product: 'tent', rating: 4, title: 'Snagging zip', body: 'The vestibule zip snagged twice on the first night out on the moor. <script>alert(1)</script>' },
  { product: 'tent', rating: 3, title: 'Heavy condensation', body: 'Condensation was heavy on a still night by the loch, wiped it with a cloth.' },
  { product: 'stove', rating: 2, title: 'Slow to boil', body: 'Took nine minutes to boil half a litre of water at the campsite.' },
  { product: 'stove', rating: 1, title: 'Burner cracked', body: 'The burner cracked after the third use and the seller was slow to answer.' },
];

describe('the rating summary, search and sort of the reviews tab', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    const deps = { db: ctx.db, integrity: ctx.services.integrity };
    for (const [i, review] of REVIEWS.entries()) {
      const ip = `82.${20 + i}.${i * 5}.${i + 9}`;
      const account = await createAccount(ctx.db, {
        id: `a_rss_${i}`,
        displayName: `Shopper ${i}`,
        email: `shopper${i}@place${i}.example`,
        passwordHash: null,
        ip,
        userAgent: `Browser/${i}.${i * 3}`,
        at: new Date('2025-02-10T10:00:00Z'),
      });
      const product = review.product === 'tent' ? catalog.product : catalog.other;
      const orderId = await addOrder(ctx.db, account.id, product.id, catalog.merchant.id, new Date(Date.UTC(2026, 2, 1 + i)));
      await submitReview(deps, {
        productId: product.id,
        orderId,
        draft: { rating: review.rating, title: review.title, body: review.body, incentive: null },
        post: { accountId: account.id, ip, userAgent: `Browser/${i}.${i * 3}`, at: new Date(Date.UTC(2026, 3, 1 + i * 2)) },
      });
    }
    const published = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews WHERE status = 'published'`);
    expect(published.rows[0]!.n, 'every seeded review is published').to.equal(REVIEWS.length);
  });
  after(() => ctx.close());

  it('when a shopper opens the tab, then it shows the plain mean and the Bayesian average with its prior', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    expect(res.status).to.equal(200);
    const prior = 19 / 6;
    const expected = (RATING_ESTIMATE.priorWeight * prior + 16) / (RATING_ESTIMATE.priorWeight + 4);
    expect(res.text).to.include('Plain mean 4.0');
    expect(res.text).to.include(`Bayesian average <strong>${expected.toFixed(2)}</strong>`);
    expect(res.text).to.include(`prior ${prior.toFixed(2)} counted as ${RATING_ESTIMATE.priorWeight} reviews`);
  });

  it('when the average is fractional, then the stars are filled to that fraction with the figure as accessible text', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.other.slug}/reviews`);
    // 1.5 stars: the gold row is clipped to 30% of the five-star row.
    expect(res.text).to.match(/role="img" aria-label="1\.5 out of 5 stars"><span class="star-fill p30">/);
  });

  it('when anyone opens /how-we-check, then the formula, the prior weight and the fallback prior are explained', async () => {
    const res = await request(ctx.app).get('/how-we-check');
    expect(res.text).to.include('id="rating-average"');
    expect(res.text).to.include(`(${RATING_ESTIMATE.priorWeight} × prior + sum of the product's ratings) ÷ (${RATING_ESTIMATE.priorWeight} + number of its reviews)`);
    expect(res.text).to.include(`the prior is ${RATING_ESTIMATE.fallbackPriorMean}`);
  });
});
