import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { ONBOARDING_MESSAGES, createShop, setSuspension, shopStanding, verifyShop } from '../../server/merchants/onboarding.js';
import { createGuardedFetcher } from '../../server/merchants/shop-verification.js';
import { insertProduct } from '../../server/storage/catalog-repo.js';
import { createTestContext, signedInAgent, type TestContext } from '../helpers/test-app.js';

describe('shop onboarding', function () {
  let ctx: TestContext;
  let owner: Awaited<ReturnType<typeof signedInAgent>>;
  let admin: Awaited<ReturnType<typeof signedInAgent>>;
  let shopServer: http.Server;
  let served = '';
  let shopOrigin = '';

  before(async () => {
    ctx = await createTestContext({ env: { CANDOR_UNSAFE_ALLOW_LOOPBACK_VERIFICATION_FOR_TESTS: 'yes' } });
    owner = await signedInAgent(ctx);
    admin = await signedInAgent(ctx, { role: 'admin' });
    // The shop's own website: serves whatever token the test puts there.
    shopServer = http.createServer((req, res) => {
      if (req.url === '/.well-known/candor-verification.txt' && served) return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`${served}\n`);
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
    shopOrigin = `http://127.0.0.1:${(shopServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => shopServer.close(resolve));
    await ctx.close();
  });

  const frame = (merchant: string) => request(ctx.app).get(`/widget/frame?${new URLSearchParams({ merchant, product: 'LAMP' })}`);
  const order = (key: string, ref: string) =>
    request(ctx.app)
      .post('/api/v1/orders')
      .set('authorization', `Bearer ${key}`)
      .send({ sku: 'LAMP', buyer_email: 'buyer@mail.example', ordered_at: '2026-05-30T09:00:00Z', external_ref: ref });

  it('when a signed-in person creates a shop, then they manage it, its origin is allowed, and it starts unverified', async () => {
    const shop = await createShop(ctx.db, {
      name: 'Lantern Works',
      websiteOrigin: `${shopOrigin}/`,
      category: 'Home',
      ownerId: owner.account.id,
      at: ctx.services.clock(),
    });
    const scope = await openMerchantScope(ctx.db, owner.account.id, shop.id);
    const standing = await shopStanding(ctx.db, shop.id);
    expect(scope.merchant.name).to.equal('Lantern Works');
    expect(standing.websiteOrigin).to.equal(shopOrigin);
    expect(standing.verifiedAt).to.equal(null);
    expect(shop.verificationToken).to.match(/^candor-verification=[A-Za-z0-9_-]{20,}$/);
  });

  it('when the shop name is taken or the origin has a path, then creating is refused with a message', async () => {
    const at = ctx.services.clock();
    await expectRejection(
      createShop(ctx.db, { name: 'lantern works', websiteOrigin: 'https://other.example', category: 'Home', ownerId: owner.account.id, at }),
      409,
      'already on Candor',
    );
    await expectRejection(
      createShop(ctx.db, { name: 'Other Shop', websiteOrigin: 'https://other.example/shop', category: 'Home', ownerId: owner.account.id, at }),
      422,
      'no path',
    );
  });

  it('when the shop is unverified, then its widget frame and its invitations are refused with the reason, and verification fails until the token is served', async () => {
    const shop = await createShop(ctx.db, {
      name: 'Quiet Bulbs',
      websiteOrigin: shopOrigin,
      category: 'Home',
      ownerId: owner.account.id,
      at: ctx.services.clock(),
    });
    await insertProduct(ctx.db, {
      id: 'p_lamp_q',
      merchantId: shop.id,
      slug: 'lamp-q',
      sku: 'LAMP',
      name: 'Lamp',
      description: 'A lamp.',
      category: 'home',
      url: null,
    });
    const scope = await openMerchantScope(ctx.db, owner.account.id, shop.id);
    const refused = await frame(shop.id);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('has not proved it owns its website');
    expect(String(refused.headers['content-security-policy'])).to.include("frame-ancestors 'none'");
    const key = (await createApiKey(ctx.db, scope, 'shop', ctx.services.clock())).key;
    const refusedOrder = await order(key, 'Q-1');
    expect(refusedOrder.status).to.equal(403);

    served = 'candor-verification=somebody-elses-token';
    await expectRejection(verifyShop(ctx.db, scope, ctx.services.fetchVerification, ctx.services.clock()), 422, 'does not contain this shop');
    served = shop.verificationToken;
    expect(await verifyShop(ctx.db, scope, ctx.services.fetchVerification, ctx.services.clock())).to.equal(ONBOARDING_MESSAGES.verified(shopOrigin));

    const shown = await frame(shop.id);
    expect(shown.status).to.equal(200);
    expect(String(shown.headers['content-security-policy'])).to.include(`frame-ancestors ${shopOrigin}`);
    expect((await order(key, 'Q-2')).status).to.equal(201);
  });

  it('when the owner opens the shop page and presses Verify, then the token is shown and the shop becomes verified; another person gets 403', async () => {
    const shop = await createShop(ctx.db, {
      name: 'Page Shop',
      websiteOrigin: shopOrigin,
      category: 'Home',
      ownerId: owner.account.id,
      at: ctx.services.clock(),
    });
    const page = await owner.agent.get(`/merchant/${shop.id}/shop`).expect(200);
    // Handlebars escapes "=" as &#x3D;: the page shows the token, HTML-escaped like every text.
    const secret = shop.verificationToken.split('=')[1]!;
    expect(page.text).to.include(`candor-verification&#x3D;${secret}`);
    expect(page.text).to.include('aria-current="page" class="current">Shop</a>');
    expect(page.text).to.include(`${shopOrigin}/.well-known/candor-verification.txt`);
    const stranger = await signedInAgent(ctx);
    expect((await stranger.agent.get(`/merchant/${shop.id}/shop`)).status).to.equal(403);
    expect(
      (
        await stranger.agent
          .post(`/merchant/${shop.id}/shop/verify`)
          .type('form')
          .send({ _csrf: await stranger.csrf() })
      ).status,
    ).to.equal(403);
    served = 'wrong';
    const failed = await owner.agent
      .post(`/merchant/${shop.id}/shop/verify`)
      .type('form')
      .send({ _csrf: await owner.csrf() });
    expect(failed.status).to.equal(422);
    expect(failed.text).to.include('does not contain this shop');
    served = shop.verificationToken;
    expect(
      (
        await owner.agent
          .post(`/merchant/${shop.id}/shop/verify`)
          .type('form')
          .send({ _csrf: await owner.csrf() })
      ).status,
    ).to.equal(303);
    const after = await owner.agent.get(`/merchant/${shop.id}/shop`).expect(200);
    expect(after.text).to.include('yes, since');
    expect(after.text).not.to.include(secret);
  });

  it('when an admin suspends a verified shop, then the widget refuses with the reason, and reinstating turns it back on', async () => {
    const shop = await createShop(ctx.db, {
      name: 'Operator Shop',
      websiteOrigin: 'https://operator.example',
      category: 'Other',
      ownerId: owner.account.id,
      at: ctx.services.clock(),
      verified: true,
    });
    await insertProduct(ctx.db, {
      id: 'p_lamp_o',
      merchantId: shop.id,
      slug: 'lamp-o',
      sku: 'LAMP',
      name: 'Lamp',
      description: 'A lamp.',
      category: 'home',
      url: null,
    });
    expect((await frame(shop.id)).status).to.equal(200);
    await setSuspension(ctx.db, { adminId: admin.account.id, merchantId: shop.id, suspend: true, reason: 'fake reviews bought', at: ctx.services.clock() });
    const refused = await frame(shop.id);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('suspended by Candor: fake reviews bought');
    await setSuspension(ctx.db, { adminId: admin.account.id, merchantId: shop.id, suspend: false, reason: 'appeal upheld', at: ctx.services.clock() });
    expect((await frame(shop.id)).status).to.equal(200);
  });

  it('when the verification fetcher is not told to allow loopback, then a loopback origin is refused before any request', async () => {
    served = 'anything';
    const guarded = createGuardedFetcher();
    let error: Error | null = null;
    await guarded(`${shopOrigin}/.well-known/candor-verification.txt`).catch((e: Error) => (error = e));
    expect(error, 'loopback must be refused by default').to.not.equal(null);
    expect(String(error)).to.include('loopback');
  });
});

async function expectRejection(promise: Promise<unknown>, status: number, text: string) {
  let caught: unknown = null;
  await promise.catch((error: unknown) => (caught = error));
  expect(caught, 'should have been refused').to.not.equal(null);
  expect((caught as { status?: number }).status).to.equal(status);
  expect(String((caught as Error).message)).to.include(text);
}
