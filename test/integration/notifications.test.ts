import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { offerFollowUp } from '../../server/merchants/follow-ups.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { replyAsMerchant } from '../../server/merchants/replies.js';
import { decideItem } from '../../server/moderation/decisions.js';
import { answerFollowUp } from '../../server/reviews/follow-up-answer.js';
import { postComment } from '../../server/reviews/post-comment.js';
import { drainOutbox, outboxDepsFrom } from '../../server/outbox/outbox-worker.js';
import { pumpNotifications, REMINDER_AFTER_MS, sendInvitationReminders, type NotificationLinks } from '../../server/mail/notifications.js';
import { signUnsubscribeToken } from '../../server/mail/unsubscribe-token.js';
import type { MailTransport } from '../../server/mail/transport.js';
import { recordOrder } from '../../server/merchants/orders.js';
import { defaultPolicy, rewardGrammarLimits } from '../../server/integrity/policy.js';
import { csrfToken, signedInAgent } from '../helpers/test-app.js';
import { heldInsiderReview, moderator, publishedReview, versionOf } from './console-fixtures.js';
import { twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
type Payload = { to: string; subject: string; text: string; headers?: Record<string, string>; notification?: { accountId: string; kind: string } };

describe('notifications by e-mail, one-click unsubscribe and the invitation reminder', function () {
  let s: Setup;
  let links: NotificationLinks;
  let now: Date;

  /** The notices queued for one account and kind (through the dedupe key the pump gives them). */
  const queued = async (accountId: string, kind: string): Promise<Payload[]> =>
    (
      await s.ctx.db.query<{ payload: Payload | string }>(`SELECT payload FROM outbox WHERE dedupe_key LIKE $1 ORDER BY id`, [`notify:%:${kind}:${accountId}`])
    ).rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload));
  const pump = () => pumpNotifications(s.ctx.db, links, now);

  before(async () => {
    s = await twoMerchants();
    now = s.ctx.services.clock();
    s.ctx.services.clock = () => now;
    const { services } = s.ctx;
    links = { publicUrl: services.config.publicUrl, unsubscribeKey: services.unsubscribeKey, invitationKey: services.invitationKey };
  });
  after(() => s.ctx.close());

  it('when a review is published, then its author is told once, with List-Unsubscribe headers and the link in the text', async () => {
    const { reviewId, ...author } = await publishedReview(s.ctx, { productId: s.a.product.id, rating: 4, at: now });
    await pump();
    await pump();
    const mails = await queued(author.account.id, 'review-published');
    expect(mails).to.have.length(1);
    expect(mails[0]!.to).to.equal(author.account.email);
    expect(mails[0]!.text).to.include(`#review-${reviewId}`);
    expect(mails[0]!.headers!['List-Unsubscribe-Post']).to.equal('List-Unsubscribe=One-Click');
    const link = /^<(.+)>$/.exec(mails[0]!.headers!['List-Unsubscribe']!)![1]!;
    expect(link).to.match(/\/unsubscribe\/a_[a-z0-9]+\.review-published\.[A-Za-z0-9_-]{43}$/);
    expect(mails[0]!.text).to.include(link);
    expect(await queued(s.managerA.account.id, 'merchant-poor-review'), 'a 4★ review is not a poor one').to.have.length(0);
  });

  it('when a 1–2★ review is published, then the merchant team is told once and the other merchant is not', async () => {
    await publishedReview(s.ctx, { productId: s.a.product.id, rating: 1, at: now });
    await pump();
    const mails = await queued(s.managerA.account.id, 'merchant-poor-review');
    expect(mails).to.have.length(1);
    expect(mails[0]!.subject).to.equal('A new 1★ review of Tent');
    expect(mails[0]!.text).to.include('/merchant/m_test/follow-ups');
    expect(await queued(s.managerB.account.id, 'merchant-poor-review')).to.have.length(0);
  });

  it('when a review is held and a moderator then decides, then the author hears of both', async () => {
    const held = await heldInsiderReview(s.ctx, { merchantId: 'm_test_b', productId: s.b.product.id, at: now });
    await pump();
    expect(await queued(held.account.id, 'review-held')).to.have.length(1);
    const mod = await moderator(s.ctx);
    await decideItem(
      { db: s.ctx.db, clock: () => now },
      {
        moderatorId: mod.account.id,
        kind: 'review',
        id: held.reviewId,
        action: 'reject',
        expectedVersion: await versionOf(s.ctx, held.reviewId),
        reason: 'insider',
      },
    );
    await pump();
    const decided = await queued(held.account.id, 'review-decided');
    expect(decided).to.have.length(1);
    expect(decided[0]!.subject).to.include('A moderator decided');
  });

  it('when the merchant replies and someone comments, then the author hears of each; their own comment tells nobody', async () => {
    const { reviewId, ...author } = await publishedReview(s.ctx, { productId: s.a.other.id, rating: 3, at: now });
    await replyAsMerchant(
      s.ctx.db,
      await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test'),
      reviewId,
      'Thank you, we are looking into the stove valve.',
      now,
    );
    const commenter = await signedInAgent(s.ctx);
    const deps = { db: s.ctx.db, integrity: s.ctx.services.integrity };
    await postComment(deps, {
      reviewId,
      parentId: null,
      body: 'Same valve trouble here after a month of use.',
      post: { accountId: commenter.account.id, ip: '192.0.2.44', userAgent: 'Commenter/1', at: now },
    });
    await postComment(deps, {
      reviewId,
      parentId: null,
      body: 'Update: the replacement valve arrived and works.',
      post: { accountId: author.account.id, ip: '192.0.2.45', userAgent: 'Author/1', at: now },
    });
    await pump();
    expect(await queued(author.account.id, 'review-answered')).to.have.length(1);
    const comments = await queued(author.account.id, 'review-comment');
    expect(comments, 'one notice: the other person’s comment, not the author’s own').to.have.length(1);
  });

  it('when the author says a follow-up resolved it, then the merchant team hears the outcome with the note', async () => {
    const { reviewId, ...author } = await publishedReview(s.ctx, { productId: s.a.product.id, rating: 2, at: now });
    await offerFollowUp(
      s.ctx.db,
      await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test'),
      { reviewId, reply: 'We are sorry the pole snapped.', makeGood: 'replacement', note: 'A new pole ships today.', at: now },
      rewardGrammarLimits(defaultPolicy),
    );
    await answerFollowUp(s.ctx.db, { accountId: author.account.id, reviewId, outcome: 'resolved', note: 'New pole arrived, thanks.', at: now });
    await pump();
    const answered = await queued(author.account.id, 'review-answered');
    expect(answered).to.have.length(1);
    expect(answered[0]!.text).to.include('offers: replacement');
    const outcome = await queued(s.managerA.account.id, 'merchant-resolution');
    expect(outcome).to.have.length(1);
    expect(outcome[0]!.subject).to.match(/^Resolved: /);
    expect(outcome[0]!.text).to.include('New pole arrived, thanks.');
  });

  it('when the one-click link is POSTed without any cookie, then that kind stops and no later notice of it is queued', async () => {
    const author = await publishedReview(s.ctx, { productId: s.b.other.id, rating: 5, at: now });
    const token = signUnsubscribeToken(links.unsubscribeKey, author.account.id, 'review-answered');
    const page = await request(s.ctx.app).get(`/unsubscribe/${token}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Stop these e-mails?');
    const notYet = await s.ctx.db.query('SELECT 1 FROM notification_opt_outs WHERE account_id = $1', [author.account.id]);
    expect(notYet.rows, 'opening the link (a mail scanner does) changes nothing').to.have.length(0);

    const res = await request(s.ctx.app).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('you will no longer get e-mails');
    const again = await request(s.ctx.app).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click');
    expect(again.status, 'repeating it is harmless').to.equal(200);

    const reviewId = (await s.ctx.db.query<{ id: string }>('SELECT id FROM reviews WHERE account_id = $1', [author.account.id])).rows[0]!.id;
    await replyAsMerchant(s.ctx.db, await openMerchantScope(s.ctx.db, s.managerB.account.id, 'm_test_b'), reviewId, 'Thank you for the kind words.', now);
    await pump();
    expect(await queued(author.account.id, 'review-answered')).to.have.length(0);
    expect(await queued(author.account.id, 'review-published'), 'other kinds still go').to.have.length(1);
  });

  it('when the link is tampered with (other account, other kind, bad signature), then it is refused with 400 and nothing changes', async () => {
    const victim = s.customer.account.id;
    const good = signUnsubscribeToken(links.unsubscribeKey, victim, 'review-published');
    const [id, , mac] = good.split('.');
    const forged = [
      `${id}.review-comment.${mac}`,
      `${s.managerA.account.id}.review-published.${mac}`,
      `${id}.review-published.${mac!.slice(0, -2)}AA`,
      signUnsubscribeToken(Buffer.from('another instance key'), victim, 'review-published'),
      signUnsubscribeToken(links.unsubscribeKey, victim, 'no-such-kind'),
      'x',
    ];
    for (const token of forged) {
      const res = await request(s.ctx.app)
        .post(`/unsubscribe/${encodeURIComponent(token)}`)
        .type('form')
        .send('List-Unsubscribe=One-Click');
      expect(res.status, token).to.be.within(400, 499);
    }
    const rows = await s.ctx.db.query('SELECT 1 FROM notification_opt_outs WHERE account_id IN ($1, $2)', [victim, s.managerA.account.id]);
    expect(rows.rows).to.have.length(0);
  });

  it('when a notice is switched off after it was queued, then the worker does not send it', async () => {
    const author = await publishedReview(s.ctx, { productId: s.b.product.id, rating: 4, at: now });
    await pump();
    expect(await queued(author.account.id, 'review-published')).to.have.length(1);
    const token = signUnsubscribeToken(links.unsubscribeKey, author.account.id, 'review-published');
    await request(s.ctx.app).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const sent: { to: string; headers?: Record<string, string> }[] = [];
    const transport: MailTransport = { kind: 'dev', send: async (m) => void sent.push(m) };
    await drainOutbox({
      ...outboxDepsFrom({ ...s.ctx.services, outbound: { ...s.ctx.services.outbound, mail: transport } }),
      logger: pino({ level: 'silent' }),
    });
    expect(sent.filter((m) => m.to === author.account.email)).to.have.length(0);
    const others = sent.filter((m) => m.headers?.['List-Unsubscribe']);
    expect(others.length, 'the other notices went, with their headers').to.be.greaterThan(0);
  });

  it('when a person opens the e-mail settings, then they see their kinds and can switch them with a CSRF-protected form', async () => {
    const person = await signedInAgent(s.ctx);
    const page = await person.agent.get('/account/notifications');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('value="review-comment" checked');
    expect(page.text, 'merchant kinds only for shop teams').not.to.include('merchant-poor-review');
    const account = await person.agent.get('/account');
    expect(account.text).to.include('E-mail settings');

    const noToken = await person.agent.post('/account/notifications').type('form').send({ on: 'review-published' });
    expect(noToken.status).to.equal(403);
    const token = await csrfToken(person.agent, '/account/notifications');
    const save = await person.agent
      .post('/account/notifications')
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&settings=email&on=review-published&on=review-held`);
    expect(save.status).to.equal(303);
    const notOurForm = await person.agent.post('/account/notifications').type('form').send({ _csrf: token, title: 12345 });
    expect(notOurForm.status, 'a request that is not the settings form changes nothing').to.equal(422);
    const off = await s.ctx.db.query<{ kind: string }>('SELECT kind FROM notification_opt_outs WHERE account_id = $1 ORDER BY kind', [person.account.id]);
    expect(off.rows.map((r) => r.kind)).to.deep.equal(['review-answered', 'review-comment', 'review-decided']);

    const merchantPage = await s.managerA.agent.get('/account/notifications');
    expect(merchantPage.text).to.include('value="merchant-poor-review" checked');
    const anonymous = await request(s.ctx.app).get('/account/notifications').set('Accept', 'text/html');
    expect(anonymous.status).to.equal(302);
  });

  it('when an invitation is a week old and unused, then exactly one neutral reminder goes; a used or declined one gets none', async () => {
    const deps = { db: s.ctx.db, invitationKey: links.invitationKey, publicUrl: links.publicUrl, unsubscribeKey: links.unsubscribeKey };
    const order = (ref: string) =>
      recordOrder(deps, 'm_test', { sku: 'TENT', buyerEmail: `${ref}@buyer.example`, orderedAt: now, externalRef: ref, note: null }, now);
    const waiting = await order('R-1');
    const used = await order('R-2');
    const declined = await order('R-3');
    await s.ctx.db.query('UPDATE invitations SET used_at = $2 WHERE id = $1', [used.invitationId, now]);
    // The invitation e-mail carries a one-click link that declines its reminder (the buyer may have no account).
    const invitationMail = (
      await s.ctx.db.query<{ payload: Payload | string }>('SELECT payload FROM outbox WHERE dedupe_key = $1', [`invitation:${declined.invitationId}`])
    ).rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload))[0] as Payload;
    expect(invitationMail.headers!['List-Unsubscribe-Post']).to.equal('List-Unsubscribe=One-Click');
    const declineLink = new URL(/^<(.+)>$/.exec(invitationMail.headers!['List-Unsubscribe']!)![1]!);
    await request(s.ctx.app).post(declineLink.pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await sendInvitationReminders(s.ctx.db, links, new Date(now.getTime() + REMINDER_AFTER_MS - 60_000)), 'not yet a week').to.equal(0);
    const later = new Date(now.getTime() + REMINDER_AFTER_MS + 60_000);
    expect(await sendInvitationReminders(s.ctx.db, links, later)).to.equal(1);
    expect(await sendInvitationReminders(s.ctx.db, links, new Date(later.getTime() + REMINDER_AFTER_MS))).to.equal(0);
    const reminders = await s.ctx.db.query<{ dedupe_key: string; payload: Payload | string }>(
      `SELECT dedupe_key, payload FROM outbox WHERE dedupe_key LIKE 'invitation-reminder:%'`,
    );
    expect(reminders.rows.map((r) => r.dedupe_key)).to.deep.equal([`invitation-reminder:${waiting.invitationId}`]);
    const payload = reminders.rows[0]!.payload;
    const text = (typeof payload === 'string' ? JSON.parse(payload) : payload).text as string;
    expect(text).to.include('This is the only reminder you will get.');
    expect(text).to.include('whether it is good or bad');
    expect(text).not.to.match(/coupon|discount|reward you|5.star|happy/i);
  });
});
