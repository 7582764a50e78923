import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../../server/accounts/accounts.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';
import { signUpInBrowser } from '../helpers/browser-sign-up.js';

describe('the reviews tab in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext({ now: new Date() });
    catalog = await seedCatalog(ctx.db);
    const other = await createAccount(ctx.db, {
      id: 'a_other',
      displayName: 'Olga Other',
      email: 'olga@home.example',
      passwordHash: null,
      ip: '62.7.7.7',
      userAgent: 'Other/1',
      at: new Date('2025-01-01T00:00:00Z'),
    });
    await submitReview(
      { db: ctx.db, integrity: ctx.services.integrity },
      {
        productId: catalog.product.id,
        draft: { rating: 4, title: 'Good in wind', body: 'Held up well in a windy night on the ridge, a bit loud.', incentive: null },
        post: { accountId: other.id, ip: '62.7.7.7', userAgent: 'Other/1', at: new Date(Date.now() - 86_400_000) },
      },
    );
    server = await listen(ctx.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  async function signUp(page: Page, name: string, email: string) {
    await signUpInBrowser(page, ctx.db, server.url, { name, email, password: 'a sturdy test password' });
  }

  it('when a shopper signs up, posts a review, comments, votes and reports, then each step shows in the tab', async () => {
    const page = await browser.newPage();
    await signUp(page, 'Bea Browser', 'bea@browser.example');
    await page.goto(`${server.url}/products/${catalog.product.slug}/reviews`);
    await page.click('text=Write a review');
    await page.check('input[name=rating][value="5"]');
    await page.fill('input[name=title]', 'Pitched in ten minutes');
    await page.fill('textarea[name=body]', 'First trip was a wet weekend in the Lakes and we stayed dry and warm all night.');
    await Promise.all([page.waitForURL(/\/reviews/), page.click('button:has-text("Post review")')]);
    expect(await page.textContent('.flash')).to.include('Your review is published');
    expect(await page.textContent('.review-list')).to.include('Pitched in ten minutes');

    const othersReview = page.locator('.review', { hasText: 'Good in wind' });
    await othersReview.locator('summary', { hasText: 'Comment on this review' }).click();
    await othersReview.locator('textarea[name=body]').last().fill('Did the poles bend at all?');
    await Promise.all([page.waitForLoadState('load'), othersReview.locator('button:has-text("Post comment")').click()]);
    await page.waitForSelector('text=Did the poles bend at all?');

    const review = page.locator('.review', { hasText: 'Good in wind' });
    await review.locator('button:has-text("Helpful")').click();
    await expect_text(review.locator('[data-helpful-count]'), '1 person found this helpful');
    const votes = (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM helpful_votes')).rows[0]!.n;
    expect(votes).to.equal(1);

    await review.locator('summary', { hasText: 'Report' }).click();
    await review.locator('select[name=reason]').selectOption('off_topic');
    await Promise.all([page.waitForLoadState('load'), review.locator('button:has-text("Send report")').click()]);
    await page.waitForSelector('text=Thank you for the report');
    const reports = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reports WHERE reason = 'off_topic'`)).rows[0]!.n;
    expect(reports).to.equal(1);
    await page.close();
  });

  it('when an author posts the same text again, then the rejected repeat says "not published, because …" on the page and the account page, and only the author sees it', async () => {
    const page = await browser.newPage();
    await signUp(page, 'Hal Held', 'hal@held.example');
    const body = 'Amazing quality, totally recommend it to everyone, five stars without any doubt at all.';
    for (const slug of [catalog.product.slug, catalog.other.slug]) {
      await page.goto(`${server.url}/products/${slug}/reviews/new`);
      await page.check('input[name=rating][value="5"]');
      await page.fill('input[name=title]', `Amazing ${slug}`);
      await page.fill('textarea[name=body]', body);
      await Promise.all([page.waitForURL(/\/reviews/), page.click('button:has-text("Post review")')]);
    }
    const status = (
      await ctx.db.query<{ status: string }>(
        `SELECT r.status FROM reviews r JOIN products p ON p.id = r.product_id WHERE p.slug = $1 AND r.title LIKE 'Amazing%'`,
        [catalog.other.slug],
      )
    ).rows[0]!.status;
    expect(status).to.equal('rejected');
    // The outcome is told truly: no moderator will see a rejected review, so the message must not promise one.
    const flash = await page.textContent('.flash');
    expect(flash).to.match(/Your review is not published, because this account already posted/);
    expect(flash).to.not.match(/waiting for a moderator|held for a moderator/);
    expect(await page.textContent('.held-notice')).to.match(/Only you can see this review/);
    expect(await page.textContent('.held-notice')).to.match(/already posted/);
    await page.goto(`${server.url}/account`);
    const own = page.locator('.own-review', { hasText: `Amazing ${catalog.other.slug}` });
    expect(await own.locator('.state').textContent()).to.equal('Not published, because:');
    expect(await own.textContent()).to.match(/already posted/);

    const stranger = await browser.newPage();
    await stranger.goto(`${server.url}/products/${catalog.other.slug}/reviews`);
    expect(await stranger.textContent('main')).to.not.include(`Amazing ${catalog.other.slug}`);
    await stranger.close();
    await page.close();
  });
});

async function expect_text(locator: import('playwright-core').Locator, text: string) {
  for (let i = 0; i < 50; i++) {
    if ((await locator.textContent())?.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await locator.textContent()).to.include(text);
}
