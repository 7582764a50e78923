import { expect } from 'chai';
import request from 'supertest';
import { enumerateRoutes } from '../helpers/app-routes.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { heldInsiderReview, moderator, versionOf } from './console-fixtures.js';

describe('console authorization', () => {
  let ctx: TestContext;
  let reviewId: string;
  let authorId: string;
  let appealId: string;
  const agents: Record<string, Awaited<ReturnType<typeof signedInAgent>>> = {};

  before(async () => {
    ctx = await createTestContext();
    const { merchant, product } = await seedCatalog(ctx.db);
    const held = await heldInsiderReview(ctx, { merchantId: merchant.id, productId: product.id });
    reviewId = held.reviewId;
    authorId = held.account.id;
    const filed = await held.agent
      .post('/appeals')
      .set('accept', 'application/json')
      .send({ _csrf: await held.csrf(), targetId: reviewId, message: 'I bought this myself, please check again.' });
    appealId = filed.body.id;
    agents.customer = await signedInAgent(ctx);
    agents.merchant = await signedInAgent(ctx, { staffOf: merchant.id });
    agents.moderator = await moderator(ctx);
    agents.admin = await signedInAgent(ctx, { role: 'admin' });
  });
  after(() => ctx.close());

  // The console's routes come from the app's router, not from a list: a console route added later is covered too.
  const consoleRoutes = () => enumerateRoutes(ctx.app).filter((r) => r.path === '/console' || r.path.startsWith('/console/'));
  const fill = (path: string) =>
    path
      .replace(':kind', 'review')
      .replace(/\/accounts\/:id/, `/accounts/${authorId}`)
      .replace(/\/appeals\/:id/, `/appeals/${appealId}`)
      .replace(':id', reviewId);
  // Valid bodies where a route needs one, so a 403 means "not allowed", not "bad input".
  const BODIES: Record<string, Record<string, string>> = {
    '/console/items/:kind/:id/decision': { action: 'publish', version: '0' },
    '/console/items/review/:id/cluster': { action: 'publish', members: '' },
    '/console/accounts/:id/suspension': { suspend: '1', reason: 'insider' },
    '/console/appeals/:id/decision': { outcome: 'won', version: '0' },
  };
  const getRoutes = () => [
    ...consoleRoutes()
      .filter((r) => r.method === 'get')
      .map((r) => fill(r.path)),
    // The same pages in their other views.
    '/console?tab=appeals',
    `/console/audit?kind=review&id=${reviewId}`,
  ];
  const postRoutes = () =>
    consoleRoutes()
      .filter((r) => r.method === 'post')
      .map((r) => [fill(r.path), { ...(BODIES[r.path] ?? {}), ...(r.path.endsWith('/cluster') ? { members: `${reviewId}:0` } : {}) }] as const);

  it('when the router is walked, then every console page and action is found (the lists below are not empty by accident)', () => {
    expect(getRoutes()).to.include.members(['/console', `/console/items/review/${reviewId}`, '/console/audit', '/console/models']);
    expect(postRoutes().map(([path]) => path)).to.include.members([
      `/console/items/review/${reviewId}/decision`,
      `/console/items/review/${reviewId}/cluster`,
      `/console/accounts/${authorId}/suspension`,
      `/console/appeals/${appealId}/decision`,
      '/console/models/retrain',
    ]);
  });

  for (const who of ['anonymous', 'customer', 'merchant'] as const) {
    it(`when ${who === 'anonymous' ? 'an anonymous visitor' : `a ${who}`} opens any console page, then the answer is 403`, async () => {
      for (const path of getRoutes()) {
        const agent = who === 'anonymous' ? request(ctx.app) : agents[who]!.agent;
        const res = await agent.get(path);
        expect(res.status, path).to.equal(403);
        expect(res.text, path).to.include('Only moderators');
      }
    });

    it(`when ${who === 'anonymous' ? 'an anonymous visitor' : `a ${who}`} posts any console action, then the answer is 403 and nothing changes`, async () => {
      for (const [path, body] of postRoutes()) {
        if (who === 'anonymous') {
          // Without a session there is no CSRF token either: the request is refused before any handler.
          const res = await request(ctx.app).post(path).type('form').send(body);
          expect(res.status, path).to.equal(403);
          continue;
        }
        const { agent, csrf } = agents[who]!;
        const res = await agent
          .post(path)
          .type('form')
          .send({ ...body, _csrf: await csrf() });
        expect(res.status, path).to.equal(403);
      }
      const state = (await ctx.db.query<{ status: string }>('SELECT status FROM reviews WHERE id = $1', [reviewId])).rows[0];
      expect(state!.status).to.equal('held');
      expect(await versionOf(ctx, reviewId)).to.equal(0);
      const account = (await ctx.db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [authorId])).rows[0];
      expect(account!.status).to.equal('active');
    });
  }

  it('when a moderator or an admin opens every console page, then each answers 200, except the admins-only shops page for a moderator (403)', async () => {
    // Suspending a shop is an operator's decision, not a moderator's (routes/console-shops.ts).
    const adminsOnly = new Set(['/console/shops']);
    for (const who of ['moderator', 'admin']) {
      for (const path of getRoutes()) {
        const res = await agents[who]!.agent.get(path);
        expect(res.status, `${who} ${path}`).to.equal(who === 'moderator' && adminsOnly.has(path) ? 403 : 200);
      }
    }
  });

  it('when a moderator (not an admin) presses retrain, then the answer is 403; the retrain button is only shown to admins', async () => {
    const { agent, csrf } = agents.moderator!;
    const res = await agent
      .post('/console/models/retrain')
      .type('form')
      .send({ _csrf: await csrf() });
    expect(res.status).to.equal(403);
    expect((await agent.get('/console/models')).text).not.to.include('action="/console/models/retrain"');
    expect((await agents.admin!.agent.get('/console/models')).text).to.include('action="/console/models/retrain"');
  });

  it('when a moderator posts a console action without the CSRF token, then it is refused with 403', async () => {
    const res = await agents.moderator!.agent.post(`/console/items/review/${reviewId}/decision`).type('form').send({ action: 'publish', version: '0' });
    expect(res.status).to.equal(403);
    expect(await versionOf(ctx, reviewId)).to.equal(0);
  });

  it('when the layout is rendered for a moderator, then it links the console; for a customer it does not', async () => {
    expect((await agents.moderator!.agent.get('/')).text).to.include('href="/console"');
    expect((await agents.customer!.agent.get('/')).text).not.to.include('href="/console"');
  });
});
