import { expect } from 'chai';
import { UserFacingError } from '../../server/domain-errors.js';
import { decideCluster } from '../../server/moderation/decisions.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { heldInsiderReview, linkedNearDuplicates, moderator, publishedReview, report, versionOf } from './console-fixtures.js';

const JSON_ACCEPT = 'application/json';

async function stateOf(ctx: TestContext, id: string) {
  return (await ctx.db.query<{ status: string; version: number }>('SELECT status, version FROM reviews WHERE id = $1', [id])).rows[0]!;
}

async function auditFor(ctx: TestContext, id: string) {
  return (
    await ctx.db.query<{
      action: string;
      actor_id: string | null;
      before_state: string;
      after_state: string;
      reason: string | null;
      details: Record<string, unknown>;
    }>('SELECT action, actor_id, before_state, after_state, reason, details FROM audit_log WHERE target_id = $1 ORDER BY id', [id])
  ).rows;
}

describe('console decisions', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let mod: Awaited<ReturnType<typeof moderator>>;
  let mod2: Awaited<ReturnType<typeof moderator>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    mod = await moderator(ctx);
    mod2 = await moderator(ctx);
  });
  after(() => ctx.close());

  it('when a moderator publishes a held review from the queue form, then it is published, the audit has who/before/after, and a "genuine" label is stored', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const res = await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .type('form')
      .send({ _csrf: await mod.csrf(), action: 'publish', version: '0', back: '/console?tab=reviews' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/console?tab=reviews');
    expect(await stateOf(ctx, held.reviewId)).to.deep.equal({ status: 'published', version: 1 });
    const audit = await auditFor(ctx, held.reviewId);
    expect(audit.map((a) => a.action)).to.deep.equal(['integrity.submit', 'moderator.publish']);
    const human = audit[1]!;
    expect(human).to.include({ actor_id: mod.account.id, before_state: 'held', after_state: 'published' });
    expect(human.details).to.include({ automaticDecision: 'held', version: 1 });
    const label = (await ctx.db.query<{ fake: boolean; decision: string }>('SELECT fake, decision FROM moderator_labels WHERE target_id = $1', [held.reviewId]))
      .rows;
    expect(label).to.deep.equal([{ fake: false, decision: 'published' }]);
    const page = await mod.agent.get('/console?tab=reviews');
    expect(page.text).to.include('Done: the review is now published.');
  });

  it('when a moderator rejects without a reason, then the answer is 422 with a message and nothing changes', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.other.id });
    const res = await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'reject', version: 0 });
    expect(res.status).to.equal(422);
    expect(res.body.error).to.match(/reason/i);
    const bad = await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'reject', version: 0, reason: 'because-i-said-so' });
    expect(bad.status).to.equal(422);
    expect(await stateOf(ctx, held.reviewId)).to.deep.equal({ status: 'held', version: 0 });
  });

  it('when a moderator rejects with a reason from the list, then it is rejected, the audit names the reason, and a "not genuine" label is stored', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.other.id });
    const res = await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'reject', version: 0, reason: 'insider', note: 'Works at the shop.' });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ before: 'held', after: 'rejected', version: 1 });
    const human = (await auditFor(ctx, held.reviewId)).at(-1)!;
    expect(human).to.include({ action: 'moderator.reject', reason: 'Written by the seller’s people' });
    expect(human.details).to.include({ reasonKey: 'insider', note: 'Works at the shop.' });
    const label = (await ctx.db.query<{ fake: boolean; reason: string }>('SELECT fake, reason FROM moderator_labels WHERE target_id = $1', [held.reviewId]))
      .rows;
    expect(label).to.deep.equal([{ fake: true, reason: 'insider' }]);
  });

  it('when two moderators decide the same item at once, then exactly one wins and the other gets 409 "this item changed"', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const [t1, t2] = [await mod.csrf(), await mod2.csrf()];
    const [a, b] = await Promise.all([
      mod.agent.post(`/console/items/review/${held.reviewId}/decision`).set('accept', JSON_ACCEPT).send({ _csrf: t1, action: 'publish', version: 0 }),
      mod2.agent
        .post(`/console/items/review/${held.reviewId}/decision`)
        .set('accept', JSON_ACCEPT)
        .send({ _csrf: t2, action: 'reject', version: 0, reason: 'fake' }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).to.match(/This item changed after you opened it/);
    const state = await stateOf(ctx, held.reviewId);
    expect(state.version).to.equal(1);
    const human = (await auditFor(ctx, held.reviewId)).filter((x) => x.actor_id);
    expect(human).to.have.length(1);
  });

  it('when a moderator submits a decision from a stale page (older version), then the HTML answer is 409 with the message, and the state is untouched', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.other.id });
    await mod.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .type('form')
      .send({ _csrf: await mod.csrf(), action: 'publish', version: '0' })
      .expect(303);
    const stale = await mod2.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .type('form')
      .send({ _csrf: await mod2.csrf(), action: 'reject', version: '0', reason: 'fake' });
    expect(stale.status).to.equal(409);
    expect(stale.text).to.include('This item changed after you opened it (it is now published)');
    expect((await stateOf(ctx, held.reviewId)).status).to.equal('published');
  });

  it('when a reported published review is removed, then it is removed, its reports are resolved and it leaves the public page', async () => {
    const pub = await publishedReview(ctx, {
      productId: catalog.product.id,
      title: 'Rude words here',
      body: 'This review contains a personal attack on the shop owner and their family, not about the tent.',
    });
    await report(ctx, pub.reviewId, 'offensive');
    const queue = await mod.agent.get('/console?tab=reports').set('accept', JSON_ACCEPT);
    expect(queue.body.items.map((i: { id: string }) => i.id)).to.include(pub.reviewId);
    const res = await mod.agent
      .post(`/console/items/review/${pub.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'remove', version: 0, reason: 'offensive' });
    expect(res.status).to.equal(200);
    expect(res.body.after).to.equal('removed');
    const reports = (
      await ctx.db.query<{ status: string; resolved_by: string }>('SELECT status, resolved_by FROM reports WHERE target_id = $1', [pub.reviewId])
    ).rows;
    expect(reports).to.deep.equal([{ status: 'resolved', resolved_by: mod.account.id }]);
    const label = (await ctx.db.query<{ fake: boolean | null }>('SELECT fake FROM moderator_labels WHERE target_id = $1', [pub.reviewId])).rows;
    expect(label).to.deep.equal([{ fake: null }]);
    const tab = await mod.agent.get(`/products/${catalog.product.slug}/reviews`);
    expect(tab.text).not.to.include('Rude words here');
  });

  it('when a moderator dismisses the reports on a published review, then the review stays up and leaves the reports tab; dismissing again is a 409', async () => {
    const pub = await publishedReview(ctx, { productId: catalog.other.id });
    await report(ctx, pub.reviewId, 'fake');
    const res = await mod.agent
      .post(`/console/items/review/${pub.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'dismiss', version: 0 });
    expect(res.status).to.equal(200);
    expect((await stateOf(ctx, pub.reviewId)).status).to.equal('published');
    const queue = await mod.agent.get('/console?tab=reports').set('accept', JSON_ACCEPT);
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.to.include(pub.reviewId);
    const again = await mod.agent
      .post(`/console/items/review/${pub.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'dismiss', version: 1 });
    expect(again.status).to.equal(409);
  });

  it('when a moderator tries a transition the state table forbids (reject a published review), then the answer is 409 and nothing changes', async () => {
    const pub = await publishedReview(ctx, { productId: catalog.product.id });
    const res = await mod.agent
      .post(`/console/items/review/${pub.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'reject', version: 0, reason: 'fake' });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.include('cannot be rejected');
    expect(await stateOf(ctx, pub.reviewId)).to.deep.equal({ status: 'published', version: 0 });
  });

  it('when the input is malformed (unknown action, missing version, bad id, unknown item), then the answers are 4xx with messages, never 500', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const post = async (path: string, body: Record<string, unknown>) =>
      mod.agent
        .post(path)
        .set('accept', JSON_ACCEPT)
        .send({ _csrf: await mod.csrf(), ...body });
    expect((await post(`/console/items/review/${held.reviewId}/decision`, { action: 'delete', version: 0 })).status).to.equal(422);
    expect((await post(`/console/items/review/${held.reviewId}/decision`, { action: 'publish' })).status).to.equal(422);
    expect((await post(`/console/items/widget/${held.reviewId}/decision`, { action: 'publish', version: 0 })).status).to.equal(422);
    expect((await post('/console/items/review/r_nope/decision', { action: 'publish', version: 0 })).status).to.equal(404);
    expect((await post(`/console/items/review/${held.reviewId}/cluster`, { action: 'publish' })).status).to.equal(422);
    expect((await post(`/console/items/review/${held.reviewId}/cluster`, { action: 'publish', members: ['not a member'] })).status).to.equal(422);
    expect((await post('/console/appeals/ap_nope/decision', { outcome: 'won', version: 0 })).status).to.equal(404);
    expect((await post('/console/accounts/a_nope/suspension', { suspend: '1', reason: 'fake' })).status).to.equal(404);
    expect((await mod.agent.get('/console?tab=bogus').set('accept', JSON_ACCEPT)).status).to.equal(422);
    expect((await mod.agent.get('/console/items/review/r_missing')).status).to.equal(404);
    expect((await stateOf(ctx, held.reviewId)).status).to.equal('held');
  });

  it('when a moderator suspends the author, then the account cannot post, the audit records it, and suspending again is a 409; moderators cannot be suspended', async () => {
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.other.id });
    const res = await mod.agent
      .post(`/console/accounts/${held.account.id}/suspension`)
      .type('form')
      .send({ _csrf: await mod.csrf(), suspend: '1', reason: 'insider', back: `/console/items/review/${held.reviewId}` });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/console/items/review/${held.reviewId}`);
    const account = (await ctx.db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [held.account.id])).rows[0]!;
    expect(account.status).to.equal('suspended');
    const audit = (await auditFor(ctx, held.account.id)).at(-1)!;
    expect(audit).to.include({ action: 'moderator.suspend', before_state: 'active', after_state: 'suspended', actor_id: mod.account.id });
    const again = await mod.agent
      .post(`/console/accounts/${held.account.id}/suspension`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), suspend: '1', reason: 'insider' });
    expect(again.status).to.equal(409);
    const post = await held.agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await held.csrf(), rating: 4, title: 'Another', body: 'Trying to post again after being suspended from the site.' });
    expect(post.status).to.equal(403);
    const other = await mod.agent
      .post(`/console/accounts/${mod2.account.id}/suspension`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), suspend: '1', reason: 'fake' });
    expect(other.status).to.equal(403);
  });

  it('when a moderator takes down a whole cluster, then every selected member changes in one transaction (held → rejected, published → removed) with one audit entry each', async () => {
    const product = {
      id: 'p_lamp',
      merchantId: catalog.merchant.id,
      slug: 'lamp',
      sku: 'LAMP',
      name: 'Lamp',
      description: 'A lamp.',
      category: 'camping',
      url: null,
    };
    const { insertProduct } = await import('../../server/storage/catalog-repo.js');
    await insertProduct(ctx.db, product);
    const pair = await linkedNearDuplicates(ctx, { productId: product.id });
    expect(pair.secondVerdict.decision).to.equal('held');
    const page = await mod.agent.get(`/console/items/review/${pair.secondId}`);
    expect(page.text).to.include(`value="${pair.firstId}:0"`);
    const firstBefore = (await stateOf(ctx, pair.firstId)).status;
    const res = await mod.agent
      .post(`/console/items/review/${pair.secondId}/cluster`)
      .type('form')
      .send({ _csrf: await mod.csrf(), action: 'reject', reason: 'sockpuppet', members: [`${pair.secondId}:0`, `${pair.firstId}:0`] });
    expect(res.status).to.equal(303);
    expect((await stateOf(ctx, pair.secondId)).status).to.equal('rejected');
    expect((await stateOf(ctx, pair.firstId)).status).to.equal(firstBefore === 'published' ? 'removed' : 'rejected');
    for (const id of [pair.firstId, pair.secondId]) {
      const human = (await auditFor(ctx, id)).filter((a) => a.actor_id);
      expect(human).to.have.length(1);
      expect(human[0]!.details).to.have.property('cluster');
    }
  });

  it("when decideCluster is called with a review outside the anchor's cluster (any caller, not just the console), then it is refused and nothing changes", async () => {
    const product = {
      id: 'p_kettle',
      merchantId: catalog.merchant.id,
      slug: 'kettle',
      sku: 'KETTLE',
      name: 'Kettle',
      description: 'A kettle.',
      category: 'camping',
      url: null,
    };
    const { insertProduct } = await import('../../server/storage/catalog-repo.js');
    await insertProduct(ctx.db, product);
    const pair = await linkedNearDuplicates(ctx, { productId: product.id, at: new Date('2026-05-23T10:00:00Z') });
    const outsider = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const outsiderBefore = (await stateOf(ctx, outsider.reviewId)).status;
    const outcome = await decideCluster(
      { db: ctx.db, clock: ctx.services.clock },
      {
        moderatorId: mod.account.id,
        anchorId: pair.secondId,
        members: [
          { id: pair.secondId, version: 0 },
          { id: outsider.reviewId, version: 0 },
        ],
        action: 'reject',
        reason: 'sockpuppet',
      },
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(outcome).to.be.instanceOf(UserFacingError);
    expect((outcome as UserFacingError).status).to.equal(422);
    expect((await stateOf(ctx, outsider.reviewId)).status).to.equal(outsiderBefore);
    expect((await stateOf(ctx, pair.secondId)).status).to.equal('held');
  });

  it('when one member of a cluster action was decided meanwhile, then nothing in the cluster changes and the answer is 409', async () => {
    const product = {
      id: 'p_mat',
      merchantId: catalog.merchant.id,
      slug: 'mat',
      sku: 'MAT',
      name: 'Mat',
      description: 'A mat.',
      category: 'camping',
      url: null,
    };
    const { insertProduct } = await import('../../server/storage/catalog-repo.js');
    await insertProduct(ctx.db, product);
    const pair = await linkedNearDuplicates(ctx, { productId: product.id, at: new Date('2026-05-22T10:00:00Z') });
    // mod2 takes the first review down; mod's cluster form still carries version 0 for it.
    const first = await stateOf(ctx, pair.firstId);
    const action = first.status === 'published' ? 'remove' : 'reject';
    await mod2.agent
      .post(`/console/items/review/${pair.firstId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod2.csrf(), action, version: 0, reason: 'sockpuppet' })
      .expect(200);
    const res = await mod.agent
      .post(`/console/items/review/${pair.secondId}/cluster`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await mod.csrf(), action: 'publish', members: [`${pair.secondId}:0`, `${pair.firstId}:0`] });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.match(/This item changed after you opened it/);
    expect((await stateOf(ctx, pair.secondId)).status).to.equal('held');
  });

  it('when an admin decides, then it works like a moderator decision', async () => {
    const admin = await signedInAgent(ctx, { role: 'admin' });
    const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: catalog.product.id });
    const res = await admin.agent
      .post(`/console/items/review/${held.reviewId}/decision`)
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await admin.csrf(), action: 'publish', version: await versionOf(ctx, held.reviewId) });
    expect(res.status).to.equal(200);
  });
});
