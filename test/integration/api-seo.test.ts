import { expect } from 'chai';
import request from 'supertest';
import { submitReview } from '../../server/reviews/submit-review.js';
import { signedInAgent } from '../helpers/test-app.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
const HOSTILE = 'Great tent </script><script>alert(1)</script> <!-- & more';

function jsonLdBlocks(html: string): string[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

describe('SEO: JSON-LD on the reviews tab and the server-side snippet', function () {
  let s: Setup;

  before(async () => {
    s = await twoMerchants();
    await publishedReview(s.ctx, s.a.product.id, 5);
    const author = await signedInAgent(s.ctx);
    const hostile = await submitReview(
      { db: s.ctx.db, integrity: s.ctx.services.integrity },
      {
        productId: s.a.product.id,
        draft: { rating: 4, title: 'Solid <b>tent</b>', body: `${HOSTILE}. Pitched it in the wind on a ridge and it held.`, incentive: null },
        post: { accountId: author.account.id, ip: '203.0.113.77', userAgent: 'Hostile/1', at: s.ctx.services.clock() },
      },
    );
    expect(hostile.verdict.decision).to.equal('published');
  });
  after(() => s.ctx.close());

  it('when the reviews tab is fetched, then it carries Product + AggregateRating + Review JSON-LD that matches the page', async () => {
    const res = await request(s.ctx.app).get(`/products/${s.a.product.slug}/reviews`);
    const blocks = jsonLdBlocks(res.text);
    expect(blocks).to.have.length(1);
    const doc = JSON.parse(blocks[0]!);
    expect(doc['@context']).to.equal('https://schema.org');
    expect(doc['@type']).to.equal('Product');
    expect(doc.name).to.equal('Tent');
    expect(doc.sku).to.equal('TENT');
    expect(doc.aggregateRating).to.deep.equal({ '@type': 'AggregateRating', ratingValue: 4.5, reviewCount: 2, bestRating: 5, worstRating: 1 });
    expect(doc.review).to.have.length(2);
    for (const review of doc.review) {
      expect(review['@type']).to.equal('Review');
      expect(review.author['@type']).to.equal('Person');
      expect(review.author.name).to.match(/^Person \d+$/);
      expect(review.datePublished).to.equal('2026-06-01');
      expect(review.reviewRating.ratingValue).to.be.oneOf([4, 5]);
    }
  });

  it('when review text contains </script> or <!--, then the JSON-LD cannot break out and still decodes to the original text', async () => {
    const res = await request(s.ctx.app).get(`/products/${s.a.product.slug}/reviews`);
    const block = jsonLdBlocks(res.text)[0]!;
    expect(block).not.to.include('<');
    expect(res.text).not.to.include('<script>alert(1)');
    const doc = JSON.parse(block);
    expect(doc.review.some((r: { reviewBody: string }) => r.reviewBody.startsWith(HOSTILE))).to.equal(true);
  });

  it('when a product has no reviews, then the JSON-LD has no AggregateRating (search engines reject an empty one)', async () => {
    const res = await request(s.ctx.app).get(`/products/${s.a.other.slug}/reviews`);
    const doc = JSON.parse(jsonLdBlocks(res.text)[0]!);
    expect(doc).not.to.have.property('aggregateRating');
    expect(doc).not.to.have.property('review');
  });

  it('when a merchant fetches the snippet, then it gets the same JSON-LD and the reviews as escaped plain HTML, cacheable', async () => {
    const res = await request(s.ctx.app).get('/api/v1/products/TENT/snippet?merchant=m_test');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.headers.etag).to.be.a('string');
    expect(res.headers['cache-control']).to.include('public');
    const doc = JSON.parse(jsonLdBlocks(res.text)[0]!);
    expect(doc.aggregateRating.reviewCount).to.equal(2);
    expect(res.text).to.include('Solid &lt;b&gt;tent&lt;/b&gt;');
    expect(res.text).to.include('4.5 out of 5');
    expect(res.text).not.to.include('<script>alert(1)');
    expect(res.text).not.to.match(/<html|<body/);
    expect(
      (
        await request(s.ctx.app)
          .get('/api/v1/products/TENT/snippet?merchant=m_test')
          .set('if-none-match', res.headers.etag as string)
      ).status,
    ).to.equal(304);
  });

  it("when the snippet is asked for another merchant's SKU or without a merchant, then a problem+json error says why", async () => {
    const wrong = await request(s.ctx.app).get('/api/v1/products/TENT/snippet?merchant=m_test_b');
    expect(wrong.status).to.equal(404);
    expect(wrong.headers['content-type']).to.match(/^application\/problem\+json/);
    const missing = await request(s.ctx.app).get('/api/v1/products/TENT/snippet');
    expect(missing.status).to.equal(400);
    expect(JSON.parse(missing.text).errors[0]).to.include('merchant');
  });
});
