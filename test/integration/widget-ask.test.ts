import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { insertPendingReview, setReviewState } from '../../server/storage/review-repo.js';
import { TEST_PASSWORD, addOrder, csrfToken, createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';

const SHOP = 'https://shop.example';

const frame = (merchant: string, product: string, extra: Record<string, string> = {}) =>
  `/widget/frame?${new URLSearchParams({ merchant, product, origin: SHOP, ...extra })}`;
const escapedHref = (href: string) => href.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');

describe('widget: asking a question and the reviewer record', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let unverified: Awaited<ReturnType<typeof seedCatalog>>;
  let authorId: string;
  const ask = (merchant = catalog.merchant.id, product = catalog.product.sku) => `/widget/ask?${new URLSearchParams({ merchant, product, origin: SHOP })}`;
  const questionCount = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM product_questions')).rows[0]!.n;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    unverified = await seedCatalog(ctx.db, '_new');
    await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2), ($3, $2)', [
      catalog.merchant.id,
      SHOP,
      unverified.merchant.id,
    ]);
    await ctx.db.query('UPDATE merchants SET verified_at = NULL WHERE id = $1', [unverified.merchant.id]);
    const author = await createAccount(ctx.db, {
      displayName: 'Widget Author',
      email: 'widget.author@mail.example',
      passwordHash: null,
      ip: '100.64.9.9',
      userAgent: 'Test',
      at: new Date('2025-01-15T00:00:00Z'),
    });
    authorId = author.id;
    for (const [i, product] of [catalog.product, catalog.other].entries()) {
      const id = `r_record_${i}`;
      await insertPendingReview(ctx.db, {
        id,
        productId: product.id,
        merchantId: catalog.merchant.id,
        accountId: author.id,
        orderId: null,
        rating: 4,
        title: `Widget review ${i}`,
        body: 'Sturdy poles, quick to pitch, and it stayed dry through a wet weekend.',
        incentive: null,
        ip: null,
        userAgent: null,
        at: new Date('2026-05-01T10:00:00Z'),
      });
      await setReviewState(ctx.db, id, 'published', [], 0);
    }
  });
  after(() => ctx.close());

  it('when the frame is shown, then each review carries its author’s compact record linking to the profile', async () => {
    const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
    const record = /<p class="reviewer-record compact"[^>]*>([\s\S]*?)<\/p>/.exec(res.text)?.[1] ?? '';
    expect(record).to.include(`href="/reviewers/${authorId}"`);
    expect(record).to.include('target="_blank"');
    expect(record.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).to.include('2 reviews 0% verified 0 helpful since Jan 2025');
  });

  it('when the frame is shown, then "Ask a question" opens Candor’s ask popup for this product and shop', async () => {
    const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
    expect(res.text).to.include(`href="${escapedHref(ask())}"`);
    expect(res.text).to.match(/data-candor-ask>Ask a question<\/a>/);
  });

  it('when nobody is signed in, then the popup goes to sign-in and comes back, keeping its opener and layout', async () => {
    const res = await request(ctx.app).get(ask()).set('Accept', 'text/html').expect(302);
    expect(res.headers.location).to.equal(`/signin?next=${encodeURIComponent(ask())}`);
    expect(res.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
    const signin = await request(ctx.app)
      .get(res.headers.location as string)
      .expect(200);
    expect(signin.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
    expect(signin.text).to.include('widget-popup.js');
  });

  it('when a signed-in shopper asks in the popup, then the question is stored, the popup reports it and the frame shows it', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const form = await agent.get(ask()).expect(200);
    expect(form.text).to.include(`action="${escapedHref(ask())}"`);
    expect(form.text).to.match(/name="_csrf" value="[^"]+"/);
    const body = 'Will the inner tent fit a wide sleeping mat on each side?';
    const res = await agent
      .post(ask())
      .type('form')
      .send({ _csrf: await csrf(), body })
      .expect(201);
    expect(res.text).to.include('data-candor-asked="published"');
    const stored = (await ctx.db.query<{ product_id: string; status: string }>('SELECT product_id, status FROM product_questions WHERE body = $1', [body]))
      .rows;
    expect(stored).to.deep.equal([{ product_id: catalog.product.id, status: 'published' }]);
    const after = await request(ctx.app)
      .get(frame(catalog.merchant.id, catalog.product.sku, { asked: 'published' }))
      .expect(200);
    expect(after.text).to.include(body);
    expect(after.text).to.include('Thank you! Your question is published below.');
  });

  it('when the question is too short, then the form comes back with what to fix and nothing is stored', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const before = await questionCount();
    const res = await agent
      .post(ask())
      .type('form')
      .send({ _csrf: await csrf(), body: 'ok?' })
      .expect(422);
    expect(res.text).to.include('role="alert"');
    expect(res.text).to.include('Question');
    expect(await questionCount()).to.equal(before);
  });

  it('when the CSRF token is missing or nobody is signed in, then nothing is stored', async () => {
    const before = await questionCount();
    const { agent } = await signedInAgent(ctx);
    await agent.post(ask()).type('form').send({ body: 'Is it warm enough for winter camping?' }).expect(403);
    const anonymous = await request(ctx.app).post(ask()).type('form').send({ body: 'Is it warm enough for winter camping?' });
    expect(anonymous.status).to.be.oneOf([401, 403]);
    expect(await questionCount()).to.equal(before);
  });

  it('when the shop has not proved its website or the SKU is unknown, then the popup refuses with the reason', async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const refused = await agent.get(ask(unverified.merchant.id, unverified.product.sku));
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include('has not proved it owns its website');
    await agent
      .post(ask(unverified.merchant.id, unverified.product.sku))
      .type('form')
      .send({ _csrf: await csrf(), body: 'Is this shop real and trustworthy?' })
      .expect(403);
    expect((await agent.get(ask(catalog.merchant.id, 'NOPE'))).status).to.equal(404);
  });

  describe('answering in the popup', () => {
    let questionId: string;
    let otherProductQuestion: string;
    let heldQuestion: string;
    const answer = (question: string, merchant = catalog.merchant.id, product = catalog.product.sku) =>
      `/widget/answer?${new URLSearchParams({ merchant, product, question, origin: SHOP })}`;
    const answerCount = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM question_answers')).rows[0]!.n;
    const askOn = async (product: string, body: string) => {
      const { agent, csrf } = await signedInAgent(ctx);
      await agent
        .post(ask(catalog.merchant.id, product))
        .type('form')
        .send({ _csrf: await csrf(), body })
        .expect(201);
      return (await ctx.db.query<{ id: string }>('SELECT id FROM product_questions WHERE body = $1', [body])).rows[0]!.id;
    };

    before(async () => {
      questionId = await askOn(catalog.product.sku, 'Does the porch hold two pairs of boots and a pack?');
      otherProductQuestion = await askOn(catalog.other.sku, 'Does the stove simmer, or is it all or nothing?');
      heldQuestion = await askOn(catalog.product.sku, 'Are the guy lines reflective enough to see at night?');
      await ctx.db.query(`UPDATE product_questions SET status = 'held' WHERE id = $1`, [heldQuestion]);
    });

    it('when the frame lists a published question, then its "Answer" opens Candor’s answer popup for that question', async () => {
      const res = await request(ctx.app).get(frame(catalog.merchant.id, catalog.product.sku)).expect(200);
      const item =
        new RegExp(`<li class="question" id="question-${questionId}">[\\s\\S]*?</li>\\s*(?=<li class="question"|</ol>\\s*</section>)`).exec(res.text)?.[0] ??
        '';
      expect(item).to.include(`href="${escapedHref(answer(questionId))}"`);
      expect(item).to.match(/data-candor-answer aria-describedby="question-body-[^"]+">Answer<\/a>/);
      expect(res.text, 'a held question is not in the frame at all').not.to.include(heldQuestion);
    });

    it('when nobody is signed in, then sign-in keeps the whole encoded address and comes back to it; a foreign next is not followed', async () => {
      const res = await request(ctx.app).get(answer(questionId)).set('Accept', 'text/html').expect(302);
      expect(res.headers.location).to.equal(`/signin?next=${encodeURIComponent(answer(questionId))}`);
      expect(res.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
      const agent = request.agent(ctx.app);
      const signin = await agent.get(res.headers.location as string).expect(200);
      expect(signin.headers['cross-origin-opener-policy']).to.equal('unsafe-none');
      expect(signin.text).to.include('widget-popup.js');
      const { account } = await signedInAgent(ctx, { email: 'answer.popup@mail.example' });
      const token = await csrfToken(agent, res.headers.location as string);
      const back = await agent
        .post('/signin')
        .type('form')
        .send({ _csrf: token, email: 'answer.popup@mail.example', password: TEST_PASSWORD, next: answer(questionId) })
        .expect(303);
      expect(back.headers.location, 'every parameter, question included, survives').to.equal(answer(questionId));
      const form = await agent.get(back.headers.location as string).expect(200);
      expect(form.text).to.include('Does the porch hold two pairs of boots and a pack?');
      expect(account.id).to.be.a('string');

      const other = request.agent(ctx.app);
      const otherToken = await csrfToken(other, '/signin');
      const offsite = await other
        .post('/signin')
        .type('form')
        .send({ _csrf: otherToken, email: 'answer.popup@mail.example', password: TEST_PASSWORD, next: `//evil.example${answer(questionId)}` })
        .expect(303);
      expect(offsite.headers.location).not.to.include('evil.example');
    });

    it('when a verified buyer answers in the popup, then the answer is published with "Owns it", the popup reports it and the frame shows it', async () => {
      const owner = await signedInAgent(ctx);
      await addOrder(ctx.db, owner.account.id, catalog.product.id, catalog.merchant.id, new Date('2026-03-01T00:00:00Z'));
      const form = await owner.agent.get(answer(questionId)).expect(200);
      expect(form.text).to.include(`action="${escapedHref(answer(questionId))}"`);
      expect(form.text).to.match(/name="_csrf" value="[^"]+"/);
      const body = 'Yes: two pairs of boots and a 40 litre pack, with room to spare.';
      const res = await owner.agent
        .post(answer(questionId))
        .type('form')
        .send({ _csrf: await owner.csrf(), body })
        .expect(201);
      expect(res.text).to.include('data-candor-answered="published"');
      expect(res.text).to.include('<strong data-badge>Owns it</strong>');
      const stored = (
        await ctx.db.query<{ question_id: string; status: string; badge: string | null }>(
          'SELECT question_id, status, badge FROM question_answers WHERE body = $1',
          [body],
        )
      ).rows;
      expect(stored).to.deep.equal([{ question_id: questionId, status: 'published', badge: 'owner' }]);
      const after = await request(ctx.app)
        .get(frame(catalog.merchant.id, catalog.product.sku, { answered: 'published' }))
        .expect(200);
      const answerItem = /<li class="answer"[\s\S]*?<\/li>/.exec(after.text.slice(after.text.indexOf(body) - 200))?.[0] ?? '';
      expect(answerItem).to.include(body);
      expect(answerItem).to.include('>Owns it</span>');
      expect(after.text).to.include('Thank you! Your answer is published below.');
    });

    it('when the merchant\'s staff answer in the popup, then the answer carries "Seller"; a shopper without an order gets no badge', async () => {
      const staff = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
      const seller = await staff.agent
        .post(answer(questionId))
        .type('form')
        .send({ _csrf: await staff.csrf(), body: 'The porch is 70 cm deep at the door, enough for boots and a pack.' })
        .expect(201);
      expect(seller.text).to.include('<strong data-badge>Seller</strong>');
      const stranger = await signedInAgent(ctx);
      const plain = await stranger.agent
        .post(answer(questionId))
        .type('form')
        .send({ _csrf: await stranger.csrf(), body: 'From photos I have seen it looks like it would fit two pairs.' })
        .expect(201);
      expect(plain.text).not.to.include('data-badge');
      const badges = (
        await ctx.db.query<{ badge: string | null }>('SELECT badge FROM question_answers WHERE body IN ($1, $2) ORDER BY created_at', [
          'The porch is 70 cm deep at the door, enough for boots and a pack.',
          'From photos I have seen it looks like it would fit two pairs.',
        ])
      ).rows.map((r) => r.badge);
      expect(badges).to.deep.equal(['seller', null]);
    });

    it('when an account posts the same long answer twice, then the integrity pipeline holds or rejects the repeat as a duplicate, as on the tab', async () => {
      const shopper = await signedInAgent(ctx);
      const body = 'Two pairs of size 46 boots fit side by side under the porch flap, and a 40 litre pack stands beside them.';
      const post = async () =>
        shopper.agent
          .post(answer(questionId))
          .type('form')
          .send({ _csrf: await shopper.csrf(), body })
          .expect(201);
      expect((await post()).text).to.include('data-candor-answered="published"');
      expect((await post()).text).to.match(/data-candor-answered="(held|rejected)"/);
      const rows = (
        await ctx.db.query<{ status: string; labels: string[] }>('SELECT status, labels FROM question_answers WHERE body = $1 ORDER BY created_at', [body])
      ).rows;
      expect(rows[0]!.status).to.equal('published');
      expect(rows[1]!.status).to.be.oneOf(['held', 'rejected']);
      expect(rows[1]!.labels).to.include('duplicate');
    });

    it('when the question is held, of another product, or unknown, then the popup answers 404 and nothing is stored', async () => {
      const { agent, csrf } = await signedInAgent(ctx);
      const before = await answerCount();
      for (const question of [heldQuestion, otherProductQuestion, 'qs_nope']) {
        expect((await agent.get(answer(question))).status, question).to.equal(404);
        const res = await agent
          .post(answer(question))
          .type('form')
          .send({ _csrf: await csrf(), body: 'It should fit, I think, from what I have seen.' });
        expect(res.status, question).to.equal(404);
      }
      expect((await agent.get(`/widget/answer?${new URLSearchParams({ merchant: catalog.merchant.id, product: catalog.product.sku })}`)).status).to.equal(422);
      expect(await answerCount()).to.equal(before);
    });

    it('when the answer is too short, the CSRF token is missing, nobody is signed in or the shop is unverified, then nothing is stored', async () => {
      const { agent, csrf } = await signedInAgent(ctx);
      const before = await answerCount();
      const short = await agent
        .post(answer(questionId))
        .type('form')
        .send({ _csrf: await csrf(), body: 'y' })
        .expect(422);
      expect(short.text).to.include('role="alert"');
      expect(short.text).to.include('Does the porch hold two pairs of boots and a pack?');
      await agent.post(answer(questionId)).type('form').send({ body: 'Yes, easily, with room to spare.' }).expect(403);
      const anonymous = await request(ctx.app).post(answer(questionId)).type('form').send({ body: 'Yes, easily, with room to spare.' });
      expect(anonymous.status).to.be.oneOf([401, 403]);
      const unverifiedShop = await agent.get(answer(questionId, unverified.merchant.id, unverified.product.sku));
      expect(unverifiedShop.status).to.equal(403);
      expect(await answerCount()).to.equal(before);
    });
  });
});
