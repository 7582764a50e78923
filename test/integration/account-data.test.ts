import { expect } from 'chai';
import request from 'supertest';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { pumpReviewEvents, registerWebhook } from '../../server/merchants/webhooks.js';
import { insertOrder } from '../../server/storage/catalog-repo.js';
import { confirmAndSignIn } from '../helpers/account-mail.js';
import { tablesContaining } from '../helpers/personal-data-scan.js';
import { createTestContext, csrfToken, seedCatalog, signedInAgent, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';

const PASSWORD = 'a long enough password';
const BODY = 'Pitched it in ten minutes on the first evening and it stayed dry through a night of steady rain on the ridge.';

type Agent = ReturnType<typeof request.agent>;

describe('accounts people control: export and deletion', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  const post = async (agent: Agent, path: string, form: Record<string, string>, page = '/account/settings') => {
    const _csrf = await csrfToken(agent, page);
    return agent
      .post(path)
      .type('form')
      .send({ _csrf, ...form });
  };
  const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  /**
   * A person as a real one leaves traces: a web sign-up from their own address and browser, a review, a comment, a
   * helpful vote, a report, a question and an answer, and an order the shop recorded with their e-mail.
   */
  const activePerson = async (who: { name: string; email: string; ip: string; ua: string }) => {
    const other = await signedInAgent(ctx);
    const othersReview = await other.agent
      .post(`/products/${catalog.other.slug}/reviews`)
      .type('form')
      .send({ _csrf: await other.csrf(), rating: '3', title: 'Fine stove', body: `${BODY} The stove simmered well enough.` });
    const othersReviewId = /#review-(.+)$/.exec(othersReview.headers.location!)![1]!;
    const agent = request.agent(ctx.app).set('X-Forwarded-For', who.ip).set('User-Agent', who.ua) as unknown as Agent;
    await post(agent, '/signup', { displayName: who.name, email: who.email, password: PASSWORD }, '/signup');
    await confirmAndSignIn(agent, ctx.db, who.email, PASSWORD);
    const id = (await ctx.db.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [who.email])).rows[0]!.id;
    await insertOrder(ctx.db, {
      id: `o_${id}`,
      merchantId: catalog.merchant.id,
      productId: catalog.product.id,
      accountId: id,
      email: who.email,
      orderedAt: new Date('2026-05-01T00:00:00Z'),
    });
    const review = await post(
      agent,
      `/products/${catalog.product.slug}/reviews`,
      { rating: '4', title: `Dry all night (${who.name.split(' ')[1]})`, body: BODY },
      '/',
    );
    expect(review.status).to.equal(303);
    const reviewId = /#review-(.+)$/.exec(review.headers.location!)![1]!;
    expect((await post(agent, `/reviews/${othersReviewId}/comments`, { body: 'Did it work at altitude as well?' }, '/')).status).to.equal(303);
    expect((await post(agent, `/reviews/${othersReviewId}/helpful`, { helpful: 'true' }, '/')).status).to.be.oneOf([200, 303]);
    expect((await post(agent, `/reviews/${othersReviewId}/report`, { reason: 'fake', note: 'Reads like an advert.' }, '/')).status).to.be.oneOf([200, 303]);
    const question = await post(agent, `/products/${catalog.product.slug}/questions`, { body: 'How heavy is the tent with its stakes?' }, '/');
    const questionId = /#question-(.+)$/.exec(question.headers.location!)![1]!;
    expect(
      (await post(agent, `/products/${catalog.product.slug}/questions/${questionId}/answers`, { body: 'About two kilos, stakes included.' }, '/')).status,
    ).to.equal(303);
    return { agent, id, reviewId, other };
  };

  it('when a person downloads their data, then the JSON holds their profile, content, votes, reports, orders, sessions and identifiers, and no secrets', async () => {
    const me = await activePerson({ name: 'Avery Exporter', email: 'avery.exporter@mail.example', ip: '198.51.100.41', ua: 'ExportBrowser/4.1' });
    const res = await post(me.agent, `/accounts/${me.id}/export`, { currentPassword: PASSWORD });
    expect(res.status).to.equal(200);
    expect(res.headers['content-disposition']).to.match(/attachment; filename="?candor-account-a_\w+\.json/);
    const data = JSON.parse(res.text);
    expect(data.account.email).to.equal('avery.exporter@mail.example');
    expect(data.account.display_name).to.equal('Avery Exporter');
    for (const table of [
      'reviews',
      'comments',
      'helpful_votes',
      'reports',
      'product_questions',
      'question_answers',
      'orders',
      'account_identifiers',
      'sessions',
    ]) {
      expect(data.data[table], table).to.be.an('array').that.is.not.empty;
    }
    expect(data.data.reviews[0].id).to.equal(me.reviewId);
    expect(data.data.orders[0].email).to.equal('avery.exporter@mail.example');
    // Identifiers as stored: keyed hashes, with the readable value while it is kept.
    const ip = data.data.account_identifiers.find((i: { kind: string }) => i.kind === 'ip');
    expect(ip.value).to.match(/^k1:/);
    expect(ip.raw).to.equal('198.51.100.41');
    expect(res.text).not.to.include('password_hash');
    expect(res.text).not.to.include('$argon2');
    expect(res.text).not.to.include('token_hash');
  });

  it('when someone asks for another person’s export, then it is refused and nothing of theirs is sent', async () => {
    const owner = (await ctx.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'avery.exporter@mail.example'`)).rows[0]!.id;
    const intruder = await signedInAgent(ctx);
    const res = await post(intruder.agent, `/accounts/${owner}/export`, { currentPassword: TEST_PASSWORD });
    expect(res.status).to.equal(403);
    expect(res.text).not.to.include('avery.exporter@mail.example');
    expect(res.text).not.to.include('198.51.100.41');
    const anonymous = await post(request.agent(ctx.app) as unknown as Agent, `/accounts/${owner}/export`, { currentPassword: PASSWORD }, '/signin');
    expect(anonymous.status).to.equal(401);
    const noPassword = await post(intruder.agent, `/accounts/${intruder.account.id}/export`, {});
    expect(noPassword.status).to.equal(422);
  });

  it('when a person deletes the account, then no table holds their e-mail, name, addresses or browser, the review stays as "a former customer", and the keyed identifiers still link', async () => {
    const who = { name: 'Quinn Deletable', email: 'quinn.deletable@mail.example', ip: '198.51.100.77', ua: 'DeletingBrowser/7.1 (Erase)' };
    // The shop's webhook: its queued deliveries name the review's author.
    const manager = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
    await registerWebhook(ctx.db, await openMerchantScope(ctx.db, manager.account.id, catalog.merchant.id), 'http://127.0.0.1:9/hook', ctx.services.clock(), {
      allowLoopbackForTests: true,
    });
    const me = await activePerson(who);
    await pumpReviewEvents(ctx.db, ctx.services.clock());
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'webhook' AND payload::text LIKE '%Quinn Deletable%'`)).to.be.greaterThan(0);
    // A second account opened in the same browser (same device cookie) from elsewhere: the evidence that must survive.
    const sibling = me.agent;
    sibling.set('X-Forwarded-For', '203.0.113.9').set('User-Agent', 'SiblingBrowser/1.0');
    await post(sibling, '/signup', { displayName: 'Sibling Account', email: 'sibling@mail.example', password: PASSWORD }, '/signup');
    sibling.set('X-Forwarded-For', who.ip).set('User-Agent', who.ua);
    expect(await tablesContaining(ctx.db, [who.email, who.name, who.ip, who.ua])).not.to.be.empty;

    const phone = request.agent(ctx.app).set('X-Forwarded-For', who.ip).set('User-Agent', who.ua) as unknown as Agent;
    await post(phone, '/signin', { email: who.email, password: PASSWORD }, '/signin');
    expect((await me.agent.get('/account')).status).to.equal(200);
    const unconfirmed = await post(me.agent, '/account/delete', { currentPassword: PASSWORD });
    expect(unconfirmed.status).to.equal(422);
    const wrong = await post(me.agent, '/account/delete', { currentPassword: 'not my password', confirm: 'DELETE' });
    expect(wrong.status).to.equal(403);
    expect(await count('SELECT count(*)::int AS n FROM accounts WHERE id = $1 AND deleted_at IS NULL', [me.id])).to.equal(1);

    const res = await post(me.agent, '/account/delete', { currentPassword: PASSWORD, confirm: 'DELETE' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
    expect((await me.agent.get('/account')).status).to.equal(302);
    expect((await phone.get('/account')).status).to.equal(302);
    expect((await post(request.agent(ctx.app) as unknown as Agent, '/signin', { email: who.email, password: PASSWORD }, '/signin')).status).to.equal(401);

    // Every table, enumerated from the catalogue, searched in every column.
    expect(await tablesContaining(ctx.db, [who.email, who.name, who.ip, who.ua])).to.deep.equal([]);

    const review = (await ctx.db.query<{ status: string; title: string }>('SELECT status, title FROM reviews WHERE id = $1', [me.reviewId])).rows[0]!;
    expect(review.status).to.equal('published');
    const tab = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    expect(tab.text).to.include('Dry all night (Deletable)');
    expect(tab.text).to.include('A former customer');
    // Keyed hashes only, and the shared device still links the deleted account to the sibling.
    expect(await count('SELECT count(*)::int AS n FROM account_identifiers WHERE account_id = $1 AND raw IS NOT NULL', [me.id])).to.equal(0);
    expect(await count(`SELECT count(*)::int AS n FROM account_identifiers WHERE account_id = $1 AND value NOT LIKE 'k1:%'`, [me.id])).to.equal(0);
    const linked = await ctx.db.query<{ account_id: string }>(
      `SELECT DISTINCT o.account_id FROM account_identifiers mine JOIN account_identifiers o ON o.kind = mine.kind AND o.value = mine.value AND o.account_id <> mine.account_id
        WHERE mine.account_id = $1 AND mine.kind = 'device'`,
      [me.id],
    );
    const siblingId = (await ctx.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'sibling@mail.example'`)).rows[0]!.id;
    expect(linked.rows.map((r) => r.account_id)).to.include(siblingId);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'account.deleted' AND target_id = $1`, [me.id])).to.equal(1);
  });

  it('when a person deletes the account and asks for their content to go too, then the review leaves the tab and its words are gone', async () => {
    const who = { name: 'Morgan Remover', email: 'morgan.remover@mail.example', ip: '198.51.100.88', ua: 'RemovingBrowser/2.0' };
    const me = await activePerson(who);
    const res = await post(me.agent, '/account/delete', { currentPassword: PASSWORD, confirm: 'DELETE', removeContent: 'on' });
    expect(res.status).to.equal(303);
    const review = (await ctx.db.query<{ status: string; title: string; body: string }>('SELECT status, title, body FROM reviews WHERE id = $1', [me.reviewId]))
      .rows[0]!;
    expect(review).to.deep.equal({ status: 'removed', title: '', body: '' });
    const tab = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
    expect(tab.text).not.to.include('Dry all night (Remover)');
    expect(await count(`SELECT count(*)::int AS n FROM question_answers WHERE account_id = $1 AND status <> 'removed'`, [me.id])).to.equal(0);
    expect(await tablesContaining(ctx.db, [who.email, who.name, who.ip, who.ua])).to.deep.equal([]);
  });
});
