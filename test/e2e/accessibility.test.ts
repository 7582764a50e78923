import { expect } from 'chai';
import type { Browser, BrowserContext } from 'playwright-core';
import { seedDemoData, DEMO_LOGINS } from '../../server/demo/seed-demo.js';
import { createApiKey } from '../../server/merchants/api-keys.js';
import { signInvitationToken } from '../../server/merchants/invitation-token.js';
import { recordOrder } from '../../server/merchants/orders.js';
import { openMerchantScope } from '../../server/merchants/merchant-scope.js';
import { registerWebhook } from '../../server/merchants/webhooks.js';
import { signUnsubscribeToken } from '../../server/mail/unsubscribe-token.js';
import { requestPasswordReset } from '../../server/accounts/account-control.js';
import { hashPassword, signUpFromWeb } from '../../server/accounts/accounts.js';
import { latestLink } from '../helpers/account-mail.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { axeViolations, horizontalOverflow, htmlProblems } from '../helpers/page-checks.js';
import { createTestContext, PASSWORD, signedInAgent, type TestContext } from '../helpers/test-app.js';

// 'author': the demo reviewer whose review carries photos (for the edit page with its photos).
type Who = 'visitor' | 'customer' | 'merchant' | 'moderator' | 'admin' | 'author';

const PAGES: { who: Who; path: string }[] = [
  { who: 'visitor', path: '/' },
  { who: 'visitor', path: '/products/trail-tent-2p/reviews' },
  { who: 'visitor', path: '/products/trail-tent-2p/reviews?stars=1' },
  { who: 'visitor', path: '/products/trail-tent-2p/reviews?q=tent&sort=relevant' },
  { who: 'visitor', path: '/products/trail-tent-2p/reviews?q=nothing-matches-this' },
  { who: 'visitor', path: '/how-we-check' },
  { who: 'visitor', path: '/transparency' },
  { who: 'visitor', path: '/signin' },
  { who: 'visitor', path: '/signup' },
  { who: 'visitor', path: '/forgot-password' },
  { who: 'visitor', path: '/reset-password?token=:reset' },
  { who: 'visitor', path: '/verify-email?token=:verify' },
  { who: 'visitor', path: '/no-such-page' },
  { who: 'visitor', path: '/widget/frame?merchant=m_acme&product=TT-2P' },
  { who: 'visitor', path: '/widget/frame?merchant=m_acme&product=TT-2P&theme=dark' },
  { who: 'visitor', path: '/reviewers/:reviewer' },
  { who: 'customer', path: '/products/trail-tent-2p/reviews' },
  { who: 'customer', path: '/account' },
  { who: 'customer', path: '/account/notifications' },
  { who: 'visitor', path: '/unsubscribe/:unsubscribe' },
  { who: 'customer', path: '/account/settings' },
  { who: 'customer', path: '/products/beam-desk-speaker/reviews/new' },
  { who: 'customer', path: '/widget/write?merchant=m_acme&product=RD-28' },
  { who: 'customer', path: '/widget/ask?merchant=m_acme&product=TT-2P' },
  { who: 'customer', path: '/widget/answer?merchant=m_acme&product=TT-2P&question=:question' },
  { who: 'visitor', path: '/widget/frame?merchant=m_acme&product=TT-2P&answered=published' },
  { who: 'author', path: '/reviews/:photos/edit' },
  { who: 'moderator', path: '/console' },
  { who: 'moderator', path: '/console?tab=reports' },
  { who: 'moderator', path: '/console/items/review/:held' },
  // The demo review with photos, on the moderator's evidence page (the tab and the widget show it to everyone).
  { who: 'moderator', path: '/console/items/review/:photos' },
  { who: 'moderator', path: '/console/audit' },
  { who: 'moderator', path: '/console/models' },
  { who: 'merchant', path: '/merchant/m_acme' },
  { who: 'merchant', path: '/merchant/m_acme/products' },
  { who: 'merchant', path: '/merchant/m_acme/replies' },
  { who: 'merchant', path: '/merchant/m_acme/shop' },
  { who: 'merchant', path: '/merchant/m_acme/follow-ups' },
  { who: 'merchant', path: '/merchant/m_acme/insights' },
  { who: 'merchant', path: '/merchant/m_acme/api-keys' },
  { who: 'merchant', path: '/merchant/m_acme/webhooks' },
  { who: 'merchant', path: '/merchant/m_acme/origins' },
  { who: 'merchant', path: '/merchant/m_acme/staff' },
  { who: 'customer', path: '/shops/new' },
  { who: 'merchant', path: '/merchant/m_acme/team' },
  { who: 'merchant', path: '/merchant/m_acme/install' },
  { who: 'merchant', path: '/merchant/m_acme/install?variant=badge&page=https%3A%2F%2Funlisted.example%2Fp' },
  { who: 'visitor', path: '/widget/frame?merchant=m_acme&product=TT-2P&variant=badge' },
  { who: 'admin', path: '/console/shops' },
  { who: 'merchant', path: '/merchant/m_acme/products/:product/edit' },
  { who: 'visitor', path: ':invitation' },
  { who: 'customer', path: ':invitation' },
  { who: 'admin', path: '/dev/mail' },
];

/**
 * Every page kind a person can reach, each as the person who sees it, checked on the demo shop (real data:
 * long names, held reviews, replies, charts). Each page must pass axe (WCAG 2.1 AA and 24 px targets),
 * html-validate's recommended preset, and fit a 360 px wide phone without sideways scrolling.
 */
describe('every page under outside checkers, at 1280 px and on a 360 px phone', function () {
  this.timeout(180_000);
  let ctx: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  const contexts = new Map<Who, BrowserContext>();
  let heldReviewId = '';
  let unsubscribeToken = '';
  let reviewerId = '';
  let photoReviewId = '';
  let productId = '';
  let invitationPath = '';
  let adminEmail = '';
  let resetToken = '';
  let verifyToken = '';
  let questionId = '';
  let authorEmail = '';

  before(async () => {
    // The development mailbox is mounted only when asked for; an invitation puts a mail in it.
    ctx = await createTestContext({ now: new Date(), env: { CANDOR_DEV_MAIL: 'on' } });
    await seedDemoData(ctx.services);
    const scope = await openMerchantScope(ctx.db, 'a_acme_owner', 'm_acme');
    await createApiKey(ctx.db, scope, 'Shop backend (production)', new Date());
    await registerWebhook(ctx.db, scope, 'http://127.0.0.1:9/candor-hook', new Date(), { allowLoopbackForTests: true });
    heldReviewId = (await ctx.db.query<{ id: string }>(`SELECT id FROM reviews WHERE status = 'held' ORDER BY id LIMIT 1`)).rows[0]!.id;
    const customerId = (await ctx.db.query<{ id: string }>('SELECT id FROM accounts WHERE email = $1', [DEMO_LOGINS[2].email])).rows[0]!.id;
    unsubscribeToken = signUnsubscribeToken(ctx.services.unsubscribeKey, customerId, 'review-comment');
    // The demo reviewer with the most published reviews: a profile with badges, votes and several products.
    reviewerId = (
      await ctx.db.query<{ id: string }>(
        `SELECT account_id AS id FROM reviews WHERE status = 'published' GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1`,
      )
    ).rows[0]!.id;
    photoReviewId = (await ctx.db.query<{ review_id: string }>('SELECT review_id FROM review_photos ORDER BY review_id LIMIT 1')).rows[0]!.review_id;
    questionId = (
      await ctx.db.query<{ id: string }>(
        `SELECT q.id FROM product_questions q JOIN products p ON p.id = q.product_id
         WHERE p.sku = 'TT-2P' AND q.status = 'published' ORDER BY q.id LIMIT 1`,
      )
    ).rows[0]!.id;
    // The photo review's author signs in with a password set here (demo reviewers have none).
    authorEmail = (
      await ctx.db.query<{ email: string }>('SELECT a.email FROM accounts a JOIN reviews r ON r.account_id = a.id WHERE r.id = $1', [photoReviewId])
    ).rows[0]!.email;
    await ctx.db.query('UPDATE accounts SET password_hash = $2 WHERE email = $1', [authorEmail, await hashPassword(PASSWORD)]);
    productId = (await ctx.db.query<{ id: string }>(`SELECT id FROM products WHERE merchant_id = 'm_acme' ORDER BY id LIMIT 1`)).rows[0]!.id;
    const sku = (await ctx.db.query<{ sku: string }>(`SELECT sku FROM products WHERE id = $1`, [productId])).rows[0]!.sku;
    const now = new Date();
    const order = await recordOrder(
      { db: ctx.db, invitationKey: ctx.services.invitationKey, publicUrl: ctx.services.config.publicUrl, unsubscribeKey: ctx.services.unsubscribeKey },
      'm_acme',
      { sku, buyerEmail: 'invited.buyer@mail.example', orderedAt: now, externalRef: 'A11Y-1', note: null },
      now,
    );
    invitationPath = `/invitations/${signInvitationToken(ctx.services.invitationKey, order.invitationId, order.invitationExpiresAt)}`;
    adminEmail = `admin.${Date.now()}@candor.example`;
    await signedInAgent(ctx, { role: 'admin', email: adminEmail });
    // Links as the e-mails carry them: a password reset for a demo customer and a fresh sign-up's confirmation.
    const place = { at: new Date(), baseUrl: ctx.services.config.publicUrl };
    await requestPasswordReset(ctx.db, DEMO_LOGINS[2].email, place);
    resetToken = new URL(await latestLink(ctx.db, DEMO_LOGINS[2].email, '/reset-password'), 'http://x').searchParams.get('token')!;
    await signUpFromWeb(ctx.db, {
      displayName: 'Casey New',
      email: 'casey.new@mail.example',
      password: 'a long enough password',
      ip: null,
      userAgent: null,
      ...place,
    });
    verifyToken = new URL(await latestLink(ctx.db, 'casey.new@mail.example', '/verify-email'), 'http://x').searchParams.get('token')!;
    server = await listen(ctx.app);
    browser = await launchBrowser();
    const logins = {
      customer: DEMO_LOGINS[2],
      merchant: DEMO_LOGINS[1],
      moderator: DEMO_LOGINS[0],
      admin: { email: adminEmail, password: PASSWORD },
      author: { email: authorEmail, password: PASSWORD },
    };
    contexts.set('visitor', await browser.newContext());
    for (const [who, login] of Object.entries(logins) as [Who, { email: string; password: string }][]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/signin`);
      await page.fill('input[name=email]', login.email);
      await page.fill('input[name=password]', login.password);
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('main button[type=submit]')]);
      await page.close();
      contexts.set(who, context);
    }
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  for (const { who, path: pattern } of PAGES) {
    it(`when ${pattern} is opened by ${who === 'admin' || who === 'author' ? 'an' : 'a'} ${who}, then axe and html-validate find nothing and it fits a 360 px phone`, async () => {
      const path =
        pattern === ':invitation'
          ? invitationPath
          : pattern
              .replace(':held', heldReviewId)
              .replace(':product', productId)
              .replace(':reset', resetToken)
              .replace(':verify', verifyToken)
              .replace(':reviewer', reviewerId)
              .replace(':unsubscribe', unsubscribeToken)
              .replace(':photos', photoReviewId)
              .replace(':question', questionId);
      const failures: string[] = [];
      const page = await contexts.get(who)!.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status()).to.equal(path === '/no-such-page' ? 404 : 200);
      for (const problem of await htmlProblems(await response!.text())) failures.push(`html: ${problem}`);
      // axe once, on the phone: the narrow layout is where targets shrink and content moves.
      await page.setViewportSize({ width: 360, height: 780 });
      const overflow = await horizontalOverflow(page);
      if (overflow.excess > 0) failures.push(`360px: ${overflow.excess}px too wide: ${overflow.culprits.join(', ')}`);
      for (const violation of await axeViolations(page)) failures.push(`axe: ${violation}`);
      await page.close();
      expect(failures, `\n${failures.join('\n')}\n`).to.deep.equal([]);
    });
  }
});
