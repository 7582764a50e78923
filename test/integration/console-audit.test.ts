import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { submitReview } from '../../server/reviews/submit-review.js';
import { buildServices, loadStoredTextModel } from '../../server/wiring.js';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { deps, heldInsiderReview, hoursAfter, moderator, T0 } from './console-fixtures.js';

const JSON_ACCEPT = 'application/json';

describe('audit log and retraining', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let mod: Awaited<ReturnType<typeof moderator>>;
  let mod2: Awaited<ReturnType<typeof moderator>>;
  let admin: Awaited<ReturnType<typeof signedInAgent>>;
  const decided: string[] = [];

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    mod = await moderator(ctx);
    mod2 = await moderator(ctx);
    admin = await signedInAgent(ctx, { role: 'admin' });
  });
  after(() => ctx.close());

  it('when there are too few moderator decisions, then the admin retrain answers 422 with what is missing', async () => {
    const res = await admin.agent
      .post('/console/models/retrain')
      .set('accept', JSON_ACCEPT)
      .send({ _csrf: await admin.csrf() });
    expect(res.status).to.equal(422);
    expect(res.body.error).to.include('at least 2 of each');
  });

  it('when two moderators decide items, then the audit is browsable per item and per moderator, and the pipeline has its own view', async () => {
    const texts = [
      ['Works great', 'Sturdy frame, packs small, and survived a storm on the ridge without a single bent pole.'],
      ['Love it', 'Our kids sleep in it in the garden all summer; it still looks new after months outdoors.'],
      ['Superb quality', 'Best value product in its class, five stars, buy it now, you will not regret it at all.'],
      ['Perfect purchase', 'Amazing product, amazing seller, best purchase ever, five stars, highly recommended to all.'],
    ];
    for (const [i, [title, body]] of texts.entries()) {
      const product = i % 2 === 0 ? catalog.product.id : catalog.other.id;
      const held = await heldInsiderReview(ctx, { merchantId: catalog.merchant.id, productId: product, at: hoursAfter(T0, i), title, body });
      decided.push(held.reviewId);
      const who = i < 2 ? mod : mod2;
      const body2 = i < 2 ? { action: 'publish', version: 0 } : { action: 'reject', version: 0, reason: 'fake' };
      await who.agent
        .post(`/console/items/review/${held.reviewId}/decision`)
        .set('accept', JSON_ACCEPT)
        .send({ _csrf: await who.csrf(), ...body2 })
        .expect(200);
    }
    const perItem = (await mod.agent.get(`/console/audit?kind=review&id=${decided[0]}`).set('accept', JSON_ACCEPT).expect(200)).body.entries;
    // Newest first; later reviews may re-open this one (integrity.reassessment), so look at the two we made.
    const actions = perItem.map((e: { action: string }) => e.action);
    expect(actions.indexOf('moderator.publish')).to.be.lessThan(actions.indexOf('integrity.submit'));
    expect(perItem.find((e: { action: string }) => e.action === 'moderator.publish')).to.include({
      actorId: mod.account.id,
      beforeState: 'held',
      afterState: 'published',
    });
    expect(perItem.find((e: { action: string }) => e.action === 'integrity.submit')).to.include({ actorId: null, beforeState: 'pending', afterState: 'held' });

    const perModerator = (await mod.agent.get(`/console/audit?actor=${mod2.account.id}`).set('accept', JSON_ACCEPT)).body.entries;
    expect(perModerator.map((e: { targetId: string }) => e.targetId).sort()).to.deep.equal([decided[2], decided[3]].sort());
    expect(perModerator.every((e: { action: string; reason: string }) => e.action === 'moderator.reject' && e.reason === 'Fake or bought review')).to.equal(
      true,
    );

    const pipeline = (await mod.agent.get('/console/audit?actor=pipeline').set('accept', JSON_ACCEPT)).body.entries;
    expect(pipeline.length).to.be.at.least(4);
    expect(pipeline.every((e: { actorId: string | null }) => e.actorId === null)).to.equal(true);

    const html = await mod.agent.get(`/console/audit?actor=${mod2.account.id}`);
    expect(html.status).to.equal(200);
    expect(html.text).to.include('moderator.reject');
    expect(html.text).to.include(`href="/console/items/review/${decided[2]}"`);
  });

  it('when the audit is written, then only INSERTs touch it: no storage code updates or deletes audit rows', async () => {
    const dir = path.resolve('server');
    const files: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(path.join(d, e.name));
        else if (/\.(ts|sql)$/.test(e.name)) files.push(path.join(d, e.name));
      }
    };
    await walk(dir);
    for (const f of files) {
      const text = await readFile(f, 'utf8');
      expect(text, f).not.to.match(/UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+audit_log/i);
    }
  });

  it('when an admin retrains from the decisions, then a model version is stored and active, and the next verdict and its audit entry show that model version', async () => {
    const res = await admin.agent
      .post('/console/models/retrain')
      .type('form')
      .send({ _csrf: await admin.csrf() });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/console/models');
    const models = (await admin.agent.get('/console/models').set('accept', JSON_ACCEPT)).body;
    expect(models.models).to.have.length(1);
    expect(models.models[0]).to.include({ active: true, trainingSize: 4, positives: 2, trainedBy: admin.account.id });
    const version = models.models[0].version as string;
    expect(models.current).to.equal(version);

    const author = await signedInAgent(ctx);
    const result = await submitReview(deps(ctx), {
      productId: catalog.product.id,
      draft: { rating: 4, title: 'Decent tent', body: 'Good for summer trips; the vestibule is small but fine for two pairs of boots.', incentive: null },
      post: { accountId: author.account.id, ip: '10.77.1.1', userAgent: 'After/1', at: hoursAfter(T0, 10) },
    });
    expect(result.verdict.modelVersion).to.equal(version);
    const entries = (await mod.agent.get(`/console/audit?kind=review&id=${result.reviewId}`).set('accept', JSON_ACCEPT)).body.entries;
    expect(entries[0].details.modelVersion).to.equal(version);
    const html = await mod.agent.get(`/console/audit?kind=review&id=${result.reviewId}`);
    expect(html.text).to.include(`<code>${version}</code>`);
    const retrainAudit = (await mod.agent.get('/console/audit?kind=model').set('accept', JSON_ACCEPT)).body.entries;
    expect(retrainAudit[0]).to.include({ action: 'model.retrain', targetId: version, actorId: admin.account.id });
  });

  it('when Candor starts again on the same database, then the stored active model is loaded', async () => {
    const services = buildServices({ config: ctx.services.config, db: ctx.db, logger: pino({ level: 'silent' }) });
    expect(services.integrity.currentModel()).to.equal(null);
    const version = await loadStoredTextModel(services);
    expect(version).to.be.a('string');
    expect(services.integrity.currentModel()!.version).to.equal(version);
    expect(services.integrity.currentModel()!.score('Amazing product, five stars, best purchase ever')).to.be.within(0, 1);
  });
});
