import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

describe('safety: CSRF, CSP, escaping, rate limits and bad input', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  before(async () => {
    ctx = await createTestContext({ rateLimits: { review: 2, vote: 3, appeal: 1 } });
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  it('when a form is posted without its CSRF token, then it is refused with 403 and nothing is stored', async () => {
    const { agent, account } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .type('form')
      .send({ rating: '5', title: 'No token', body: 'This should never be stored in the database.' });
    expect(res.status).to.equal(403);
    expect(res.text).to.include('This form has expired or was sent from another site.');
    const n = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [account.id])).rows[0]!.n;
    expect(n).to.equal(0);
  });

  it('when pages are served, then a strict CSP without inline scripts and other security headers are set', async () => {
    const res = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).to.include("script-src 'self'");
    expect(csp).to.not.include('unsafe-inline');
    expect(csp).to.include("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['x-request-id']).to.be.a('string');
    expect(res.text).to.not.match(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/);
  });

  it('when a review contains HTML, then the tab shows it as text', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const res = await agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .set('Accept', 'application/json')
      .send({
        _csrf: await csrf(),
        rating: 3,
        title: '<script>alert(1)</script>',
        body: '<img src=x onerror=alert(2)> and the stove is fine otherwise',
      });
    expect(res.status).to.equal(201);
    const tab = await request(ctx.app).get(`/products/${catalog.other.slug}/reviews`);
    expect(tab.text).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(tab.text).to.include('&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;');
    expect(tab.text).to.not.include('<img src=x');
  });

  it('when an account posts more reviews than the limit, then it gets 429 with a message, and the counter is shared by a second app on the same database', async () => {
    const { agent, account, cookie, csrf } = await signedInAgent(ctx);
    const token = await csrf();
    const post = () =>
      agent.post(`/products/${catalog.product.slug}/reviews`).set('Accept', 'application/json').send({ _csrf: token, rating: 4, title: 'x', body: 'short' });
    expect((await post()).status).to.equal(422);
    expect((await post()).status).to.equal(422);
    const limited = await post();
    expect(limited.status).to.equal(429);
    expect(limited.body.error).to.match(/posting reviews very quickly/);
    // A second process: another app instance over the same database sees the same counters and sessions.
    const second = createApp(ctx.services, { rateLimits: { review: 2 } });
    const viaSecond = await request(second)
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('Cookie', cookie)
      .set('Accept', 'application/json')
      .send({ _csrf: token, rating: 4, title: 'x', body: 'short' });
    expect(viaSecond.status).to.equal(429);
    const rows = (await ctx.db.query<{ hits: number }>(`SELECT hits FROM rate_limit_hits WHERE key = $1`, [`review:account:${account.id}`])).rows;
    expect(rows[0]!.hits).to.be.at.least(4);
  });

  it('when an author sends more appeals than the limit, then the next one gets 429 with a message', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const token = await csrf();
    const appeal = () => agent.post('/appeals').set('Accept', 'application/json').send({ _csrf: token, targetId: 'r_missing', message: 'short' });
    expect((await appeal()).status).to.equal(422);
    const limited = await appeal();
    expect(limited.status).to.equal(429);
    expect(limited.body.error).to.match(/Too many appeals/);
  });

  it('when a session cookie is used on a second app instance, then the person is still signed in there', async () => {
    const { account, cookie } = await signedInAgent(ctx);
    const second = createApp(ctx.services);
    const there = await request(second).get('/account').set('Cookie', cookie);
    expect(there.status).to.equal(200);
    expect(there.text).to.include(account.displayName);
  });

  it('when the JSON body is malformed or the query is nonsense, then the answer is a 4xx with a message, never a 500', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const token = await csrf();
    const bad = await agent
      .post(`/reviews/nope/helpful`)
      .set('Content-Type', 'application/json')
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', token)
      .send('{"helpful": tru');
    expect(bad.status).to.equal(400);
    expect(bad.body.error).to.equal('The request body is not valid.');
    const odd = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews?sort=DROP%20TABLE&stars=9&page=-3`);
    expect(odd.status).to.equal(200);
    const missing = await request(ctx.app).get('/products/does-not-exist/reviews');
    expect(missing.status).to.equal(404);
    expect(missing.text).to.include('The product was not found.');
    const unknownReview = await agent.post('/reviews/r_missing/helpful').set('Accept', 'application/json').send({ _csrf: token, helpful: 'true' });
    expect(unknownReview.status).to.equal(404);
  });

  it('when the health check is called, then it answers ok after touching the database', async () => {
    const res = await request(ctx.app).get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });
});
