import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { MAX_UNVERIFIED_SHOPS } from '../../server/merchants/onboarding.js';
import { insertProduct } from '../../server/storage/catalog-repo.js';
import { createTestContext, signedInAgent, type TestContext } from '../helpers/test-app.js';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

describe('a shop joins on its own (web form, verification, admin suspension)', function () {
  let ctx: TestContext;
  let shopServer: http.Server;
  let served = '';
  let shopOrigin = '';

  before(async () => {
    ctx = await createTestContext({ env: { CANDOR_UNSAFE_ALLOW_LOOPBACK_VERIFICATION_FOR_TESTS: 'yes' } });
    shopServer = http.createServer((req, res) => {
      if (req.url === '/.well-known/candor-verification.txt' && served) return void res.writeHead(200, { 'content-type': 'text/plain' }).end(served);
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => shopServer.listen(0, '127.0.0.1', resolve));
    shopOrigin = `http://127.0.0.1:${(shopServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => shopServer.close(resolve));
    await ctx.close();
  });

  const post = async (who: Agent, path: string, form: Record<string, string> = {}) =>
    who.agent
      .post(path)
      .type('form')
      .send({ _csrf: await who.csrf(), ...form });
  const createViaForm = async (who: Agent, name: string, origin = shopOrigin) => {
    const res = await post(who, '/shops/new', { name, websiteOrigin: origin, category: 'Home and garden' });
    expect(res.status, res.text).to.equal(303);
    return /^\/merchant\/([^/]+)\/shop$/.exec(String(res.headers.location))![1]!;
  };

  it('when signed out, then the form redirects to sign-in', async () => {
    const res = await request(ctx.app).get('/shops/new').set('accept', 'text/html');
    expect(res.status).to.equal(302);
    expect(res.headers.location).to.equal('/signin?next=%2Fshops%2Fnew');
  });

  it('when a signed-in person fills the form, then they land on the shop page with the token and "Check now", and checking makes it verified', async () => {
    const owner = await signedInAgent(ctx);
    const account = await owner.agent.get('/account').expect(200);
    expect(account.text).to.include('href="/shops/new"');
    const form = await owner.agent.get('/shops/new').expect(200);
    expect(form.text).to.include('name="websiteOrigin"');
    const id = await createViaForm(owner, 'Form Lamps');
    const page = await owner.agent.get(`/merchant/${id}/shop`).expect(200);
    expect(page.text).to.include('Form Lamps is on Candor');
    expect(page.text).to.include('Check now');
    expect(page.text).to.include(`${shopOrigin}/.well-known/candor-verification.txt`);
    expect(page.text).to.include('href="/merchant"');
    const token = /candor-verification&#x3D;([A-Za-z0-9_-]+)/.exec(page.text)![1]!;

    served = 'not the token';
    const failed = await post(owner, `/merchant/${id}/shop/verify`);
    expect(failed.status).to.equal(422);
    expect(failed.text).to.include('does not contain this shop');
    served = `candor-verification=${token}`;
    expect((await post(owner, `/merchant/${id}/shop/verify`)).status).to.equal(303);
    const after = await owner.agent.get(`/merchant/${id}/shop`).expect(200);
    expect(after.text).to.include('yes, since');
    expect(after.text).to.include(`${id}/install`);
  });

  it('when the origin has a path or the name is missing, then the form is shown again with 422 and the messages', async () => {
    const owner = await signedInAgent(ctx);
    const withPath = await post(owner, '/shops/new', { name: 'Path Shop', websiteOrigin: 'https://path.example/shop', category: 'Other' });
    expect(withPath.status).to.equal(422);
    expect(withPath.text).to.include('no path');
    expect(withPath.text).to.include('value="Path Shop"');
    const noName = await post(owner, '/shops/new', { name: '', websiteOrigin: 'https://noname.example', category: 'Other' });
    expect(noName.status).to.equal(422);
    expect(noName.text).to.include('Shop name must be at least 2 characters');
  });

  it(`when a person already holds ${MAX_UNVERIFIED_SHOPS} unverified shops, then another is refused with 429`, async () => {
    const owner = await signedInAgent(ctx);
    for (let i = 0; i < MAX_UNVERIFIED_SHOPS; i++) await createViaForm(owner, `Squat ${i}`, `https://squat${i}.example`);
    const res = await post(owner, '/shops/new', { name: 'Squat extra', websiteOrigin: 'https://squat-extra.example', category: 'Other' });
    expect(res.status).to.equal(429);
    expect(res.text).to.include('verify one of them first');
  });

  it('when a suspended account posts the form, then it is refused with 403 and no shop exists', async () => {
    const owner = await signedInAgent(ctx);
    await ctx.db.query(`UPDATE accounts SET status = 'suspended' WHERE id = $1`, [owner.account.id]);
    const res = await post(owner, '/shops/new', { name: 'Banned Shop', websiteOrigin: 'https://banned.example', category: 'Other' });
    expect(res.status).to.equal(403);
    expect((await ctx.db.query("SELECT 1 FROM merchants WHERE name = 'Banned Shop'")).rows).to.have.length(0);
  });

  it('when an admin suspends a shop from the console, then its frame is refused with the reason, its team sees it, and reinstating turns it back on', async () => {
    const owner = await signedInAgent(ctx);
    const admin = await signedInAgent(ctx, { role: 'admin' });
    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    const id = await createViaForm(owner, 'Console Lamps', 'https://console-lamps.example');
    await ctx.db.query('UPDATE merchants SET verified_at = now() WHERE id = $1', [id]);
    await insertProduct(ctx.db, { id: `p_${id}`, merchantId: id, slug: `lamp-${id}`, sku: 'LAMP', name: 'Lamp', description: '', category: 'home', url: null });
    const frame = () => request(ctx.app).get(`/widget/frame?${new URLSearchParams({ merchant: id, product: 'LAMP' })}`);
    expect((await frame()).status).to.equal(200);

    expect((await owner.agent.get('/console/shops')).status).to.equal(403);
    expect((await moderator.agent.get('/console/shops')).status).to.equal(403);
    expect((await post(moderator, `/console/shops/${id}/suspension`, { action: 'suspend', reason: 'moderators may not' })).status).to.equal(403);
    const list = await admin.agent.get('/console/shops').expect(200);
    expect(list.text).to.include('Console Lamps');

    expect((await post(admin, `/console/shops/${id}/suspension`, { action: 'suspend', reason: 'bought reviews' })).status).to.equal(303);
    const refused = await frame();
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('suspended by Candor: bought reviews');
    expect((await owner.agent.get(`/merchant/${id}/shop`)).text).to.include('suspended by Candor: bought reviews');
    const audit = await ctx.db.query("SELECT actor_id FROM audit_log WHERE action = 'merchant.suspended' AND target_id = $1", [id]);
    expect(audit.rows).to.have.length(1);

    expect((await post(admin, `/console/shops/${id}/suspension`, { action: 'reinstate', reason: 'appeal upheld' })).status).to.equal(303);
    expect((await frame()).status).to.equal(200);
    expect((await post(admin, '/console/shops/m_nope/suspension', { action: 'suspend', reason: 'no such shop' })).status).to.equal(404);
  });
});
