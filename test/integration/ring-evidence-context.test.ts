import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { defaultPolicy } from '../../server/integrity/policy.js';
import { loadContext } from '../../server/storage/context-loader.js';
import type { Database } from '../../server/storage/database.js';
import { buildServices } from '../../server/wiring.js';
import { dripScene } from '../helpers/drip-scene.js';
import { crowd, pastShop } from '../helpers/throwaway-scene.js';
import { twoClientCampaign } from '../helpers/pool-campaign-scene.js';
import { reviewersOfP1, scriptedEmails, webmailShop } from '../helpers/email-ring-scene.js';
import { day, world } from '../helpers/in-memory-context.js';
import { createTestDatabase } from '../helpers/test-database.js';
import { emailDomain, emailNumber, emailShape, emailStem } from '../../server/integrity/text-tools.js';

type Line = { id: string; decision: string; reasons: { signal: string; evidence: Record<string, unknown> }[] };

/** The evidence of `signal` in review `id`'s verdict, or undefined when it did not fire. */
const evidenceOf = (list: Line[], id: string, signal: string) => list.find((v) => v.id === id)!.reasons.find((r) => r.signal === signal)?.evidence;

/** Each listed review has the same decision on the database as in memory. */
function expectSameDecisions(actual: Line[], memory: Line[], ids: string[]): void {
  const decisionOf = (list: Line[], id: string) => list.find((v) => v.id === id)!.decision;
  for (const id of ids) expect(decisionOf(actual, id), id).to.equal(decisionOf(memory, id));
}

/** The scene's events replayed through the web app's use cases on a fresh test database; then `check` runs on it. */
async function replayedOnDatabase(w: ReturnType<typeof world>, check: (verdicts: Line[], db: Database) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  try {
    const services = buildServices({ config: loadConfig({ CANDOR_DEMO_DATA: 'off' }), db, logger: pino({ level: 'silent' }) });
    await check(await runReplay(services, parseReplayStream(w.events.map((e) => JSON.stringify(e)).join('\n'))), db);
  } finally {
    await db.close();
  }
}

// The merchant's share of the shop's reviews (popularity.merchantReviews) is read from product_daily by the SQL
// loader and summed in memory by the reference pipeline, and the /24 holders from account_identifiers: the evidence
// of the ring signals built on them must agree.
describe('ring evidence against base rates on the database', function () {
  this.timeout(300_000);

  it('when a ring spread over one merchant products is replayed on the database, then the merchant share and ratio equal the in-memory pipeline', async () => {
    const w = world();
    for (let m = 1; m <= 10; m++) w.merchant(`m${m}`, `shop${m}.example`).product(`q${m}`, `m${m}`);
    w.product('p1', 'm1').product('p2', 'm1').product('p3', 'm1');
    for (let i = 0; i < 60; i++) w.account(`g${i}`);
    for (let i = 0; i < 60; i++)
      w.review(`g${i}r`, `g${i}`, `q${(i % 10) + 1}`, -40 + i * 0.5, { body: `Review ${i} of a thing that works as described, nothing more to add here.` });
    w.account('a1', { at: -5, ip: '198.51.100.7', ua: 'UA-x' })
      .account('a2', { at: -4.8, ip: '198.51.100.7', ua: 'UA-y' })
      .account('a3', { at: -4.6, ip: '198.51.100.7', ua: 'UA-z' })
      .review('r1', 'a1', 'p1', 0, { body: 'Kept us dry through a stormy night, the porch fits two pairs of boots easily.' })
      .review('r2', 'a2', 'p2', 0.5, { body: 'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.' })
      .review('r3', 'a3', 'p3', 1, { body: 'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.' });
    const memory = w.run().verdicts();
    await replayedOnDatabase(w, async (actual) => {
      const expected = evidenceOf(memory, 'r3', 'linked-merchant-co-review');
      expect(expected, 'in memory').to.not.equal(undefined);
      expect(expected!.merchantShare as number).to.be.within(0.05, 0.4);
      expect(evidenceOf(actual, 'r3', 'linked-merchant-co-review')).to.deep.equal(expected);
      expectSameDecisions(actual, memory, ['r3']);
    });
  });

  it('when reviewers of one product on one rare /24 are replayed on the database, then the network evidence equals the in-memory pipeline', async () => {
    const w = world().merchant().product('p1').background(80, 10);
    const texts = [
      'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
      'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
      'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.',
      'Warm enough in early spring, the hood cinches well and the zip never snagged.',
      'Bought it for festivals, survived three of them and still looks new after washing.',
    ];
    for (let i = 0; i < 5; i++) w.account(`a${i}`, { at: -12 + i * 2.5, ip: `185.107.120.${10 + i}`, ua: `UA-${i}` });
    for (let i = 0; i < 5; i++) w.review(`r${i}`, `a${i}`, 'p1', i * 0.3, { body: texts[i]! });
    const memory = w.run().verdicts();
    await replayedOnDatabase(w, async (actual) => {
      const expected = evidenceOf(memory, 'r4', 'network-concentration');
      expect(expected, 'in memory').to.not.equal(undefined);
      expect(expected!.observed).to.equal(4);
      expect(evidenceOf(actual, 'r4', 'network-concentration')).to.deep.equal(expected);
      expectSameDecisions(actual, memory, ['r0', 'r4']);
    });
  });

  it('when accounts opened hours before an unverified review crowd one product, then the database reads the shop’s share of such reviews as the in-memory pipeline does', async () => {
    const w = crowd(pastShop(), 5, 8);
    const memory = w.run().verdicts();
    await replayedOnDatabase(w, async (actual) => {
      const expected = evidenceOf(memory, 't7', 'throwaway-cohort');
      expect(expected, 'in memory').to.not.equal(undefined);
      expect(expected!.shopThrowaways).to.equal(7);
      expect(evidenceOf(actual, 't7', 'throwaway-cohort')).to.deep.equal(expected);
      expectSameDecisions(actual, memory, ['t0', 't4', 't7']);
    });
  });

  it('when a farm spends weeks on one client’s product, then the database reads the product’s reviewers over the wider pool window as the in-memory pipeline does', async () => {
    const w = twoClientCampaign(5, { bLaunchBuyers: 20 });
    const memory = w.run().verdicts();
    await replayedOnDatabase(w, async (actual) => {
      const expected = evidenceOf(memory, 'farm7-a', 'cross-merchant-pool');
      expect(expected, 'in memory').to.not.equal(undefined);
      expect(expected!.accountsTested as number).to.be.at.least(8);
      expect(evidenceOf(actual, 'farm7-a', 'cross-merchant-pool')).to.deep.equal(expected);
      expectSameDecisions(
        actual,
        memory,
        [...Array(8).keys()].map((i) => `farm${i}-a`),
      );
    });
  });

  it('when reviewers of a product share a rare address template, then the database counts the shape’s and the domain’s holders as the in-memory pipeline does', async () => {
    const w = reviewersOfP1(webmailShop({ campus: 12 }), scriptedEmails(6), 5);
    const memory = w.run().verdicts();
    await replayedOnDatabase(w, async (actual) => {
      const expected = evidenceOf(memory, 'e5', 'email-pattern-group');
      expect(expected, 'in memory').to.not.equal(undefined);
      expect(expected!.domainHolders).to.equal(206);
      expect(evidenceOf(actual, 'e5', 'email-pattern-group')).to.deep.equal(expected);
      expectSameDecisions(actual, memory, ['e0', 'e3', 'e5']);
    });
  });

  it('when a slow ring’s earlier reviews are weeks old, then the database loads their texts with the product history and the drip wording evidence equals the in-memory pipeline', async () => {
    // Only the accounts on the author's block with the author's build bring texts; the wording test is built on them.
    const w = dripScene();
    const memory = w.run().verdicts();
    await replayedOnDatabase(w, async (actual) => {
      const expected = evidenceOf(memory, 'r3', 'drip-shared-wording');
      expect(expected, 'in memory').to.not.equal(undefined);
      expect(evidenceOf(actual, 'r3', 'drip-shared-wording')).to.deep.equal(expected);
      expectSameDecisions(actual, memory, ['r0', 'r1', 'r2', 'r3']);
      expect(actual.find((v) => v.id === 'r3')!.decision).to.equal('held');
    });
  });

  it('when a review is checked again after a later launch, then the popularity window counts the launch on the database as in memory', async () => {
    // The pools of a re-assessment are looked for on both sides of the review; so is the popularity that is their chance.
    const w = world().merchant('m1', 'shop-one.example').merchant('m2', 'shop-two.example').product('launch-a', 'm1').product('launch-b', 'm2');
    w.background(120, 12, -60, 29); // nothing after the re-check at day 32, as in a replay
    for (let i = 0; i < 8; i++) w.account(`reg${i}`);
    for (let i = 0; i < 8; i++)
      w.review(`a-reg${i}`, `reg${i}`, 'launch-a', i * 0.1, { body: `Launch day review ${i}: works, arrived on time, lid ${i} fits.`, orderDaysBefore: 12 });
    for (let i = 0; i < 5; i++)
      w.review(`b-reg${i}`, `reg${i}`, 'launch-b', 30 + i * 0.1, { body: `Second launch ${i}: solid, quiet, battery ${i} days.`, orderDaysBefore: 10 });
    const memory = w.run();
    const submission = memory.review('a-reg0')!.submission;
    await replayedOnDatabase(w, async (_, db) => {
      const later = await loadContext(db, submission, defaultPolicy, null, new Date(day(32)));
      expect(later.popularity!.productReviews['launch-b']).to.equal(5);
      // ... and so do the days around the author's own review of it, where a co-review would fall.
      expect(later.popularity!.productReviewsNear).to.deep.equal({ 'launch-b': 5 });
      expect(later.popularity).to.deep.equal(memory.contextFor(submission).popularity);
      // A first check sees nothing after its own moment.
      const first = await loadContext(db, submission, defaultPolicy, null, submission.at);
      expect(first.popularity!.productReviews['launch-b'] ?? 0).to.equal(0);
    });
  });

  it('when accounts of one e-mail pattern review a product, then the database counts the holders of the shape, the opening and the near numbers as the in-memory pipeline does', async () => {
    const w = world().merchant().product('p1').background(60, 10);
    for (let i = 0; i < 3; i++) w.account(`n${i}`, { at: -300 - i, email: `honest${['lee', 'kim', 'ray'][i]}@else.example` });
    const names = ['mira', 'jonas', 'oleg', 'pia'];
    for (let i = 0; i < 4; i++) w.account(`b${i}`, { at: -40 + i * 3, email: `Honest${names[i]}0${13 + i}@post.example`, ip: `198.18.${10 + 40 * i}.9` });
    for (let i = 0; i < 4; i++)
      w.review(`b${i}-p1`, `b${i}`, 'p1', i * 0.2, { body: `Batch review ${i}: the lid fits, the strap holds and it packs down small.` });
    const memory = w.run();
    const submission = memory.review('b3-p1')!.submission;
    const expected = memory.contextFor(submission).weakIdentity!.holders;
    expect(expected).to.include({ 'email_stem:hones': 7, 'email_shape:A999@post.example': 4, 'email_near:A999@post.example:16:2': 3 });
    await replayedOnDatabase(w, async (_, db) => {
      const loaded = await loadContext(db, submission, defaultPolicy, null, submission.at);
      expect(loaded.weakIdentity!.holders).to.deep.equal(expected);
    });
  });

  it('when e-mails of every kind are read by the SQL mirrors of emailShape, emailStem, emailNumber and emailDomain, then they give the same values', async () => {
    const emails = [
      'Tobias5769a@iCloud.com',
      'anna.k+shop@x.org',
      'daily.wiktoria66@icloud.com',
      'Honest_Doug013@Hotmail.COM',
      'jo42@x.org',
      '42jo.smith@x.org',
      'no-at-sign',
      '@x.org',
      'a@b@c.example',
      'Ünïcode.Émile99@mail.example',
      'İstanbul.ßtraße@x.example',
      'x-y_z.w@a.example',
      'ABCDE@x.example',
      'cozy.sven22@hotmail.com',
      'jo.smith@x.org',
      'ann-marie@x.org',
      'abcd_@x.org',
      'tomaszh41f@web.de',
      'rasmussen1997@gmail.com',
      'phone0123456789@x.org',
      'a1b22c333+77@x.org',
      'x00@y0.org',
    ];
    const db = await createTestDatabase();
    try {
      const rows = (
        await db.query<{ e: string; shape: string | null; stem: string | null; number: number | null; domain: string | null }>(
          `SELECT e, candor_email_shape(e) AS shape, candor_email_stem(e, 5, 4) AS stem, candor_email_number(e) AS number,
             candor_email_domain(e) AS domain FROM unnest($1::text[]) AS e`,
          [emails],
        )
      ).rows;
      for (const r of rows) {
        expect(r.shape, `shape of ${r.e}`).to.equal(emailShape(r.e));
        expect(r.stem, `stem of ${r.e}`).to.equal(emailStem(r.e, 5, 4));
        expect(r.number, `number of ${r.e}`).to.equal(emailNumber(r.e));
        expect(r.domain, `domain of ${r.e}`).to.equal(emailDomain(r.e));
      }
      expect(rows).to.have.length(emails.length);
    } finally {
      await db.close();
    }
  });
});
