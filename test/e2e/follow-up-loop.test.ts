import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAccount, hashPassword, makeMerchantStaff } from '../../server/accounts/accounts.js';
import { drainOutbox, outboxDepsFrom } from '../../server/outbox/outbox-worker.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { createTestContext, seedCatalog, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';

type Server = Awaited<ReturnType<typeof listen>>;

/**
 * The follow-up loop end to end, in Chromium: a poor review → the merchant answers from the follow-up inbox with a
 * make-good → the author is e-mailed (read from the development mailbox) → the author follows the link and confirms
 * it was resolved → "Resolved by the merchant on DATE" shows on the tab and in the widget on the shop's own origin.
 */
describe('follow-up loop from a poor review to "Resolved" on the tab and in the widget (Chromium)', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let candor: Server;
  let shop: Server;
  let browser: Browser;
  let reviewId = '';
  const people = {
    manager: 'manager@test-shop.example',
    author: 'unhappy.camper@mail.example',
    admin: 'admin@candor.example',
  };

  before(async () => {
    ctx = await createTestContext({ now: new Date(), env: { CANDOR_DEV_MAIL: 'on' } });
    const { merchant, product } = await seedCatalog(ctx.db);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const at = new Date('2025-01-01T00:00:00Z');
    const manager = await createAccount(ctx.db, { displayName: 'Shop Manager', email: people.manager, passwordHash, ip: '100.64.1.1', userAgent: 'M/1', at });
    await makeMerchantStaff(ctx.db, merchant.id, manager.id, true);
    await createAccount(ctx.db, { displayName: 'Admin', email: people.admin, passwordHash, role: 'admin', ip: '100.64.1.2', userAgent: 'A/1', at });
    const author = await createAccount(ctx.db, { displayName: 'Unhappy Camper', email: people.author, passwordHash, ip: '100.64.1.3', userAgent: 'U/1', at });
    const posted = await submitReview(
      { db: ctx.db, integrity: ctx.services.integrity },
      {
        productId: product.id,
        draft: {
          rating: 2,
          title: 'Pole snapped on night two',
          body: 'One of the poles snapped in light wind on the second night and the fly sagged onto us.',
          incentive: null,
        },
        post: { accountId: author.id, ip: '100.64.1.3', userAgent: 'U/1', at: new Date(Date.now() - 3 * 86_400_000) },
      },
    );
    expect(posted.verdict.decision).to.equal('published');
    reviewId = posted.reviewId;
    candor = await listen(ctx.app);
    shop = await listen((_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Tent</h1><div id="reviews"></div>
<script async src="${candor.url}/widget.js" data-candor-merchant="m_test" data-candor-product="TENT" data-candor-container="#reviews"></script></body></html>`);
    });
    // The shop's page is on another site ("localhost" against Candor's 127.0.0.1), as in real life.
    await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2)', [merchant.id, `http://localhost:${shop.port}`]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await Promise.all([candor?.close(), shop?.close()]);
    await ctx?.close();
  });

  async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${candor.url}/signin`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('main button[type=submit]')]);
    return { context, page };
  }

  it('when the merchant answers with a make-good and the author confirms from the e-mail, then "Resolved" shows on the tab and in the widget', async () => {
    // 1. The merchant answers from the follow-up inbox, offering a replacement.
    const merchant = await signedIn(people.manager);
    await merchant.page.goto(`${candor.url}/merchant/m_test/follow-ups`);
    const card = merchant.page.locator(`#review-${reviewId}`);
    await card.locator('textarea[name=reply]').fill('We are sorry the pole snapped; that should not happen.');
    await card.locator('select[name=makeGood]').selectOption('replacement');
    await card.locator('input[name=note]').fill('A new pole set ships today.');
    await Promise.all([merchant.page.waitForURL((url) => url.pathname === '/merchant/m_test/follow-ups'), card.locator('button[type=submit]').click()]);
    expect(await merchant.page.textContent('main')).to.include('Nothing waiting');

    // 2. The worker's outbox pass turns the audit entry into the author's e-mail; it is in the development mailbox.
    await drainOutbox(outboxDepsFrom(ctx.services));
    const admin = await signedIn(people.admin);
    await admin.page.goto(`${candor.url}/dev/mail`);
    const mail = admin.page.locator('article.dev-mail', { hasText: `To ${people.author}` }).filter({ hasText: 'answered your review' });
    expect(await mail.count()).to.equal(1);
    expect(await mail.textContent()).to.include('offers: replacement');
    expect(await mail.textContent()).to.include('/unsubscribe/');
    const link = await mail.locator(`a[href*="#review-${reviewId}"]`).first().getAttribute('href');
    expect(link).to.be.a('string');

    // 3. The author follows the link and says the problem was put right.
    const author = await signedIn(people.author);
    // The link names the configured public address; the test server listens elsewhere, so keep its path only.
    const target = new URL(link!);
    await author.page.goto(`${candor.url}${target.pathname}${target.hash}`);
    const own = author.page.locator(`#review-${reviewId}`);
    await own.locator('input[name=outcome][value=resolved]').check();
    await Promise.all([
      author.page.waitForURL((url) => url.pathname === '/products/tent/reviews'),
      own.locator('.follow-up-answer button[type=submit]').click(),
    ]);

    // 4. Everyone sees it on the tab…
    const visitor = await browser.newContext();
    const tab = await visitor.newPage();
    await tab.goto(`${candor.url}/products/tent/reviews`);
    expect(await tab.locator(`#review-${reviewId} [data-resolved]`).textContent()).to.match(/^Resolved by the merchant on \d{1,2} \w{3} \d{4}$/);

    // 5. …and in the widget on the shop's own page.
    await tab.goto(`http://localhost:${shop.port}/`);
    const handle = await tab.waitForSelector('#reviews iframe[src*="/widget/frame"]', { state: 'attached' });
    const frame = (await handle.contentFrame())!;
    await frame.waitForSelector(`#review-${reviewId} [data-resolved]`);
    expect(await frame.locator(`#review-${reviewId} [data-resolved]`).textContent()).to.match(/^Resolved by the merchant on /);
    expect(await frame.locator(`#review-${reviewId}`).textContent()).to.include('Pole snapped on night two');

    // 6. The merchant team hears of the resolution on the next pass.
    await drainOutbox(outboxDepsFrom(ctx.services));
    await admin.page.goto(`${candor.url}/dev/mail`);
    expect(
      await admin.page
        .locator('article.dev-mail', { hasText: `To ${people.manager}` })
        .filter({ hasText: 'Resolved:' })
        .count(),
    ).to.equal(1);
    await Promise.all([merchant.context.close(), admin.context.close(), author.context.close(), visitor.close()]);
  });
});
