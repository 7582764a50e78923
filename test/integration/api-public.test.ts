import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { addEmbedOrigin } from '../../server/storage/merchant-repo.js';
import { relevanceScore } from '../../server/reviews/review-relevance.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

// ajv-formats is CommonJS with a default export; under ESM interop it can arrive wrapped once.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
const BASE = '/api/v1/merchants/m_test/products/TENT';

describe('public API v1', function () {
  let s: Setup;
  let ajv: Ajv2020;
  let key: string;
  let heldId: string;
  const validate = (schema: string, body: unknown) => {
    const fn = ajv.getSchema(`candor#/components/schemas/${schema}`)!;
    const ok = fn(body);
    expect(ok, `${schema}: ${ajv.errorsText(fn.errors)}`).to.equal(true);
  };

  before(async () => {
    s = await twoMerchants();
    await publishedReview(s.ctx, s.a.product.id, 5);
    await publishedReview(s.ctx, s.a.product.id, 3);
    heldId = (await publishedReview(s.ctx, s.a.product.id, 1)).reviewId;
    await s.ctx.db.query(`UPDATE reviews SET status = 'held' WHERE id = $1`, [heldId]);
    await addEmbedOrigin(s.ctx.db, 'm_test', 'https://shop.example', new Date());
    await addEmbedOrigin(s.ctx.db, 'm_test_b', 'https://other-shop.example', new Date());
    key = (await createApiKey(s.ctx.db, await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test'), 't', new Date())).key;

    const doc = await request(s.ctx.app).get('/api/openapi.json');
    expect(doc.status).to.equal(200);
    expect(doc.body.openapi).to.equal('3.1.0');
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // The whole document is registered so that its internal $refs (#/components/schemas/…) resolve.
    ajv.addSchema(doc.body, 'candor');
  });
  after(() => s.ctx.close());

  describe('OpenAPI validation', () => {
    it('when reviews are listed, then the response matches ReviewList and only published reviews are included', async () => {
      const res = await request(s.ctx.app).get(`${BASE}/reviews?per_page=10`);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/^application\/json/);
      validate('ReviewList', res.body);
      expect(res.body.total).to.equal(2);
      expect(res.body.reviews.map((r: { id: string }) => r.id)).not.to.include(heldId);
      expect(res.headers['set-cookie'], 'the API never sets cookies').to.equal(undefined);
    });

    it('when the summary is read, then it matches Summary and counts published reviews only', async () => {
      const res = await request(s.ctx.app).get(`${BASE}/summary`);
      expect(res.status).to.equal(200);
      validate('Summary', res.body);
      expect(res.body).to.include({ review_count: 2, average_rating: 4 });
      expect(res.body.histogram).to.deep.equal({ 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 });
    });

    it('when an order is recorded, then the response matches Order', async () => {
      const res = await request(s.ctx.app)
        .post('/api/v1/orders')
        .set('authorization', `Bearer ${key}`)
        .send({ sku: 'TENT', buyer_email: 'x@mail.example', ordered_at: '2026-05-30T08:00:00+02:00', external_ref: 'O-1' });
      expect(res.status).to.equal(201);
      validate('Order', res.body);
    });

    it("when merchant B's SKU is asked for under merchant A, then it is not found", async () => {
      const res = await request(s.ctx.app).get('/api/v1/merchants/m_test/products/TENT_b/reviews');
      expect(res.status).to.equal(404);
    });
  });

  describe('errors as application/problem+json', () => {
    const cases: [string, () => request.Test, number][] = [
      ['an unknown SKU', () => request(s.ctx.app).get('/api/v1/merchants/m_test/products/NOPE/summary'), 404],
      ['an unknown merchant', () => request(s.ctx.app).get('/api/v1/merchants/m_nope/products/TENT/reviews'), 404],
      ['a bad page size', () => request(s.ctx.app).get(`${BASE}/reviews?per_page=500`), 400],
      ['an unknown API path', () => request(s.ctx.app).get('/api/v2/whatever'), 404],
      ['no API key', () => request(s.ctx.app).post('/api/v1/orders').send({}), 401],
      ['a wrong API key', () => request(s.ctx.app).post('/api/v1/orders').set('authorization', 'Bearer cnd_wrong').send({}), 401],
      [
        'malformed JSON',
        () => request(s.ctx.app).post('/api/v1/orders').set('authorization', `Bearer ${key}`).set('content-type', 'application/json').send('{"sku":'),
        400,
      ],
      ['a missing field', () => request(s.ctx.app).post('/api/v1/orders').set('authorization', `Bearer ${key}`).send({ sku: 'TENT' }), 422],
      [
        'an unknown SKU in an order',
        () =>
          request(s.ctx.app)
            .post('/api/v1/orders')
            .set('authorization', `Bearer ${key}`)
            .send({ sku: 'NOPE', buyer_email: 'a@b.example', ordered_at: '2026-05-30T08:00:00Z', external_ref: 'Z' }),
        422,
      ],
      [
        'an order dated in the future',
        () =>
          request(s.ctx.app)
            .post('/api/v1/orders')
            .set('authorization', `Bearer ${key}`)
            .send({ sku: 'TENT', buyer_email: 'a@b.example', ordered_at: '2027-01-01T00:00:00Z', external_ref: 'F' }),
        422,
      ],
    ];
    for (const [what, send, status] of cases) {
      it(`when the request has ${what}, then it answers ${status} as problem+json matching Problem`, async () => {
        const res = await send();
        expect(res.status).to.equal(status);
        expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
        const body = JSON.parse(res.text);
        validate('Problem', body);
        expect(body.status).to.equal(status);
        expect(body.detail.length).to.be.greaterThan(10);
      });
    }
  });

  describe('caching', () => {
    it('when the client sends the ETag back, then it gets 304; when a review is published, then the ETag changes', async () => {
      const first = await request(s.ctx.app).get(`${BASE}/summary`);
      const etag = first.headers.etag as string;
      expect(etag).to.match(/^"[\w-]+"$/);
      expect(first.headers['cache-control']).to.match(/public, max-age=60/);
      const again = await request(s.ctx.app).get(`${BASE}/summary`).set('if-none-match', etag);
      expect(again.status).to.equal(304);
      expect(again.text ?? '').to.equal('');
      const list = await request(s.ctx.app).get(`${BASE}/reviews`);
      expect(
        (
          await request(s.ctx.app)
            .get(`${BASE}/reviews`)
            .set('if-none-match', list.headers.etag as string)
        ).status,
      ).to.equal(304);

      await publishedReview(s.ctx, s.a.product.id, 4);
      const changed = await request(s.ctx.app).get(`${BASE}/summary`).set('if-none-match', etag);
      expect(changed.status).to.equal(200);
      expect(changed.headers.etag).not.to.equal(etag);
    });
  });

  describe("search, sort and stars (the reviews tab's listing)", () => {
    const STOVE = '/api/v1/merchants/m_test/products/STOVE/reviews';
    type ApiReview = {
      id: string;
      rating: number;
      body: string;
      helpful_count: number;
      verified_purchase: boolean;
      created_at: string;
      highlight: { title: { text: string; match: boolean }[]; body: { text: string; match: boolean }[] } | null;
    };
    const published: { id: string; rating: number; zipper: boolean }[] = [];
    const hidden: string[] = [];
    const list = async (query: string) => {
      const res = await request(s.ctx.app).get(`${STOVE}?${query}`);
      expect(res.status, `${query}: ${res.text}`).to.equal(200);
      validate('ReviewList', res.body);
      return res.body as { total: number; q: string | null; sort: string; stars: number | null; reviews: ApiReview[] };
    };
    const setText = (id: string, title: string, body: string) => s.ctx.db.query('UPDATE reviews SET title = $2, body = $3 WHERE id = $1', [id, title, body]);

    before(async () => {
      const texts: [number, boolean, string, string][] = [
        [5, true, 'Sturdy stove', 'The zipper on the carry bag is waterproof and the burner lights first time, even in wind.'],
        [2, true, 'Bag let me down', 'The zippers broke on the second trip, though the stove itself still works well enough.'],
        [4, false, 'Boils fast', 'Boils a litre in three minutes on a cold morning; a little heavy for long hikes but worth it.'],
        [3, false, 'Fine', 'Does the job.'],
      ];
      for (const [rating, zipper, title, body] of texts) {
        const { reviewId } = await publishedReview(s.ctx, s.a.other.id, rating);
        await setText(reviewId, title, body);
        published.push({ id: reviewId, rating, zipper });
      }
      await s.ctx.db.query('UPDATE reviews SET helpful_count = 7 WHERE id = $1', [published[2]!.id]);
      // Reviews the public never sees, matching every search and star filter the test uses.
      for (const [rating, status] of [
        [1, 'held'],
        [5, 'removed'],
        [2, 'pending'],
      ] as const) {
        const { reviewId } = await publishedReview(s.ctx, s.a.other.id, rating);
        await setText(reviewId, 'Zipper stove', 'The zipper and the stove: a held review must never be found.');
        await s.ctx.db.query('UPDATE reviews SET status = $2 WHERE id = $1', [reviewId, status]);
        hidden.push(reviewId);
      }
    });

    it('when q is given, then only published matches come back, each with its matched words flagged', async () => {
      const body = await list('q=zipper');
      expect(body.q).to.equal('zipper');
      expect(body.total).to.equal(2);
      expect(body.reviews.map((r) => r.id)).to.have.members(published.filter((p) => p.zipper).map((p) => p.id));
      for (const review of body.reviews) {
        const matched = review.highlight!.body.filter((part) => part.match).map((part) => part.text.toLowerCase());
        // English stemming: "zippers" is found by "zipper".
        expect(
          matched.some((word) => word.startsWith('zipper')),
          JSON.stringify(review.highlight),
        ).to.equal(true);
        expect(review.highlight!.body.map((part) => part.text).join('')).to.equal(review.body);
      }
      const none = await list('q=tarpaulin');
      expect(none.total).to.equal(0);
      const plain = await list('');
      expect(plain.reviews.every((r) => r.highlight === null)).to.equal(true);
    });

    it('when sort is chosen, then the order follows it (lowest, highest, helpful, relevant as defined on /how-we-check)', async () => {
      expect((await list('sort=lowest')).reviews.map((r) => r.rating)).to.deep.equal([2, 3, 4, 5]);
      expect((await list('sort=highest')).reviews.map((r) => r.rating)).to.deep.equal([5, 4, 3, 2]);
      expect((await list('sort=helpful')).reviews[0]!.id).to.equal(published[2]!.id);
      const relevant = await list('sort=relevant');
      expect(relevant.sort).to.equal('relevant');
      const at = new Date();
      const scores = relevant.reviews.map((r) =>
        relevanceScore({ helpfulCount: r.helpful_count, verified: r.verified_purchase, createdAt: new Date(r.created_at), bodyLength: r.body.length }, at),
      );
      expect(scores, 'highest score first').to.deep.equal([...scores].sort((x, y) => y - x));
      expect(relevant.reviews[0]!.id).to.equal(published[2]!.id);
      const newest = await list('');
      expect(newest.sort, 'newest first unless asked').to.equal('newest');
      const dates = newest.reviews.map((r) => r.created_at);
      expect(dates).to.deep.equal([...dates].sort().reverse());
    });

    it('when stars is given, then only reviews with that many stars come back', async () => {
      const four = await list('stars=4');
      expect(four.stars).to.equal(4);
      expect(four.reviews.map((r) => r.id)).to.deep.equal([published[2]!.id]);
      const twoZipper = await list('stars=2&q=zipper');
      expect(twoZipper.reviews.map((r) => r.id)).to.deep.equal([published[1]!.id]);
    });

    it('when held, pending or removed reviews match, then no combination of q, sort and stars shows them', async () => {
      for (const sort of ['newest', 'helpful', 'highest', 'lowest', 'relevant']) {
        for (const stars of ['', '1', '2', '5']) {
          for (const q of ['', 'zipper', 'stove']) {
            const body = await list(new URLSearchParams({ sort, stars, q, per_page: '50' }).toString().replace(/(^|&)\w+=(?=&|$)/g, ''));
            const ids = body.reviews.map((r) => r.id);
            for (const id of hidden) expect(ids, `${sort} ${stars} ${q}`).not.to.include(id);
            expect(body.total, `${sort} ${stars} ${q}: total counts published reviews only`).to.equal(ids.length);
          }
        }
      }
    });

    const bad: [string, string, RegExp][] = [
      ['stars above 5', 'stars=6', /stars/],
      ['stars of 0', 'stars=0', /stars/],
      ['stars that are not a number', 'stars=many', /stars/],
      ['half a star', 'stars=2.5', /stars/],
      ['an unknown sort', 'sort=cheapest', /sort must be one of: relevant, newest, helpful, highest, lowest/],
      ['q given twice', 'q=a&q=b', /\bq\b/],
      ['a q over 200 characters', `q=${'a'.repeat(201)}`, /\bq\b/],
      ['a page size over 50', 'per_page=51', /per_page/],
    ];
    for (const [what, query, message] of bad) {
      it(`when the query has ${what}, then it answers 400 naming the parameter, as problem+json`, async () => {
        const res = await request(s.ctx.app).get(`${STOVE}?${query}`);
        expect(res.status).to.equal(400);
        expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
        const body = JSON.parse(res.text);
        validate('Problem', body);
        expect(body.detail).to.match(message);
        expect(body.errors).to.be.an('array').that.is.not.empty;
      });
    }

    it('when the query differs, then the ETag differs; when the same query is spelled differently, then the ETag is the same; a new match changes it', async () => {
      const get = (query: string, etag?: string) => {
        const r = request(s.ctx.app).get(`${STOVE}?${query}`);
        return etag ? r.set('if-none-match', etag) : r;
      };
      const zipper = await get('q=zipper&sort=lowest');
      const tarp = await get('q=tarpaulin&sort=lowest');
      const tarp2 = await get('q=nothing-here&sort=lowest');
      const all = await get('sort=lowest');
      const etags = [zipper, tarp, tarp2, all].map((r) => r.headers.etag as string);
      expect(new Set(etags).size, 'one ETag per query, even for two empty results').to.equal(4);
      expect((await get('sort=lowest&q=%20zipper%20', etags[0])).status).to.equal(304);
      expect((await get('q=zipper&sort=highest', etags[0])).status).to.equal(200);
      expect((await get('q=zipper&sort=lowest&stars=2', etags[0])).status).to.equal(200);

      const { reviewId } = await publishedReview(s.ctx, s.a.other.id, 3);
      await setText(reviewId, 'Spare zipper', 'Came with a spare zipper pull, a thoughtful touch on a good stove.');
      const after = await get('q=zipper&sort=lowest', etags[0]);
      expect(after.status).to.equal(200);
      expect(after.body.total).to.equal(3);
    });
  });

  describe('CORS', () => {
    it("when the request comes from one of the merchant's allowed origins, then the browser may read it", async () => {
      const res = await request(s.ctx.app).get(`${BASE}/reviews`).set('origin', 'https://shop.example');
      expect(res.headers['access-control-allow-origin']).to.equal('https://shop.example');
      expect(res.headers.vary).to.match(/Origin/i);
      const preflight = await request(s.ctx.app).options(`${BASE}/summary`).set('origin', 'https://shop.example').set('access-control-request-method', 'GET');
      expect(preflight.status).to.equal(204);
      expect(preflight.headers['access-control-allow-origin']).to.equal('https://shop.example');
      expect(preflight.headers['access-control-allow-methods']).to.include('GET');
    });

    it("when the request comes from another origin (even another merchant's), then no CORS header is sent", async () => {
      for (const origin of ['https://evil.example', 'https://other-shop.example', 'https://shop.example.evil.example']) {
        const res = await request(s.ctx.app).get(`${BASE}/reviews`).set('origin', origin);
        expect(res.status).to.equal(200);
        expect(res.headers['access-control-allow-origin'], origin).to.equal(undefined);
      }
      const preflight = await request(s.ctx.app).options(`${BASE}/reviews`).set('origin', 'https://evil.example');
      expect(preflight.headers['access-control-allow-origin']).to.equal(undefined);
    });
  });
});
