import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { insertPendingReview, setReviewState } from '../../server/storage/review-repo.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const SHOP = 'https://shop.example';
const OTHER_SHOP = 'http://localhost:8080';

async function allowOrigin(ctx: TestContext, merchantId: string, origin: string) {
  await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2)', [merchantId, origin]);
}

async function publishedReview(ctx: TestContext, input: { productId: string; merchantId: string; title: string; body: string; rating?: number }) {
  const account = await createAccount(ctx.db, {
    displayName: 'Widget Reader',
    email: `reader.${Math.random().toString(36).slice(2)}@mail.example`,
    passwordHash: null,
    ip: '100.64.1.1',
    userAgent: 'Test',
    at: new Date('2025-01-01T00:00:00Z'),
  });
  const id = `r_widget_${Math.random().toString(36).slice(2)}`;
  await insertPendingReview(ctx.db, {
    id,
    productId: input.productId,
    merchantId: input.merchantId,
    accountId: account.id,
    orderId: null,
    rating: input.rating ?? 4,
    title: input.title,
    body: input.body,
    incentive: null,
    ip: null,
    userAgent: null,
    at: new Date('2026-05-01T10:00:00Z'),
  });
  await setReviewState(ctx.db, id, 'published', [], 0);
  return id;
}

const frame = (merchant: string, product: string, extra: Record<string, string> = {}) =>
  `/widget/frame?${new URLSearchParams({ merchant, product, ...extra })}`;

describe('widget (HTTP)', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let bare: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    bare = await seedCatalog(ctx.db, '_bare');
    await allowOrigin(ctx, catalog.merchant.id, SHOP);
    await allowOrigin(ctx, catalog.merchant.id, OTHER_SHOP);
  });
  after(() => ctx.close());

  describe('GET /widget/frame', () => {
    it('when the merchant allows origins, then frame-ancestors lists exactly them and X-Frame-Options is gone', async () => {
      const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).to.include(`frame-ancestors ${OTHER_SHOP} ${SHOP}`);
      expect(csp).to.include("script-src 'self'");
      expect(csp).to.include("style-src 'self'");
      expect(csp).not.to.include("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).to.equal(undefined);
      expect(res.text).to.include('Customer reviews');
      // Served before sessions: a widget impression neither reads nor writes a session.
      expect(res.headers['set-cookie']).to.equal(undefined);
    });

    it("when the merchant allows no origin, then no other site may frame it (only Candor's own install preview)", async () => {
      const res = await request(ctx.app).get(frame(bare.merchant.id, bare.product.sku)).expect(200);
      const ancestors = /frame-ancestors ([^;]*)/.exec(String(res.headers['content-security-policy']))![1];
      expect(ancestors).to.equal("'self'");
    });

    it('when the rest of the site is asked for, then it keeps frame-ancestors none', async () => {
      const res = await request(ctx.app).get('/').expect(200);
      expect(res.headers['content-security-policy']).to.include("frame-ancestors 'none'");
    });

    it('when the merchant is unknown, then 404 with a message and no framing', async () => {
      const res = await request(ctx.app).get(frame('m_nobody', 'TENT')).expect(404);
      expect(res.text).to.include('The merchant was not found.');
      expect(res.headers['content-security-policy']).to.include("frame-ancestors 'none'");
    });

    it('when the SKU is unknown for a known merchant, then 404 shown inside the allowed frame', async () => {
      const res = await request(ctx.app)
        .get(frame(catalog.merchant.id, 'NO-SUCH-SKU', { origin: SHOP }))
        .expect(404);
      expect(res.text).to.include('The product was not found.');
      expect(res.text).to.include(`data-parent-origin="${SHOP}"`);
      expect(res.headers['content-security-policy']).to.include(`frame-ancestors ${OTHER_SHOP} ${SHOP}`);
    });

    it("when another merchant's SKU is asked for, then 404 (products are addressed per merchant)", async () => {
      await request(ctx.app).get(frame(catalog.merchant.id, bare.product.sku)).expect(404);
    });

    it('when the input is malformed, then 422 with a message saying what to fix', async () => {
      const badAccent = await request(ctx.app)
        .get(frame(catalog.merchant.id, catalog.product.sku, { accent: 'red;}body{x' }))
        .expect(422);
      expect(badAccent.text).to.include('The accent colour must be written #rgb or #rrggbb');
      const badTheme = await request(ctx.app)
        .get(frame(catalog.merchant.id, catalog.product.sku, { theme: 'neon' }))
        .expect(422);
      expect(badTheme.text).to.include('The theme must be light, dark or auto.');
      const badMerchant = await request(ctx.app).get(frame('m x"<', catalog.product.sku)).expect(422);
      expect(badMerchant.text).to.include('Say which merchant');
      const missing = await request(ctx.app).get('/widget/frame').expect(422);
      expect(missing.text).to.include('Say which product');
    });

    it('when the claimed embedding origin is on the list, then the frame talks to it; otherwise to nobody', async () => {
      const allowed = await request(ctx.app)
        .get(frame(catalog.merchant.id, catalog.product.sku, { origin: SHOP }))
        .expect(200);
      expect(allowed.text).to.include(`data-parent-origin="${SHOP}"`);
      const foreign = await request(ctx.app)
        .get(frame(catalog.merchant.id, catalog.product.sku, { origin: 'https://evil.example' }))
        .expect(200);
      expect(foreign.text).not.to.include('data-parent-origin');
    });

    it('when a review contains markup, then the frame shows it as text', async () => {
      await publishedReview(ctx, {
        productId: catalog.product.id,
        merchantId: catalog.merchant.id,
        title: '<img src=x onerror=alert(1)>',
        body: 'Great tent. <script>alert("xss")</script> Would buy again, really.',
      });
      const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
      expect(res.text).not.to.include('<script>alert');
      expect(res.text).not.to.include('<img src=x');
      expect(res.text).to.include('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
      expect(res.text).to.include('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    });

    it('when a theme and accent are given, then <html> carries the theme and the accent stylesheet is linked', async () => {
      const res = await request(ctx.app)
        .get(frame(catalog.merchant.id, catalog.product.sku, { theme: 'dark', accent: '#0A7' }))
        .expect(200);
      expect(res.text).to.match(/<html lang="en" class="theme-dark"/);
      expect(res.text).to.include('<meta name="color-scheme" content="dark">');
      expect(res.text).to.include('href="/widget/theme.css?accent&#x3D;%230a7"');
      expect(res.text).not.to.match(/style="/);
    });
  });

  describe('GET /widget/theme.css', () => {
    it('when the accent is valid, then a stylesheet sets it as a custom property with a readable ink', async () => {
      const res = await request(ctx.app).get('/widget/theme.css?accent=%23FFCC00').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/css/);
      expect(res.text).to.equal(':root{--accent:#ffcc00;--accent-ink:#111111}\n');
    });

    it('when the accent is not a colour, then 422', async () => {
      const res = await request(ctx.app).get('/widget/theme.css').query({ accent: '#fff;}*{x:y' }).set('Accept', 'application/json').expect(422);
      expect(res.body.details[0]).to.include('#rgb or #rrggbb');
    });
  });

  describe('GET /widget.js', () => {
    it('when loaded, then it is JavaScript that other sites may load, cached briefly with an ETag', async () => {
      const res = await request(ctx.app).get('/widget.js').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/javascript; charset=utf-8/);
      expect(res.headers['cache-control']).to.equal('public, max-age=300, stale-while-revalidate=86400');
      expect(res.headers['cross-origin-resource-policy']).to.equal('cross-origin');
      expect(res.headers.etag).to.match(/^"[\w-]+"$/);
      expect(res.text).to.include('candor:resize');
      await request(ctx.app)
        .get('/widget.js')
        .set('If-None-Match', res.headers.etag as string)
        .expect(304);
    });
  });

  describe('the write-a-review popup', () => {
    const write = (extra: Record<string, string> = {}) =>
      `/widget/write?${new URLSearchParams({ merchant: catalog.merchant.id, product: catalog.product.sku, origin: SHOP, ...extra })}`;

    it('when not signed in, then it goes to sign-in and comes back, keeping its opener', async () => {
      const res = await request(ctx.app).get(write()).set('Accept', 'text/html').expect(302);
      expect(res.headers.location).to.equal(`/signin?next=${encodeURIComponent(write())}`);
      expect(res.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
      const signin = await request(ctx.app)
        .get(res.headers.location as string)
        .expect(200);
      expect(signin.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
      const plainSignin = await request(ctx.app).get('/signin').expect(200);
      expect(plainSignin.headers['cross-origin-opener-policy']).to.equal('same-origin');
    });

    it('when signed in and posting, then the thank-you page targets only the verified shop origin', async () => {
      const { agent, csrf } = await signedInAgent(ctx);
      const form = await agent.get(write()).expect(200);
      expect(form.text).to.include(`action="${write().replace(/&/g, '&amp;').replace(/=/g, '&#x3D;')}"`);
      const res = await agent
        .post(write())
        .type('form')
        .send({ _csrf: await csrf(), rating: '5', title: 'Sturdy and light', body: 'Pitched it in the rain in five minutes; stayed dry all night.' })
        .expect(201);
      expect(res.text).to.match(/data-candor-posted="(published|held)"/);
      expect(res.text).to.include(`data-parent-origin="${SHOP}"`);
      const again = await agent.get(write()).expect(200);
      expect(again.text).to.include('You have already reviewed this product.');
    });

    it('when the claimed origin is not allowed, then the thank-you page posts to nobody', async () => {
      const { agent, csrf } = await signedInAgent(ctx);
      const res = await agent
        .post(write({ origin: 'https://evil.example' }))
        .type('form')
        .send({ _csrf: await csrf(), rating: '4', title: 'Good value', body: 'Does what it says; the zips are a little stiff at first.' })
        .expect(201);
      expect(res.text).not.to.include('data-parent-origin');
    });

    it('when the form is incomplete, then it is shown again with what to fix', async () => {
      const { agent, csrf } = await signedInAgent(ctx);
      const res = await agent
        .post(write())
        .type('form')
        .send({ _csrf: await csrf(), rating: '9', title: '', body: 'short' })
        .expect(422);
      expect(res.text).to.include('Choose a star rating from 1 to 5.');
    });
  });
});
