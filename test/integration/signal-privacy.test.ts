import { expect } from 'chai';
import request from 'supertest';
import { createAccount } from '../../server/accounts/accounts.js';
import { submissionFromReview } from '../../server/reviews/integrity-gate.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { askQuestion } from '../../server/questions/ask-question.js';
import { answerQuestion } from '../../server/questions/answer-question.js';
import { loadContext } from '../../server/storage/context-loader.js';
import { recordIdentifiers } from '../../server/storage/identifier-repo.js';
import { findReview } from '../../server/storage/review-repo.js';
import { hashExpiredSignals } from '../../server/storage/signal-retention-repo.js';
import { outboxDepsFrom } from '../../server/outbox/outbox-worker.js';
import { startBackgroundWorker } from '../../server/workers/background-worker.js';
import { tablesContaining } from '../helpers/personal-data-scan.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

const DAY = 86_400_000;
const SHARED_IP = '203.0.113.77';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) PrivacyProbe/7.1';

describe('privacy of the integrity signals: raw addresses and user agents expire, links between accounts stay', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let now = new Date('2026-03-01T10:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-03-01T10:00:00Z');
    ctx = await createTestContext({ now });
    ctx.services.clock = () => now;
    catalog = await seedCatalog(ctx.db);
  });
  afterEach(() => ctx.close());

  const person = (id: string, at: Date) =>
    createAccount(ctx.db, { id, displayName: `Person ${id}`, email: `${id}@mail.example`, passwordHash: null, ip: SHARED_IP, userAgent: UA, at });

  it('when identifiers are stored, then the value is a keyed hash and the readable value sits beside it only', async () => {
    await person('a_one', now);
    const rows = (
      await ctx.db.query<{ kind: string; value: string; raw: string | null }>(
        `SELECT kind, value, raw FROM account_identifiers WHERE account_id = 'a_one' ORDER BY kind`,
      )
    ).rows;
    expect(rows.map((r) => r.kind)).to.include.members(['ip', 'ip_prefix', 'ua', 'email_norm']);
    for (const row of rows) expect(row.value, row.kind).to.match(/^k1:[\w-]{22}$/);
    expect(rows.find((r) => r.kind === 'ip')!.raw).to.equal(SHARED_IP);
    expect(rows.find((r) => r.kind === 'ip_prefix')!.raw).to.equal('203.0.113.0/24');
  });

  it('when the retention window has passed, then no table holds the raw address or user agent, and the two accounts are still linked by address, /24 and browser', async () => {
    await person('a_first', now);
    await person('a_second', new Date(now.getTime() + DAY));
    const first = await submitReview(
      { db: ctx.db, integrity: ctx.services.integrity },
      {
        productId: catalog.product.id,
        draft: { rating: 4, title: 'Solid tent', body: 'Kept us dry for a week of rain in the hills, and it packs small enough.', incentive: null },
        post: { accountId: 'a_first', ip: SHARED_IP, userAgent: UA, at: new Date(now.getTime() + 2 * DAY) },
      },
    );
    // Questions and answers go through the same pipeline, so they carry the address and browser too.
    const deps = { db: ctx.db, integrity: ctx.services.integrity };
    const asked = await askQuestion(deps, {
      productSlug: catalog.product.slug,
      body: 'Does the fly pitch first, before the inner tent?',
      post: { accountId: 'a_second', ip: SHARED_IP, userAgent: UA, at: new Date(now.getTime() + 3 * DAY) },
    });
    await answerQuestion(deps, {
      questionId: asked.questionId,
      body: 'Yes, the fly goes up first and the inner clips in after.',
      post: { accountId: 'a_first', ip: SHARED_IP, userAgent: UA, at: new Date(now.getTime() + 4 * DAY) },
    });
    const holding = (await tablesContaining(ctx.db, [SHARED_IP, UA])).join('\n');
    expect(holding).to.include('product_questions holds').and.to.include('question_answers holds');

    now = new Date(now.getTime() + 40 * DAY);
    const counts = await hashExpiredSignals(ctx.db, now, 30 * DAY);
    expect(counts).to.include({ reviews: 1, questions: 1, answers: 1, accounts: 2 });
    expect(await tablesContaining(ctx.db, [SHARED_IP, '203.0.113.0/24', UA])).to.deep.equal([]);

    // The second account posts from elsewhere: the checks still see it shares address, network and browser with the first.
    const second = await submitReview(
      { db: ctx.db, integrity: ctx.services.integrity },
      {
        productId: catalog.other.id,
        draft: { rating: 5, title: 'Great stove', body: 'Boils water fast and the simmer control is much finer than my old one.', incentive: null },
        post: { accountId: 'a_second', ip: '198.51.100.20', userAgent: 'Other/1.0', at: now },
      },
    );
    const review = (await findReview(ctx.db, second.reviewId))!;
    const context = await loadContext(ctx.db, submissionFromReview(review, now), ctx.services.integrity.policy, null);
    const link = context.linkedAccounts.find((l) => l.account.id === 'a_first');
    expect(link, 'linked account').to.not.equal(undefined);
    expect(link!.links.map((l) => l.kind)).to.include.members(['ip', 'ip_prefix', 'ua']);
    expect(link!.reviews.map((r) => r.id)).to.include(first.reviewId);
  });

  it('when identifiers were stored raw by an older Candor, then maintenance hashes them to the same value a new observation gets, so old and new rows link', async () => {
    await ctx.db.query(`INSERT INTO accounts (id, email, display_name, created_at) VALUES ('a_old', 'old@mail.example', 'Old', $1)`, [now]);
    await ctx.db.query(`INSERT INTO account_identifiers (kind, value, account_id, first_seen, last_seen) VALUES ('ip', $1, 'a_old', $2, $2)`, [SHARED_IP, now]);
    await person('a_new', now);
    const counts = await hashExpiredSignals(ctx.db, now, 30 * DAY);
    expect(counts?.legacyIdentifiers).to.equal(1);
    const values = (
      await ctx.db.query<{ account_id: string; value: string; raw: string }>(
        `SELECT account_id, value, raw FROM account_identifiers WHERE kind = 'ip' ORDER BY account_id`,
      )
    ).rows;
    expect(values.map((v) => v.account_id)).to.deep.equal(['a_new', 'a_old']);
    expect(values[0]!.value).to.equal(values[1]!.value).and.to.match(/^k1:/);
    expect(values[1]!.raw).to.equal(SHARED_IP);
    // Recording the same observation again merges into the hashed row instead of adding a raw one.
    await recordIdentifiers(ctx.db, 'a_old', [{ kind: 'ip', value: SHARED_IP }], now);
    expect((await ctx.db.query(`SELECT 1 FROM account_identifiers WHERE account_id = 'a_old' AND kind = 'ip'`)).rows).to.have.length(1);
  });

  it('when the background worker runs its maintenance after the window, then the raw values are gone', async () => {
    await person('a_worker', now);
    now = new Date(now.getTime() + 31 * DAY);
    const worker = startBackgroundWorker(
      { ...ctx.services, outbox: outboxDepsFrom(ctx.services) },
      {
        reassessMs: 60_000,
        outboxMs: 60_000,
        modelPollMs: 60_000,
        maintenanceMs: 1,
        retention: { rateLimitMs: DAY, sentOutboxMs: DAY, finishedJobsMs: DAY, rawSignalsMs: 30 * DAY },
      },
    );
    const rawLeft = async () =>
      (
        await ctx.db.query(`SELECT 1 FROM account_identifiers WHERE account_id = 'a_worker' AND raw IS NOT NULL
      UNION ALL SELECT 1 FROM accounts WHERE id = 'a_worker' AND (signup_ip NOT LIKE 'k1:%' OR signup_user_agent NOT LIKE 'k1:%')`)
      ).rows.length;
    try {
      for (let i = 0; i < 500 && (await rawLeft()) > 0; i++) await worker.tick();
    } finally {
      await worker.stop();
    }
    expect(await rawLeft()).to.equal(0);
  });

  it('when the window is configured, then /how-we-check says what is kept and for how long', async () => {
    const configured = await createTestContext({ env: { CANDOR_RAW_SIGNAL_DAYS: '14' } });
    try {
      const page = await request(configured.app).get('/how-we-check').expect(200);
      expect(page.text).to.include('What we keep about where a post came from');
      expect(page.text).to.include('<strong>14 days</strong>');
      expect(page.text).to.include('keyed hash');
    } finally {
      await configured.close();
    }
  });
});
