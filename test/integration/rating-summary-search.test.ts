import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { RELEVANCE, relevanceScore } from '../../server/reviews/review-relevance.js';
import { loadReviewsTab } from '../../server/reviews/reviews-tab.js';
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
    expect(res.text).to.include(
      `(${RATING_ESTIMATE.priorWeight} × prior + sum of the product's ratings) ÷ (${RATING_ESTIMATE.priorWeight} + number of its reviews)`,
    );
    expect(res.text).to.include(`the prior is ${RATING_ESTIMATE.fallbackPriorMean}`);
  });

  const titles = (html: string) => [...html.matchAll(/<h3 class="review-title">(.*?)<\/h3>/g)].map((m) => m[1]!.replace(/<\/?mark>/g, ''));

  it('when a shopper searches a word, then only reviews containing it (or its stem) show, with the match marked', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?q=snags`);
    expect(res.status).to.equal(200);
    expect(titles(res.text)).to.deep.equal(['Snagging zip']);
    expect(res.text).to.include('<mark>Snagging</mark> zip');
    expect(res.text).to.include('The vestibule zip <mark>snagged</mark> twice');
    expect(res.text).to.include('1 review');
  });

  it('when a matching review holds markup, then the highlighted text is escaped, never raw', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?q=vestibule`);
    expect(res.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.to.include('<script>alert(1)</script>');
    // The search words are echoed back into the form, escaped too.
    const evil = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?q=${encodeURIComponent('"><script>x()</script>')}`);
    expect(evil.status).to.equal(200);
    expect(evil.text).not.to.include('<script>x()</script>');
    expect(evil.text).to.include('&quot;&gt;&lt;script&gt;x()&lt;/script&gt;');
  });

  it('when nothing matches, then the tab says so and shows no review; a search never reaches another product', async () => {
    const none = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?q=kayak`);
    expect(none.status).to.equal(200);
    expect(titles(none.text)).to.deep.equal([]);
    expect(none.text).to.include('No reviews match “kayak”.');
    const other = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?q=burner`);
    expect(titles(other.text)).to.deep.equal([]);
  });

  it('when the search is blank or made only of operators, then the tab answers normally, never with a 500', async () => {
    for (const q of ['', '   ', '!!! & |', '"', '-', 'or']) {
      const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?q=${encodeURIComponent(q)}`);
      expect(res.status, `q=${JSON.stringify(q)}`).to.equal(200);
    }
  });

  it('when sorted by most relevant, then the order follows the documented score, whatever the ratings', async () => {
    await ctx.db.query(`UPDATE reviews SET helpful_count = 6 WHERE title = 'Heavy condensation'`);
    await ctx.db.query(`UPDATE reviews SET helpful_count = 1 WHERE title = 'Packs small'`);
    const at = new Date('2026-06-01T00:00:00Z');
    const tab = await loadReviewsTab(ctx.db, { slug: catalog.product.slug, viewerId: null, sort: 'relevant', stars: null, verifiedOnly: false, page: 1, at });
    const expected = [...tab.reviews]
      .map((r) => ({
        title: r.title,
        score: relevanceScore({ helpfulCount: r.helpfulCount, verified: r.verified, createdAt: r.createdAt, bodyLength: r.body.length }, at),
      }))
      .sort((a, b) => b.score - a.score)
      .map((r) => r.title);
    expect(tab.reviews.map((r) => r.title)).to.deep.equal(expected);
    // The 3-star review with the most helpful votes comes first: the rating plays no part.
    expect(expected[0]).to.equal('Heavy condensation');
    const page = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?sort=relevant`);
    expect(titles(page.text)[0]).to.equal('Heavy condensation');
    expect(page.text).to.include('<option value="relevant" selected>Most relevant</option>');
  });

  it('when only the rating differs, then the relevance score is the same', () => {
    const base = { helpfulCount: 3, verified: true, createdAt: new Date('2026-01-01T00:00:00Z'), bodyLength: 120 };
    const at = new Date('2026-03-01T00:00:00Z');
    expect(relevanceScore({ ...base, rating: 1 } as typeof base, at)).to.equal(relevanceScore({ ...base, rating: 5 } as typeof base, at));
    expect(relevanceScore(base, at)).to.be.greaterThan(relevanceScore({ ...base, verified: false }, at));
  });

  it('when anyone opens /how-we-check, then the relevance score and its constants are explained', async () => {
    const res = await request(ctx.app).get('/how-we-check');
    expect(res.text).to.include('id="most-relevant"');
    expect(res.text).to.include(`every ${RELEVANCE.recencyHalfLifeDays} days`);
    expect(res.text).to.include('The star rating is never part of the score');
  });
});
