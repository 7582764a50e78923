import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildServices } from '../../server/wiring.js';
import { setReviewState } from '../../server/storage/review-repo.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const REVIEW = { rating: '4', title: 'Survived a windy night', body: 'Pitched it on an exposed ridge and it stayed up all night long.' };

/** A second Candor app on the same database with its own response cache, as a second process would have. */
function secondApp(ctx: TestContext): TestContext {
  const config = loadConfig({ NODE_ENV: 'test', CANDOR_DEMO_DATA: 'off', LOG_LEVEL: 'silent', TRUST_PROXY: 'true' });
  const services = buildServices({ config, db: ctx.db, logger: pino({ level: 'silent' }), clock: ctx.services.clock });
  const app = createApp(services, { rateLimits: { signin: 1000, review: 1000 } });
  return { db: ctx.db, services, app, close: async () => undefined };
}

describe('response cache', () => {
  let a: TestContext;
  let b: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let tab: string;
  let api: string;
  let frame: string;

  before(async () => {
    a = await createTestContext();
    b = secondApp(a);
    catalog = await seedCatalog(a.db);
    await a.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2)', [catalog.merchant.id, 'https://shop.example']);
    tab = `/products/${catalog.product.slug}/reviews`;
    api = `/api/v1/merchants/${catalog.merchant.id}/products/${catalog.product.sku}/reviews`;
    frame = `/widget/frame?merchant=${catalog.merchant.id}&product=${catalog.product.sku}`;
  });
  after(() => a.close());

  it('when a review is posted through one app, then the next read of the tab, the API and the frame in the other app shows it', async () => {
    for (const path of [tab, api, frame]) await request(a.app).get(path).expect(200); // stored in app A's cache
    const author = await signedInAgent(b);
    await author.agent
      .post(tab)
      .type('form')
      .set('Accept', 'application/json')
      .send({ ...REVIEW, _csrf: await author.csrf() })
      .expect(201);

    expect((await request(a.app).get(tab).expect(200)).text).to.contain(REVIEW.title);
    const json = (await request(a.app).get(api).expect(200)).body as { total: number; reviews: { title: string }[] };
    expect(json.total).to.equal(1);
    expect(json.reviews[0]!.title).to.equal(REVIEW.title);
    expect((await request(a.app).get(frame).expect(200)).text).to.contain(REVIEW.title);
  });

  it('when a review changes state outside any app (a moderator, a re-check), then the next read no longer shows it', async () => {
    const before = (await request(a.app).get(api).expect(200)).body as { reviews: { id: string }[] };
    const id = before.reviews[0]!.id;
    await request(b.app).get(tab).expect(200);
    await setReviewState(a.db, id, 'removed', [], 0);
    expect(((await request(a.app).get(api).expect(200)).body as { total: number }).total).to.equal(0);
    expect((await request(b.app).get(tab).expect(200)).text).not.to.contain(REVIEW.title);
    expect((await request(a.app).get(frame).expect(200)).text).not.to.contain(REVIEW.title);
  });

  it('when nothing changed, then the same body and ETag come back and a conditional request gets 304', async () => {
    const first = await request(a.app).get(tab).expect(200);
    const second = await request(a.app).get(tab).expect(200);
    expect(second.headers.etag).to.equal(first.headers.etag);
    expect(second.text).to.equal(first.text);
    await request(a.app)
      .get(tab)
      .set('If-None-Match', first.headers.etag as string)
      .expect(304);
    await request(a.app)
      .get(api)
      .set('If-None-Match', (await request(a.app).get(api)).headers.etag as string)
      .expect(304);
  });

  it('when a signed-in person views the tab, then their page is rendered for them and never served to others', async () => {
    const person = await signedInAgent(a);
    const own = await person.agent.get(tab).expect(200);
    expect(own.text).to.contain('Sign out');
    const anonymous = await request(a.app).get(tab).expect(200);
    expect(anonymous.text).not.to.contain('Sign out');
    expect(anonymous.text).not.to.contain(person.account.displayName);
  });

  it('when the frame names an unknown merchant, then the error is sent with its status and not stored', async () => {
    const missing = `/widget/frame?merchant=m_nobody&product=${catalog.product.sku}`;
    await request(a.app).get(missing).expect(404);
    await request(a.app).get(missing).expect(404);
  });
});
