import { expect } from 'chai';
import request from 'supertest';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { declareStaff } from '../../server/merchants/staff.js';
import { registerWebhook } from '../../server/merchants/webhooks.js';
import { postComment } from '../../server/reviews/post-comment.js';
import type { Database } from '../../server/storage/database.js';
import { enumerateRoutes, type AppRoute } from '../helpers/app-routes.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

/**
 * The outside attack, replayed against every route the app has (found by walking its router, not listed by
 * hand): crafted bytes, oversize and wrongly typed input, deep JSON, missing and foreign CSRF tokens, and other
 * people's and other merchants' objects. Every answer must be a 4xx with a message, and no table may change.
 */

type Route = AppRoute;

/** Routes only their owner may use (a merchant's area, the console, one's own review or invitation): other people's objects must be refused. */
const OWNER_ONLY = /^\/(merchant\/|console|dev\/|account\/staff-invitations\/|appeals|reviews\/:id(\/edit|\/reply)?$|api\/v1\/orders)/;

async function tableChecksums(db: Database): Promise<Record<string, string>> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  ).rows
    .map((r) => r.name)
    .filter((t) => t !== 'sessions' && t !== 'rate_limit_hits');
  const sums: Record<string, string> = {};
  for (const table of tables) {
    // Bookkeeping timestamps (an API key's last use) may move; nothing else may.
    const row = (
      await db.query<{ sum: string | null; n: number }>(
        `SELECT md5(string_agg((to_jsonb(t) - ARRAY['last_used_at'])::text, '|' ORDER BY (to_jsonb(t) - ARRAY['last_used_at'])::text)) AS sum, count(*)::int AS n FROM "${table}" t`,
      )
    ).rows[0]!;
    sums[table] = `${row.n}:${row.sum}`;
  }
  return sums;
}

describe('attack corpus: every route, every crafted input → a 4xx with a message, and the database unchanged', function () {
  this.timeout(300_000);
  let s: Awaited<ReturnType<typeof twoMerchants>>;
  let routes: Route[];
  let keyA = '';
  const foreign: Record<string, string> = {};
  const failures: string[] = [];
  let sent = 0;

  before(async () => {
    const big = 1_000_000;
    s = await twoMerchants({
      rateLimits: { merchantWrite: big, apiWrite: big, signup: big, signin: big, review: big, comment: big, vote: big, report: big, appeal: big, reply: big },
      env: { CANDOR_DEV_MAIL: 'on' },
    });
    const at = s.ctx.services.clock();
    const scopeA = await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test');
    const scopeB = await openMerchantScope(s.ctx.db, s.managerB.account.id, 'm_test_b');
    keyA = (await createApiKey(s.ctx.db, scopeA, 'a', at)).key;
    const keyB = await createApiKey(s.ctx.db, scopeB, 'b', at);
    const victim = await publishedReview(s.ctx, s.b.product.id, 4);
    const comment = await postComment(
      { db: s.ctx.db, integrity: s.ctx.services.integrity },
      {
        reviewId: victim.reviewId,
        parentId: null,
        body: 'Useful, thank you for writing this up.',
        post: { accountId: s.managerA.account.id, ip: '198.18.0.9', userAgent: 'Commenter/1', at },
      },
    );
    const hook = await registerWebhook(s.ctx.db, scopeB, 'https://hooks.b.example/candor', at);
    await declareStaff(s.ctx.db, scopeB, victim.author.account.email, at, 'http://127.0.0.1/account');
    const invitation = (await s.ctx.db.query<{ id: string }>(`SELECT id FROM staff_invitations WHERE merchant_id = 'm_test_b'`)).rows[0]!.id;
    Object.assign(foreign, {
      merchantId: 'm_test_b',
      sku: s.b.product.sku,
      slug: s.b.product.slug,
      kind: 'review',
      productId: s.b.product.id,
      invitationId: invitation,
      accountId: victim.author.account.id,
      keyId: keyB.id,
      reviewId: victim.reviewId,
      webhookId: hook.id,
      token: 'inv_forged.1893456000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      reviewIdParam: victim.reviewId,
      commentId: comment.commentId,
      invitationIdParam: invitation,
    });
    routes = enumerateRoutes(s.ctx.app);
  });
  after(() => s?.ctx.close());

  /** Fills each :param with the value of one attack class. */
  const fill = (path: string, value: (name: string) => string) => path.replace(/:(\w+)/g, (_m, name: string) => value(name));
  const foreignParam = (path: string) => (name: string) => {
    if (name !== 'id') return encodeURIComponent(foreign[name] ?? 'x');
    if (path.startsWith('/comments/')) return foreign.commentId!;
    if (path.startsWith('/account/staff-invitations/')) return foreign.invitationId!;
    if (path.startsWith('/console/accounts/')) return foreign.accountId!;
    return foreign.reviewId!;
  };
  const plausibleBody = () => ({
    rating: '5',
    title: 'A fair title for this',
    body: 'A body long enough to pass every length rule we have on forms here.',
    helpful: 'true',
    reason: 'spam',
    note: 'none',
    origin: 'https://shop.example',
    url: 'https://hooks.example/x',
    email: 'someone@mail.example',
    label: 'label',
    name: 'A product',
    sku: 'SKU-1',
    description: 'Described.',
    category: 'camping',
    kind: 'review',
    targetId: foreign.reviewId,
    message: 'Please look again at this.',
    decision: 'publish',
    action: 'publish',
    suspend: '1',
    displayName: 'Some Person',
    password: 'a long enough password',
    buyer_email: 'b@mail.example',
    ordered_at: new Date().toISOString(),
    external_ref: 'REF-1',
  });
  const wrongTypes = () =>
    Object.fromEntries(Object.keys(plausibleBody()).map((k, i) => [k, [{ $gt: '' }, [1, 2], { a: { b: 1 } }, 12345, true, null][i % 6]]));

  async function check(label: string, req: request.Test) {
    sent++;
    const res = await req.set('authorization', `Bearer ${keyA}`).ok(() => true);
    const message = (res.body?.error ?? res.body?.detail ?? (res.type.includes('json') ? '' : res.text)) as unknown;
    if (res.status < 400 || res.status >= 500) failures.push(`${label} → ${res.status}`);
    else if (typeof message !== 'string' || message.trim().length < 10) failures.push(`${label} → ${res.status} without a clear message`);
    return res;
  }

  it('when the router is walked, then it finds the public, account, merchant, console, API and widget routes', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'post /signup',
      'post /reviews/:id/helpful',
      'post /merchant/:merchantId/staff',
      'get /console/items/:kind/:id',
      'post /api/v1/orders',
      'get /widget/frame',
      'get /dev/mail',
    ]) {
      expect(paths).to.include(expected);
    }
    expect(routes.length).to.be.greaterThan(60);
  });

  it('when every route gets crafted input, then every answer is a 4xx with a message and no table changes', async () => {
    const before = await tableChecksums(s.ctx.db);
    const customer = s.customer;
    const token = await customer.csrf();
    const otherToken = await s.managerB.csrf();
    const bad = ['%00', '%ff', '%c0%ae', '%ed%a0%80'];
    const withCsrf = (body: Record<string, unknown>) => ({ _csrf: token, ...body });

    for (const route of routes) {
      const label = (what: string) => `${route.method.toUpperCase()} ${route.path} [${what}]`;
      const hasParams = route.path.includes(':');
      // Crafted bytes in the path (routes with parameters) or in the query (every route).
      for (const b of bad) {
        if (hasParams) await check(label(`path ${b}`), customer.agent[route.method](fill(route.path, () => b)).set('accept', 'application/json'));
        await check(
          label(`query ${b}`),
          customer.agent[route.method](`${fill(route.path, foreignParam(route.path))}?page=${b}&sort=x${b}`).set('accept', 'application/json'),
        );
      }
      if (hasParams) {
        await check(label('oversize parameter'), customer.agent[route.method](fill(route.path, () => 'x'.repeat(6000))).set('accept', 'application/json'));
        await check(
          label('injection-shaped parameter'),
          customer.agent[route.method](fill(route.path, () => encodeURIComponent("1' OR '1'='1"))).set('accept', 'application/json'),
        );
      }
      if (route.method === 'get') continue;

      const path = fill(route.path, foreignParam(route.path));
      const post = () => customer.agent.post(path).set('accept', 'application/json');
      // Forms without a token, with another session's token, and sent anonymously.
      await check(label('no CSRF token'), post().type('form').send(plausibleBody()));
      await check(
        label('foreign CSRF token'),
        post()
          .type('form')
          .send({ ...plausibleBody(), _csrf: otherToken }),
      );
      await check(label('anonymous'), request(s.ctx.app).post(path).set('accept', 'application/json').type('form').send(plausibleBody()));
      // Bytes and shapes the parsers must refuse.
      await check(label('NUL in every field'), post().send(withCsrf(Object.fromEntries(Object.entries(plausibleBody()).map(([k, v]) => [k, `${v}\u0000`])))));
      await check(
        label('invalid UTF-8 form'),
        post()
          .set('content-type', 'application/x-www-form-urlencoded')
          .send(`_csrf=${encodeURIComponent(token)}&title=%c0%ae&body=%ff`),
      );
      await check(
        label('lone surrogate JSON'),
        post().set('x-csrf-token', token).set('content-type', 'application/json').send('{"title":"\\udc00","body":"x"}'),
      );
      await check(
        label('koi8-r form'),
        post()
          .set('content-type', 'application/x-www-form-urlencoded; charset=koi8-r')
          .send(`_csrf=${encodeURIComponent(token)}&title=x`),
      );
      await check(label('unsupported encoding'), post().set('content-type', 'application/json').set('content-encoding', 'compress').send('{}'));
      await check(
        label('too many fields'),
        post()
          .set('content-type', 'application/x-www-form-urlencoded')
          .send(`_csrf=${encodeURIComponent(token)}&${Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join('&')}`),
      );
      await check(
        label('deep JSON'),
        post()
          .set('x-csrf-token', token)
          .set('content-type', 'application/json')
          .send(`{"title":${'['.repeat(60)}${']'.repeat(60)}}`),
      );
      await check(
        label('oversize body'),
        post()
          .set('x-csrf-token', token)
          .send({ title: 'x'.repeat(80_000) }),
      );
      // Well-formed but wrongly typed input (signing out takes no input; its CSRF cases are above).
      if (route.path !== '/signout') await check(label('wrong types'), post().set('x-csrf-token', token).send(wrongTypes()));
    }

    // Other people's objects and another merchant's area: a customer, and the manager of another shop.
    for (const route of routes.filter((r) => OWNER_ONLY.test(r.path))) {
      const path = fill(route.path, foreignParam(route.path));
      for (const [who, actor] of [
        ['customer', s.customer],
        ['manager of another shop', s.managerA],
      ] as const) {
        const actorToken = await actor.csrf();
        const label = `${route.method.toUpperCase()} ${route.path} [${who}, foreign objects]`;
        if (route.method === 'get') await check(label, actor.agent.get(path).set('accept', 'application/json'));
        else if (route.path === '/api/v1/orders')
          await check(
            label,
            actor.agent
              .post(path)
              .set('accept', 'application/json')
              .send({ sku: foreign.sku, buyer_email: 'b@mail.example', ordered_at: new Date().toISOString(), external_ref: 'REF-F' }),
          );
        else
          await check(
            label,
            actor.agent
              .post(path)
              .set('accept', 'application/json')
              .type('form')
              .send({ ...plausibleBody(), _csrf: actorToken }),
          );
      }
    }

    const after = await tableChecksums(s.ctx.db);
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    expect(failures, `${failures.length} of ${sent} answers:\n${failures.slice(0, 60).join('\n')}`).to.deep.equal([]);
    expect(changed, 'tables changed by refused requests').to.deep.equal([]);
    expect(sent).to.be.greaterThan(500);
  });
});
