import { expect } from 'chai';
import request from 'supertest';
import { addOrder, createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

describe('questions and answers on a product', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let questionId: string;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  const tab = () => request(ctx.app).get(`/products/${catalog.product.slug}/reviews`);
  const ask = async (who: Awaited<ReturnType<typeof signedInAgent>>, body: string) =>
    who.agent
      .post(`/products/${catalog.product.slug}/questions`)
      .type('form')
      .send({ _csrf: await who.csrf(), body });
  const answer = async (who: Awaited<ReturnType<typeof signedInAgent>>, id: string, body: string) =>
    who.agent
      .post(`/products/${catalog.product.slug}/questions/${id}/answers`)
      .type('form')
      .send({ _csrf: await who.csrf(), body });
  const stored = async (table: 'product_questions' | 'question_answers', id: string) =>
    (await ctx.db.query<{ status: string; labels: string[]; badge?: string | null }>(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0]!;
  const idFrom = (location: string, kind: 'question' | 'answer') => new RegExp(`#${kind}-(.+)$`).exec(location)![1]!;

  it('when a signed-in shopper asks a question, then it is published on the tab for everyone', async () => {
    const shopper = await signedInAgent(ctx);
    const res = await ask(shopper, 'Does the fly pitch first, before the inner tent?');
    expect(res.status).to.equal(303);
    questionId = idFrom(res.headers.location!, 'question');
    expect((await stored('product_questions', questionId)).status).to.equal('published');
    const page = await tab();
    expect(page.text).to.include('Does the fly pitch first, before the inner tent?');
    expect(page.text).to.include(`id="question-${questionId}"`);
  });

  it('when nobody is signed in or the CSRF token is missing, then nothing is stored', async () => {
    const before = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM product_questions')).rows[0]!.n;
    const anonymous = await request(ctx.app)
      .post(`/products/${catalog.product.slug}/questions`)
      .set('Accept', 'application/json')
      .send({ body: 'Is it waterproof in a storm?' });
    expect(anonymous.status).to.be.oneOf([401, 403]);
    const shopper = await signedInAgent(ctx);
    const noToken = await shopper.agent.post(`/products/${catalog.product.slug}/questions`).type('form').send({ body: 'Is it waterproof in a storm?' });
    expect(noToken.status).to.equal(403);
    const after = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM product_questions')).rows[0]!.n;
    expect(after).to.equal(before);
  });

  it('when a question is too short or the product unknown, then the answer is a clear 4xx and nothing is stored', async () => {
    const shopper = await signedInAgent(ctx);
    const short = await shopper.agent
      .post(`/products/${catalog.product.slug}/questions`)
      .set('Accept', 'application/json')
      .send({ _csrf: await shopper.csrf(), body: 'ok?' });
    expect(short.status).to.equal(422);
    const unknown = await shopper.agent
      .post('/products/no-such-thing/questions')
      .set('Accept', 'application/json')
      .send({ _csrf: await shopper.csrf(), body: 'Is this a real product at all?' });
    expect(unknown.status).to.equal(404);
    const rows = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM product_questions WHERE body IN ('ok?', 'Is this a real product at all?')`))
      .rows[0]!.n;
    expect(rows).to.equal(0);
  });

  it('when a verified buyer answers, then the answer carries "Owns it"; a shopper without an order gets no badge', async () => {
    const owner = await signedInAgent(ctx);
    await addOrder(ctx.db, owner.account.id, catalog.product.id, catalog.merchant.id, new Date('2024-03-01T00:00:00Z'));
    const res = await answer(owner, questionId, 'Yes, the fly goes up first and the inner clips in underneath it.');
    expect(res.status).to.equal(303);
    const ownerAnswer = idFrom(res.headers.location!, 'answer');
    expect(await stored('question_answers', ownerAnswer)).to.include({ status: 'published', badge: 'owner' });

    const stranger = await signedInAgent(ctx);
    const other = await answer(stranger, questionId, 'I think most tents of this kind pitch that way these days.');
    const strangerAnswer = idFrom(other.headers.location!, 'answer');
    expect(await stored('question_answers', strangerAnswer)).to.include({ status: 'published', badge: null });

    const page = await tab();
    const answerHtml = (id: string) => new RegExp(`id="answer-${id}">(.*?)</li>`, 's').exec(page.text)![1]!;
    expect(answerHtml(ownerAnswer)).to.include('>Owns it</span>');
    expect(answerHtml(strangerAnswer)).to.include('most tents of this kind');
    expect(answerHtml(strangerAnswer)).not.to.include('Owns it');
  });

  it('when declared merchant staff answer, then the answer is published labelled "Seller", never as a customer', async () => {
    const staff = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
    // Even a member of staff who also bought the product answers as the seller.
    await addOrder(ctx.db, staff.account.id, catalog.product.id, catalog.merchant.id, new Date('2024-03-02T00:00:00Z'));
    const res = await answer(staff, questionId, 'The fly pitches first; the inner hangs from clips under it.');
    const id = idFrom(res.headers.location!, 'answer');
    expect(await stored('question_answers', id)).to.include({ status: 'published', badge: 'seller' });
    expect((await tab()).text).to.include('>Seller</span>');
  });

  it("when an undeclared insider (on the merchant's e-mail domain) answers as a customer, then the answer is held as insider", async () => {
    const insider = await signedInAgent(ctx, { email: `helper.${Date.now()}@${catalog.merchant.domain}` });
    const res = await answer(insider, questionId, 'Honestly the best tent I have ever pitched, it goes up in a minute.');
    const id = idFrom(res.headers.location!, 'answer');
    const row = await stored('question_answers', id);
    expect(row.status).to.equal('held');
    expect(row.labels).to.include('insider');
    expect(row.badge).to.equal(null);
    // Held: only its author sees it.
    expect((await tab()).text).not.to.include('it goes up in a minute');
    expect((await insider.agent.get(`/products/${catalog.product.slug}/reviews`)).text).to.include('it goes up in a minute');
  });

  it('when an account posts the same long answer twice, then the second is not published and is labelled duplicate', async () => {
    const shopper = await signedInAgent(ctx);
    const text = 'I pitched it in heavy rain on a windy hillside and the inner stayed completely dry all night long.';
    const first = await answer(shopper, questionId, text);
    expect((await stored('question_answers', idFrom(first.headers.location!, 'answer'))).status).to.equal('published');
    const second = await answer(shopper, questionId, text);
    const row = await stored('question_answers', idFrom(second.headers.location!, 'answer'));
    expect(row.status).to.be.oneOf(['held', 'rejected']);
    expect(row.labels).to.include('duplicate');
  });

  it('when the tab has published questions, then its JSON-LD holds Question and Answer items about the Product', async () => {
    const page = await tab();
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.text)![1]!;
    const doc = JSON.parse(json);
    expect(doc['@context']).to.equal('https://schema.org');
    const product = doc['@graph'].find((n: { '@type': string }) => n['@type'] === 'Product');
    const question = doc['@graph'].find((n: { '@type': string }) => n['@type'] === 'Question');
    expect(question.text).to.equal('Does the fly pitch first, before the inner tent?');
    expect(question.about['@id']).to.equal(product['@id']);
    expect(question.answerCount).to.equal(question.suggestedAnswer.length);
    expect(question.suggestedAnswer[0]['@type']).to.equal('Answer');
    // Held answers stay out of the structured data.
    expect(json).not.to.include('it goes up in a minute');
  });

  it('when shoppers vote an answer helpful, then it counts once per account, can be withdrawn, and never by its author or the staff', async () => {
    const author = await signedInAgent(ctx);
    const posted = await answer(author, questionId, 'Mine took about a quarter of an hour the first time in wind.');
    const answerId = idFrom(posted.headers.location!, 'answer');
    const vote = async (who: Awaited<ReturnType<typeof signedInAgent>>, helpful: boolean) =>
      who.agent
        .post(`/products/${catalog.product.slug}/answers/${answerId}/helpful`)
        .set('Accept', 'application/json')
        .send({ _csrf: await who.csrf(), helpful: String(helpful) });

    const voter = await signedInAgent(ctx);
    expect((await vote(voter, true)).body).to.deep.equal({ helpfulCount: 1, voted: true });
    expect((await vote(voter, true)).body.helpfulCount, 'a second vote by the same account').to.equal(1);
    const another = await signedInAgent(ctx);
    expect((await vote(another, true)).body.helpfulCount).to.equal(2);
    expect((await vote(voter, false)).body).to.deep.equal({ helpfulCount: 1, voted: false });

    expect((await vote(author, true)).status).to.equal(403);
    const staff = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
    expect((await vote(staff, true)).status).to.equal(403);
    const bad = await voter.agent
      .post(`/products/${catalog.product.slug}/answers/${answerId}/helpful`)
      .set('Accept', 'application/json')
      .send({ _csrf: await voter.csrf(), helpful: 'maybe' });
    expect(bad.status).to.equal(422);
    expect((await stored('question_answers', answerId)) as unknown as { helpful_count: number }).to.include({ helpful_count: 1 });
    expect(new RegExp(`id="answer-${answerId}">(.*?)</li>`, 's').exec((await tab()).text)![1]).to.include('1 person found this helpful');
  });

  it('when six accounts on one address vote an answer helpful, then one vote counts, the rest are kept with their link, and the burst is queued', async () => {
    const author = await signedInAgent(ctx);
    const posted = await answer(author, questionId, 'I pitch it fly-first in rain; the inner clips in from underneath in two minutes.');
    const answerId = idFrom(posted.headers.location!, 'answer');
    expect((await stored('question_answers', answerId)).status).to.equal('published');
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const voter = await signedInAgent(ctx, { ip: '203.0.113.61' });
      const res = await voter.agent
        .post(`/products/${catalog.product.slug}/answers/${answerId}/helpful`)
        .set('Accept', 'application/json')
        .send({ _csrf: await voter.csrf(), helpful: 'true' });
      expect(res.status).to.equal(200);
      counts.push(res.body.helpfulCount);
    }
    expect(counts).to.deep.equal([1, 1, 1, 1, 1, 1]);
    const votes = (
      await ctx.db.query<{ counted: boolean; link_reason: string | null }>('SELECT counted, link_reason FROM answer_votes WHERE answer_id = $1', [answerId])
    ).rows;
    expect(votes.filter((v) => v.counted)).to.have.length(1);
    expect(votes.filter((v) => !v.counted).map((v) => v.link_reason)).to.deep.equal(['network', 'network', 'network', 'network', 'network']);
    const burst = await ctx.db.query(`SELECT 1 FROM reports WHERE target_kind = 'answer' AND target_id = $1 AND reason = 'vote_burst'`, [answerId]);
    expect(burst.rows).to.have.length(1);
  });

  it('when an answer is held, then moderators find it in the queue with its evidence and can publish it', async () => {
    const insider = await signedInAgent(ctx, { email: `desk.${Date.now()}@${catalog.merchant.domain}` });
    const posted = await answer(insider, questionId, 'We tested it on the roof of our office and it held in the wind.');
    const answerId = idFrom(posted.headers.location!, 'answer');
    expect((await stored('question_answers', answerId)).status).to.equal('held');

    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    const queue = await moderator.agent.get('/console?tab=comments').set('Accept', 'application/json');
    expect(queue.status).to.equal(200);
    const item = queue.body.items.find((i: { id: string }) => i.id === answerId);
    expect(item, 'the held answer is in the queue').to.not.equal(undefined);
    const page = await moderator.agent.get(`/console/items/answer/${answerId}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('held in the wind');
    const evidence = await moderator.agent.get(`/console/items/answer/${answerId}`).set('Accept', 'application/json');
    const version = (await ctx.db.query<{ version: number }>('SELECT version FROM question_answers WHERE id = $1', [answerId])).rows[0]!.version;
    const decided = await moderator.agent
      .post(`/console/items/answer/${answerId}/decision`)
      .type('form')
      .send({ _csrf: await moderator.csrf(), action: 'publish', version: String(version), back: '/console' });
    expect(decided.status, JSON.stringify(evidence.body).slice(0, 200)).to.equal(303);
    expect((await stored('question_answers', answerId)).status).to.equal('published');
    expect((await tab()).text).to.include('held in the wind');
    // A customer cannot reach the console item.
    expect((await insider.agent.get(`/console/items/answer/${answerId}`)).status).to.be.oneOf([403, 404]);
  });

  it('when a shopper reports an answer, then it joins the moderation reports queue once, and bad reports get a 4xx', async () => {
    const author = await signedInAgent(ctx);
    const posted = await answer(author, questionId, 'Buy the footprint separately, the floor scuffs on gravel pitches.');
    const answerId = idFrom(posted.headers.location!, 'answer');
    const reporter = await signedInAgent(ctx);
    const send = async (path: string, body: Record<string, string>) =>
      reporter.agent
        .post(path)
        .set('Accept', 'application/json')
        .send({ _csrf: await reporter.csrf(), ...body });
    const first = await send(`/products/${catalog.product.slug}/answers/${answerId}/report`, { reason: 'spam', note: '' });
    expect(first.status).to.equal(201);
    expect((await send(`/products/${catalog.product.slug}/answers/${answerId}/report`, { reason: 'spam', note: '' })).status).to.equal(409);
    expect((await send(`/products/${catalog.product.slug}/answers/${answerId}/report`, { reason: 'because', note: '' })).status).to.equal(422);
    expect((await send(`/products/${catalog.product.slug}/answers/qa_nope/report`, { reason: 'spam', note: '' })).status).to.equal(404);
    expect((await send(`/products/${catalog.product.slug}/questions/${questionId}/report`, { reason: 'off_topic', note: '' })).status).to.equal(201);

    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    const queue = await moderator.agent.get('/console?tab=reports').set('Accept', 'application/json');
    const reported = queue.body.items.filter((i: { id: string }) => i.id === answerId || i.id === questionId);
    expect(reported).to.have.length(2);
  });

  it('when the widget frame is shown, then it lists the published questions and answers with their badges, never held ones', async () => {
    const frame = await request(ctx.app).get(`/widget/frame?merchant=${catalog.merchant.id}&product=${catalog.product.sku}`);
    expect(frame.status).to.equal(200);
    expect(frame.text).to.include('Does the fly pitch first, before the inner tent?');
    expect(frame.text).to.include('>Owns it</span>');
    expect(frame.text).to.include('>Seller</span>');
    expect(frame.text).not.to.include('it goes up in a minute');
    expect(frame.text).to.include(`/products/${catalog.product.slug}/reviews#questions`);
  });
});
