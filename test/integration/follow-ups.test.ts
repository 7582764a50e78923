import { expect } from 'chai';
import { UserFacingError } from '../../server/domain-errors.js';
import { defaultPolicy } from '../../server/integrity/policy.js';
import { followUpInbox, offerFollowUp, publicFollowUpFigures } from '../../server/merchants/follow-ups.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { answerFollowUp } from '../../server/reviews/follow-up-answer.js';
import { publishedReview, twoMerchants } from './merchant-fixtures.js';

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
const limits = defaultPolicy.text.reward;

async function refusal(p: Promise<unknown>): Promise<UserFacingError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('follow-up on poor experiences', function () {
  let s: Setup;
  let poor: Awaited<ReturnType<typeof publishedReview>>;
  let otherPoor: Awaited<ReturnType<typeof publishedReview>>;
  let good: string;
  let poorOfB: string;

  before(async () => {
    s = await twoMerchants();
    poor = await publishedReview(s.ctx, s.a.product.id, 2);
    otherPoor = await publishedReview(s.ctx, s.a.product.id, 3);
    good = (await publishedReview(s.ctx, s.a.product.id, 5)).reviewId;
    poorOfB = (await publishedReview(s.ctx, s.b.product.id, 1)).reviewId;
  });
  after(() => s.ctx.close());

  const scopeA = () => openMerchantScope(s.ctx.db, s.managerA.account.id, s.a.merchant.id);
  const offer = async (reviewId: string, note: string, reply = 'We are sorry the strap broke.') =>
    offerFollowUp(s.ctx.db, await scopeA(), { reviewId, reply, makeGood: 'refund', note, at: s.ctx.services.clock(), reviewUrl: 'http://x/r' }, limits);

  it('when the inbox opens, then it lists only unanswered 1–3★ reviews of this merchant, oldest first, with time waiting', async () => {
    const inbox = await followUpInbox(s.ctx.db, await scopeA(), new Date(s.ctx.services.clock().getTime() + 3_600_000));
    expect(inbox.map((r) => r.id)).to.deep.equal([poor.reviewId, otherPoor.reviewId]);
    expect(inbox[0]!.waitingMs).to.be.at.least(3_600_000);
  });

  it('when the refund is conditioned on removing the review, then it is refused with 422 and nothing is written', async () => {
    const error = await refusal(offer(poor.reviewId, 'Refund issued once you remove your review.'));
    expect(error.status).to.equal(422);
    const { rows } = await s.ctx.db.query<{ n: number }>(
      'SELECT (SELECT count(*)::int FROM merchant_replies WHERE review_id = $1) + (SELECT count(*)::int FROM review_follow_ups WHERE review_id = $1) AS n',
      [poor.reviewId],
    );
    expect(rows[0]!.n).to.equal(0);
  });

  it('when the merchant answers a 5★ review or a review of another merchant here, then it is refused', async () => {
    expect((await refusal(offer(good, 'Sorry.'))).status).to.equal(422);
    expect((await refusal(offer(poorOfB, 'Sorry.'))).status).to.equal(404);
  });

  it('when a manager of another merchant opens this scope, then it is refused with 403', async () => {
    expect((await refusal(openMerchantScope(s.ctx.db, s.managerB.account.id, s.a.merchant.id))).status).to.equal(403);
  });

  it('when the merchant offers a neutral refund, then the reply is public, the author is e-mailed and the review leaves the inbox', async () => {
    await offer(poor.reviewId, 'Full refund sent today.');
    const inbox = await followUpInbox(s.ctx.db, await scopeA(), s.ctx.services.clock());
    expect(inbox.map((r) => r.id)).to.deep.equal([otherPoor.reviewId]);
    const mail = await s.ctx.db.query<{ payload: { to: string; subject: string } | string }>(`SELECT payload FROM outbox WHERE dedupe_key LIKE $1`, [`follow-up:${poor.reviewId}:%`]);
    const payload = typeof mail.rows[0]!.payload === 'string' ? JSON.parse(mail.rows[0]!.payload) : mail.rows[0]!.payload;
    expect(payload.to).to.equal(poor.author.account.email);
    expect(payload.subject).to.include('answered your review');
  });

  it('when someone other than the author answers, then it is refused with 403', async () => {
    const error = await refusal(answerFollowUp(s.ctx.db, { accountId: s.customer.account.id, reviewId: poor.reviewId, outcome: 'resolved', note: '', at: s.ctx.services.clock() }));
    expect(error.status).to.equal(403);
  });

  it('when the author confirms it resolved, then the share resolved counts it and the rating and text are unchanged', async () => {
    const before = (await s.ctx.db.query<{ rating: number; body: string }>('SELECT rating, body FROM reviews WHERE id = $1', [poor.reviewId])).rows[0]!;
    await answerFollowUp(s.ctx.db, { accountId: poor.author.account.id, reviewId: poor.reviewId, outcome: 'resolved', note: 'Money arrived.', at: s.ctx.services.clock() });
    const after = (await s.ctx.db.query<{ rating: number; body: string }>('SELECT rating, body FROM reviews WHERE id = $1', [poor.reviewId])).rows[0]!;
    expect(after).to.deep.equal(before);
    const figures = await publicFollowUpFigures(s.ctx.db, s.a.merchant.id);
    expect(figures).to.include({ poor: 2, answered: 1, resolved: 1 });
    expect(figures.resolvedShare).to.equal(0.5);
    expect(figures.medianResponseHours).to.be.a('number').and.to.be.at.least(0);
  });
});
