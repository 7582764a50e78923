import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import request from 'supertest';
import { addEmbedOrigin } from '../../server/storage/merchant-repo.js';
import { addOrder, signedInAgent } from '../helpers/test-app.js';
import { twoMerchants } from './merchant-fixtures.js';

// ajv-formats is CommonJS with a default export; under ESM interop it can arrive wrapped once.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type Setup = Awaited<ReturnType<typeof twoMerchants>>;
type Agent = Awaited<ReturnType<typeof signedInAgent>>;
const BASE = '/api/v1/merchants/m_test/products/TENT/questions';

describe('public API v1: questions and answers', () => {
  let s: Setup;
  let ajv: Ajv2020;
  const ids = { question: '', heldQuestion: '', owner: '', seller: '', heldAnswer: '' };
  const validate = (schema: string, body: unknown) => {
    const fn = ajv.getSchema(`candor#/components/schemas/${schema}`)!;
    expect(fn(body), `${schema}: ${ajv.errorsText(fn.errors)}`).to.equal(true);
  };
  const ask = async (who: Agent, body: string) => {
    const res = await who.agent
      .post('/products/tent/questions')
      .set('Accept', 'application/json')
      .send({ _csrf: await who.csrf(), body });
    expect(res.status, res.text).to.equal(201);
    return res.body.id as string;
  };
  const answer = async (who: Agent, questionId: string, body: string) => {
    const res = await who.agent
      .post(`/products/tent/questions/${questionId}/answers`)
      .set('Accept', 'application/json')
      .send({ _csrf: await who.csrf(), body });
    expect(res.status, res.text).to.equal(201);
    return res.body.id as string;
  };

  before(async () => {
    s = await twoMerchants();
    await addEmbedOrigin(s.ctx.db, 'm_test', 'https://shop.example', new Date());
    ids.question = await ask(s.customer, 'Does the fly pitch first, before the inner tent?');
    const asker = await signedInAgent(s.ctx);
    ids.heldQuestion = await ask(asker, 'Can two adults sit up inside it comfortably?');
    await s.ctx.db.query(`UPDATE product_questions SET status = 'held' WHERE id = $1`, [ids.heldQuestion]);
    const owner = await signedInAgent(s.ctx);
    await addOrder(s.ctx.db, owner.account.id, s.a.product.id, s.a.merchant.id, new Date('2024-03-01T00:00:00Z'));
    ids.owner = await answer(owner, ids.question, 'Yes, the fly goes up first and the inner clips in underneath it.');
    ids.seller = await answer(s.managerA, ids.question, 'It does: pitch the fly, then hang the inner from the toggles.');
    // The test clock stands still: the seller answered a minute after the owner, so answers have an order.
    await s.ctx.db.query(`UPDATE question_answers SET created_at = created_at + interval '1 minute' WHERE id = $1`, [ids.seller]);
    const other = await signedInAgent(s.ctx);
    ids.heldAnswer = await answer(other, ids.question, 'I think so but I have only used it once in a garden.');
    await s.ctx.db.query(`UPDATE question_answers SET status = 'held' WHERE id = $1`, [ids.heldAnswer]);

    const doc = await request(s.ctx.app).get('/api/openapi.json');
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc.body, 'candor');
  });
  after(() => s.ctx.close());

  it('when a product’s questions are listed, then the response matches QuestionList with published posts and badges only', async () => {
    const res = await request(s.ctx.app).get(BASE);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    expect(res.headers['set-cookie'], 'the API never sets cookies').to.equal(undefined);
    validate('QuestionList', res.body);
    expect(res.body).to.include({ merchant_id: 'm_test', sku: 'TENT', total: 1, page: 1, per_page: 10 });
    expect(res.body.url).to.match(/\/products\/tent\/reviews$/);
    const [question] = res.body.questions;
    expect(question.id).to.equal(ids.question);
    expect(question.answers.map((a: { id: string; badge: string | null }) => [a.id, a.badge])).to.deep.equal([
      [ids.owner, 'owner'],
      [ids.seller, 'seller'],
    ]);
  });

  it('when the author of a held question asks with their session, then the API still shows published posts only', async () => {
    const res = await s.customer.agent.get(BASE);
    expect(res.status).to.equal(200);
    expect(JSON.stringify(res.body)).not.to.include(ids.heldQuestion);
    expect(JSON.stringify(res.body)).not.to.include(ids.heldAnswer);
  });

  it('when pages are asked for, then per_page and page slice the questions newest first', async () => {
    const later = await signedInAgent(s.ctx);
    const newest = await ask(later, 'Is the footprint included in the box or sold apart?');
    // The test clock stands still: make the second question an hour younger, as it would be.
    await s.ctx.db.query(`UPDATE product_questions SET created_at = created_at + interval '1 hour' WHERE id = $1`, [newest]);
    const first = await request(s.ctx.app).get(`${BASE}?per_page=1`);
    expect(first.body).to.include({ total: 2, per_page: 1 });
    expect(first.body.questions.map((q: { id: string }) => q.id)).to.deep.equal([newest]);
    const second = await request(s.ctx.app).get(`${BASE}?per_page=1&page=2`);
    expect(second.body.questions.map((q: { id: string }) => q.id)).to.deep.equal([ids.question]);
    const past = await request(s.ctx.app).get(`${BASE}?page=9`);
    expect(past.status).to.equal(200);
    expect(past.body.questions).to.deep.equal([]);
  });

  const problems: [string, string, number][] = [
    ['an unknown SKU', '/api/v1/merchants/m_test/products/NOPE/questions', 404],
    ['an unknown merchant', '/api/v1/merchants/m_nope/products/TENT/questions', 404],
    ["another merchant's SKU", '/api/v1/merchants/m_test/products/TENT_b/questions', 404],
    ['a page size over 50', `${BASE}?per_page=500`, 400],
    ['page 0', `${BASE}?page=0`, 400],
    ['a page that is not a number', `${BASE}?page=two`, 400],
  ];
  for (const [what, path, status] of problems) {
    it(`when the request has ${what}, then it answers ${status} as problem+json matching Problem`, async () => {
      const res = await request(s.ctx.app).get(path);
      expect(res.status).to.equal(status);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
      const body = JSON.parse(res.text);
      validate('Problem', body);
      expect(body.status).to.equal(status);
    });
  }

  it('when the client sends the ETag back, then it gets 304; when an answer is published, then the ETag changes', async () => {
    const first = await request(s.ctx.app).get(BASE);
    const etag = first.headers.etag as string;
    expect(first.headers['cache-control']).to.match(/public, max-age=60/);
    expect((await request(s.ctx.app).get(BASE).set('if-none-match', etag)).status).to.equal(304);
    await answer(await signedInAgent(s.ctx), ids.question, 'The inner can also stay clipped inside the fly when you pack it.');
    const changed = await request(s.ctx.app).get(BASE).set('if-none-match', etag);
    expect(changed.status).to.equal(200);
    expect(changed.body.questions.find((q: { id: string }) => q.id === ids.question).answers).to.have.length(3);
  });

  it('when the request comes from an allowed origin, then the browser may read it; from any other, no CORS header', async () => {
    const allowed = await request(s.ctx.app).get(BASE).set('origin', 'https://shop.example');
    expect(allowed.headers['access-control-allow-origin']).to.equal('https://shop.example');
    const preflight = await request(s.ctx.app).options(BASE).set('origin', 'https://shop.example').set('access-control-request-method', 'GET');
    expect(preflight.status).to.equal(204);
    const other = await request(s.ctx.app).get(BASE).set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).to.equal(undefined);
  });
});
