import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { addEmbedOrigin } from '../../server/storage/merchant-repo.js';
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
      ['a bad page size', () => request(s.ctx.app).get(`${BASE}/reviews?per_page=500`), 422],
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
