import { expect } from 'chai';
import request from 'supertest';
import { decideAppeal } from '../../server/moderation/decisions.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

describe('appeals of held questions and answers', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let author: Agent;
  let questionId: string;

  const ask = async (who: Agent, body: string) => {
    const res = await who.agent
      .post(`/products/${catalog.product.slug}/questions`)
      .set('Accept', 'application/json')
      .send({ _csrf: await who.csrf(), body });
    expect(res.status, res.text).to.equal(201);
    return res.body.id as string;
  };
  const appeal = async (who: Agent, kind: 'questions' | 'answers', id: string, message: string, json = false) => {
    const req = who.agent.post(`/products/${catalog.product.slug}/${kind}/${id}/appeal`);
    if (json) req.set('Accept', 'application/json');
    return req.type('form').send({ _csrf: await who.csrf(), message });
  };
  const appealRows = async (targetId: string) =>
    (await ctx.db.query<{ id: string; status: string; target_kind: string }>('SELECT id, status, target_kind FROM appeals WHERE target_id = $1', [targetId]))
      .rows;
  const hold = (table: 'product_questions' | 'question_answers', id: string) => ctx.db.query(`UPDATE ${table} SET status = 'held' WHERE id = $1`, [id]);
  const card = (html: string, id: string) => {
    const start = html.indexOf(`id="question-${id}"`);
    return html.slice(start, html.indexOf('</li>', start));
  };

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    author = await signedInAgent(ctx);
    questionId = await ask(author, 'Is the groundsheet bathtub style, or flat to the edges?');
    await hold('product_questions', questionId);
  });
  after(() => ctx.close());

  it('when the author views their held question, then an appeal form is offered to them and to nobody else', async () => {
    const own = await author.agent.get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(card(own.text, questionId)).to.include(`action="/products/${catalog.product.slug}/questions/${questionId}/appeal"`);
    const other = await signedInAgent(ctx);
    const theirs = await other.agent.get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(theirs.text).not.to.include(`/questions/${questionId}/appeal`);
    const anonymous = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(anonymous.text).not.to.include('/appeal"');
  });

  it('when someone else or a too-short message appeals, then nothing is filed', async () => {
    const other = await signedInAgent(ctx);
    const foreign = await appeal(other, 'questions', questionId, 'This is not mine but I think it is fine.', true);
    expect(foreign.status).to.equal(403);
    const short = await appeal(author, 'questions', questionId, 'too short', true);
    expect(short.status).to.equal(422);
    expect(await appealRows(questionId)).to.deep.equal([]);
  });

  it('when the author appeals, then the appeal is open, the page says so, and the console lists it', async () => {
    const res = await appeal(author, 'questions', questionId, 'It is a plain question about the groundsheet, please look again.');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/products/${catalog.product.slug}/reviews#question-${questionId}`);
    const rows = await appealRows(questionId);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ status: 'open', target_kind: 'question' });
    const page = await author.agent.get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(card(page.text, questionId)).to.include('Your appeal is waiting for a moderator.');
    expect(card(page.text, questionId)).not.to.include('/appeal"');
    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    const queue = await moderator.agent.get('/console?tab=appeals').expect(200);
    expect(queue.text).to.include('Is the groundsheet bathtub style, or flat to the edges?');
  });

  it('when the author appeals the same question again, then it is refused (once per item)', async () => {
    const again = await appeal(author, 'questions', questionId, 'Please, once more: it is an honest question.', true);
    expect(again.status).to.equal(409);
    expect(await appealRows(questionId)).to.have.length(1);
  });

  it('when a moderator grants the appeal, then the question is published for everyone', async () => {
    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    const [row] = await appealRows(questionId);
    const { version } = (await ctx.db.query<{ version: number }>('SELECT version FROM product_questions WHERE id = $1', [questionId])).rows[0]!;
    await decideAppeal(
      { db: ctx.db, clock: () => ctx.services.clock() },
      { moderatorId: moderator.account.id, appealId: row!.id, outcome: 'won', expectedVersion: version },
    );
    const page = await request(ctx.app).get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(page.text).to.include('Is the groundsheet bathtub style, or flat to the edges?');
    const own = await author.agent.get(`/products/${catalog.product.slug}/reviews`).expect(200);
    expect(card(own.text, questionId)).not.to.include('appeal');
  });

  it('when an answer is held, then its author can appeal it too; a published post cannot be appealed', async () => {
    const answerer = await signedInAgent(ctx);
    const res = await answerer.agent
      .post(`/products/${catalog.product.slug}/questions/${questionId}/answers`)
      .set('Accept', 'application/json')
      .send({ _csrf: await answerer.csrf(), body: 'Bathtub style: the floor comes up about ten centimetres at the sides.' });
    const answerId = res.body.id as string;
    const published = await appeal(answerer, 'answers', answerId, 'Nothing is wrong, just checking the rule.', true);
    expect(published.status).to.equal(409);
    await hold('question_answers', answerId);
    const filed = await appeal(answerer, 'answers', answerId, 'My answer is first-hand, from two trips; please look again.', true);
    expect(filed.status).to.equal(201);
    expect((await appealRows(answerId))[0]).to.include({ status: 'open', target_kind: 'answer' });
  });
});
