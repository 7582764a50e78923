import { confirmAndSignIn } from '../helpers/account-mail.js';
import { expect } from 'chai';
import request from 'supertest';
import { pino } from 'pino';
import { drainOutbox, type OutboxDeps } from '../../server/outbox/outbox-worker.js';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { InvitationRefusedError, recordOrder } from '../../server/merchants/orders.js';
import type { MailTransport } from '../../server/mail/transport.js';
import { csrfToken, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
const DAY = 86_400_000;

describe('orders → invitations → verified reviews', function () {
  let s: Setup;
  let key: string;
  let now: Date;
  const sentMail: { to: string; subject: string; text: string }[] = [];
  const recordingTransport: MailTransport = { kind: 'dev', send: async (m) => void sentMail.push(m) };
  const outbox = (transport: MailTransport = recordingTransport): OutboxDeps => ({
    db: s.ctx.db,
    clock: () => now,
    mail: transport,
    mailFrom: 'Candor <no-reply@candor.example>',
    postWebhook: async () => undefined,
    logger: pino({ level: 'silent' }),
  });
  const order = (extra: Record<string, unknown> = {}) =>
    request(s.ctx.app)
      .post('/api/v1/orders')
      .set('authorization', `Bearer ${key}`)
      .send({
        sku: 'TENT',
        buyer_email: 'Buyer.One@Mail.example',
        ordered_at: '2026-05-25T09:30:00Z',
        external_ref: 'ORD-1001',
        ...extra,
      });
  const linkIn = (text: string) => new URL(/(https?:\/\/\S+\/invitations\/\S+)/.exec(text)![1]!).pathname;

  before(async () => {
    s = await twoMerchants();
    now = s.ctx.services.clock();
    s.ctx.services.clock = () => now;
    key = (await createApiKey(s.ctx.db, await openMerchantScope(s.ctx.db, s.managerA.account.id, 'm_test'), 'test', now)).key;
  });
  after(() => s.ctx.close());

  let invitationPath = '';

  it('when a merchant records an order, then one neutral invitation email is queued, and repeating the request changes nothing', async () => {
    const first = await order();
    expect(first.status).to.equal(201);
    expect(first.body.created).to.equal(true);
    const again = await order();
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal({ ...first.body, created: false });
    const queued = await s.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'email'`);
    expect(queued.rows[0]!.n).to.equal(1);
    const orders = await s.ctx.db.query<{ email: string; account_id: string | null }>(`SELECT email, account_id FROM orders WHERE external_ref = 'ORD-1001'`);
    expect(orders.rows).to.deep.equal([{ email: 'buyer.one@mail.example', account_id: null }]);

    const result = await drainOutbox(outbox());
    expect(result.sent).to.equal(1);
    expect(sentMail).to.have.length(1);
    expect(sentMail[0]!.to).to.equal('buyer.one@mail.example');
    expect(sentMail[0]!.text).to.include('whether it is good or bad');
    expect(sentMail[0]!.text).not.to.match(/coupon|discount|reward you/i);
    invitationPath = linkIn(sentMail[0]!.text);
    expect(invitationPath).to.match(/^\/invitations\/inv_[a-z0-9]+\.\d+\.[A-Za-z0-9_-]{43}$/);
  });

  it('when the same external_ref is sent for another product or buyer, then it is refused with 409', async () => {
    const res = await order({ sku: 'STOVE' });
    expect(res.status).to.equal(409);
    expect(res.body.detail).to.include('external_ref');
  });

  it('when the development mailbox was not asked for, then /dev/mail does not exist and the link is only in the email', async () => {
    const res = await request(s.ctx.app).get('/dev/mail');
    expect(res.status).to.equal(404);
    expect(res.text).not.to.include(invitationPath);
    const token = invitationPath.split('/').pop()!;
    const again = await order();
    expect(JSON.stringify(again.body)).not.to.include(token);
    const merchantPages = await Promise.all(['/merchant/m_test', '/merchant/m_test/webhooks'].map((p) => s.managerA.agent.get(p)));
    for (const page of merchantPages) expect(page.text).not.to.include(token);
  });

  it('when a buyer follows the link, signs up and writes the review, then it carries the verified-purchase badge', async () => {
    const agent = request.agent(s.ctx.app);
    const landing = await agent.get(invitationPath);
    expect(landing.status).to.equal(200);
    expect(landing.text).to.include('You were invited to review');
    const signupHref = /href="(\/signup\?next[^"]+)"/
      .exec(landing.text)![1]!
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
    const token = await csrfToken(agent, signupHref);
    const signup = await agent
      .post('/signup')
      .type('form')
      .send({
        _csrf: token,
        displayName: 'Invited Buyer',
        email: 'buyer.one@mail.example',
        password: 'a long enough password',
        next: decodeURIComponent(signupHref.split('next=')[1]!),
      });
    expect(signup.status).to.equal(303);
    expect(signup.headers.location).to.equal(invitationPath);
    // The address is confirmed from the e-mail; signing in then leads back to the invitation.
    const signIn = await confirmAndSignIn(agent, s.ctx.db, 'buyer.one@mail.example', 'a long enough password', invitationPath);
    expect(signIn.headers.location).to.equal(invitationPath);

    const form = await agent.get(invitationPath);
    expect(form.status).to.equal(200);
    expect(form.text).to.include(`action="${invitationPath}"`);
    expect(form.text, 'the optional 0–10 question is asked on invited reviews').to.include('How likely are you to recommend this shop to a friend?');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const post = await agent.post(invitationPath).type('form').send({
      _csrf: csrf,
      rating: '2',
      title: 'Leaks at the seams',
      body: 'The fly let water in at the seams during the first night of steady rain.',
      recommend: '3',
    });
    expect(post.status).to.equal(303);
    expect(post.headers.location).to.match(/^\/products\/tent\/reviews#review-r_/);

    const reviewId = post.headers.location.split('#review-')[1]!;
    const row = await s.ctx.db.query<{ order_id: string | null; status: string; account_id: string; recommend_score: number | null }>(
      'SELECT order_id, status, account_id, recommend_score FROM reviews WHERE id = $1',
      [reviewId],
    );
    const linked = await s.ctx.db.query<{ id: string; account_id: string }>(`SELECT id, account_id FROM orders WHERE external_ref = 'ORD-1001'`);
    expect(row.rows[0]!.order_id).to.equal(linked.rows[0]!.id);
    expect(linked.rows[0]!.account_id).to.equal(row.rows[0]!.account_id);
    expect(row.rows[0]!.recommend_score, 'stored with the verified review, for the NPS').to.equal(3);

    const tab = await agent.get('/products/tent/reviews');
    const card = tab.text.slice(tab.text.indexOf(`id="review-${reviewId}"`));
    expect(card.slice(0, card.indexOf('</li>'))).to.include('Verified purchase');
    expect(row.rows[0]!.status, 'a verified low rating is published like any other').to.equal('published');
  });

  it('when the invitation is used a second time, then it is refused with a clear message', async () => {
    const other = request.agent(s.ctx.app);
    const res = await other.get(invitationPath);
    expect(res.status).to.equal(410);
    expect(res.text).to.include('already been used');
  });

  it('when the invitation has expired, then it is refused with a clear message', async () => {
    const res0 = await order({ external_ref: 'ORD-1002', buyer_email: 'late@mail.example' });
    expect(res0.status).to.equal(201);
    await drainOutbox(outbox());
    const path = linkIn(sentMail.at(-1)!.text);
    expect((await request(s.ctx.app).get(path)).status).to.equal(200);
    const saved = now;
    now = new Date(saved.getTime() + 31 * DAY);
    try {
      const res = await request(s.ctx.app).get(path);
      expect(res.status).to.equal(410);
      expect(res.text).to.include('This invitation has expired');
    } finally {
      now = saved;
    }
  });

  it('when the link is tampered with, then it is refused as not valid', async () => {
    const forged = invitationPath.replace(/\.(\d+)\./, (_m, exp: string) => `.${Number(exp) + 999999}.`);
    const res = await request(s.ctx.app).get(forged);
    expect(res.status).to.equal(404);
    expect(res.text).to.include('not valid');
  });

  describe('refusing selective or incentivized invitations', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a rating filter', { min_rating: 4 }, 'selective-invitation'],
      ['a satisfaction condition', { only_if_satisfied: true }, 'selective-invitation'],
      ['per-recipient inclusion by sentiment', { sentiment: 'positive' }, 'selective-invitation'],
      ['a per-order opt-out', { send_invitation: false }, 'selective-invitation'],
      ['a reward', { reward: 'coupon' }, 'incentivized-invitation'],
      ['a coupon code', { coupon_code: 'THANKS10' }, 'incentivized-invitation'],
      ['a note with a reward', { note: 'Get 10% off your next order when you post your review!' }, 'incentivized-invitation'],
      ['a note with a rating-conditional reward', { note: 'Leave a 5-star review and we will refund shipping.' }, 'incentivized-invitation'],
      ['a note asking for a rating', { note: 'Please leave us a five star review!' }, 'selective-invitation'],
      ['a note addressed to happy buyers', { note: 'If you are happy with your tent, tell the world.' }, 'selective-invitation'],
    ];
    cases.forEach(([what, extra, type], i) => {
      it(`when the order carries ${what}, then it is refused (422, ${type}) and nothing is recorded`, async () => {
        const res = await order({ external_ref: `REF-${i}`, ...extra });
        expect(res.status).to.equal(422);
        expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
        expect(res.body.type).to.equal(`/api/problems/${type}`);
        expect(res.body.detail).to.be.a('string').and.not.empty;
        const { rows } = await s.ctx.db.query('SELECT 1 FROM orders WHERE external_ref = $1', [`REF-${i}`]);
        expect(rows).to.have.length(0);
      });
    });

    it('when recordOrder is called without the API (CLI, replay) with a reward in the note, then it refuses too and records nothing', async () => {
      const deps = {
        db: s.ctx.db,
        invitationKey: s.ctx.services.invitationKey,
        publicUrl: 'http://candor.test',
        unsubscribeKey: s.ctx.services.unsubscribeKey,
      };
      const input = {
        sku: 'TENT',
        buyerEmail: 'direct@mail.example',
        orderedAt: new Date(now.getTime() - DAY),
        externalRef: 'DIRECT-1',
        note: 'A $10 gift card for every review.',
      };
      const refused = await recordOrder(deps, 'm_test', input, now).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).to.be.instanceOf(InvitationRefusedError);
      expect((refused as InvitationRefusedError).kind).to.equal('incentivized-invitation');
      const { rows } = await s.ctx.db.query('SELECT 1 FROM orders WHERE external_ref = $1', ['DIRECT-1']);
      expect(rows).to.have.length(0);
    });

    it('when the note is neutral thanks, then it is accepted and appears in the email', async () => {
      const res = await order({ external_ref: 'NEUTRAL-1', buyer_email: 'n@mail.example', note: 'Thank you for shopping with us.' });
      expect(res.status).to.equal(201);
      await drainOutbox(outbox());
      expect(sentMail.at(-1)!.text).to.include('“Thank you for shopping with us.”');
    });

    it('when an unknown field is sent, then it is refused with the list of allowed fields', async () => {
      const res = await order({ external_ref: 'X-9', colour: 'red' });
      expect(res.status).to.equal(422);
      expect(res.body.detail).to.include('Unknown field(s): colour');
    });
  });

  describe('outbox retries', () => {
    it('when the transport fails, then the email is retried with exponential backoff and sent once it recovers', async () => {
      const res = await order({ external_ref: 'RETRY-1', buyer_email: 'retry@mail.example' });
      expect(res.status).to.equal(201);
      let failures = 0;
      const flaky: MailTransport = {
        kind: 'smtp',
        send: async (m) => {
          if (failures < 2) {
            failures++;
            throw new Error('421 try again later');
          }
          sentMail.push(m);
        },
      };
      const row = async () =>
        (
          await s.ctx.db.query<{ status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
            `SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE payload->>'to' = 'retry@mail.example'`,
          )
        ).rows[0]!;
      const start = now;
      try {
        expect((await drainOutbox(outbox(flaky))).retrying).to.equal(1);
        let r = await row();
        expect(r).to.include({ status: 'pending', attempts: 1, last_error: '421 try again later' });
        expect(new Date(r.next_attempt_at).getTime() - start.getTime()).to.equal(30_000);

        expect((await drainOutbox(outbox(flaky))).sent, 'not due yet').to.equal(0);
        now = new Date(start.getTime() + 30_000);
        await drainOutbox(outbox(flaky));
        r = await row();
        expect(r.attempts).to.equal(2);
        expect(new Date(r.next_attempt_at).getTime() - now.getTime()).to.equal(60_000);

        now = new Date(now.getTime() + 60_000);
        expect((await drainOutbox(outbox(flaky))).sent).to.equal(1);
        r = await row();
        expect(r).to.include({ status: 'sent', attempts: 3, last_error: null });
        expect(sentMail.at(-1)!.to).to.equal('retry@mail.example');
      } finally {
        now = start;
      }
    });
  });
});
