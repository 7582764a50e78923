import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { insertProduct } from '../../server/storage/catalog-repo.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { createTestContext, seedCatalog, signedInAgent, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';
import { heldInsiderReview, hoursAfter, linkedNearDuplicates, publishedReview, T0 } from '../integration/console-fixtures.js';

// Tests write no pictures at all (not into docs/, not into the temp folder): README screenshots come from
// `npm run screenshots` only.

async function signIn(page: Page, base: string, email: string, next: string) {
  await page.goto(`${base}/signin?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === next), page.click('form button[type=submit]:has-text("Sign in")')]);
}

async function statusOf(ctx: TestContext, id: string): Promise<string> {
  return (await ctx.db.query<{ status: string }>('SELECT status FROM reviews WHERE id = $1', [id])).rows[0]!.status;
}

/** Resolves when the browser has sent a decision form and followed its redirect back to the queue. */
function decisionPosted(page: Page) {
  return page.waitForResponse(
    (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/console' && r.request().redirectedFrom()?.method() === 'POST',
  );
}

/** Presses j/k until the queue row with this id is the selected one. */
async function selectRow(page: Page, rowId: string) {
  const ids = await page.locator('.queue-item').evaluateAll((els) => els.map((el) => el.id));
  const target = ids.indexOf(rowId);
  expect(target, `row ${rowId} in ${ids.join(',')}`).to.be.greaterThan(-1);
  const current = await page.locator('.queue-item.current').getAttribute('id');
  let at = ids.indexOf(current ?? '');
  while (at < target) {
    await page.keyboard.press('j');
    at++;
  }
  while (at > target) {
    await page.keyboard.press('k');
    at--;
  }
  await expect(await page.locator('.queue-item.current').getAttribute('id')).to.equal(rowId);
}

describe('moderation console in Chromium', function () {
  this.timeout(90_000);
  let ctx: TestContext;
  let browser: Browser;
  let server: Awaited<ReturnType<typeof listen>>;
  let moderatorEmail: string;
  let insider1: Awaited<ReturnType<typeof heldInsiderReview>>;
  let insider2: Awaited<ReturnType<typeof heldInsiderReview>>;
  let pair: Awaited<ReturnType<typeof linkedNearDuplicates>>;

  before(async () => {
    ctx = await createTestContext();
    const { merchant, product, other } = await seedCatalog(ctx.db);
    const lamp = {
      id: 'p_lantern',
      merchantId: merchant.id,
      slug: 'lantern',
      sku: 'LANTERN',
      name: 'Storm Lantern',
      description: 'A lantern.',
      category: 'camping',
      url: null,
    };
    await insertProduct(ctx.db, lamp);
    for (let d = 40; d >= 5; d -= 7) await publishedReview(ctx, { productId: lamp.id, at: hoursAfter(T0, -24 * d), rating: 3 + (d % 3) });
    pair = await linkedNearDuplicates(ctx, { productId: lamp.id });
    insider1 = await heldInsiderReview(ctx, { merchantId: merchant.id, productId: product.id, at: hoursAfter(T0, 2) });
    insider2 = await heldInsiderReview(ctx, {
      merchantId: merchant.id,
      productId: other.id,
      at: hoursAfter(T0, 3),
      title: 'Great stove',
      body: 'Boils water in three minutes and folds flat, the best stove for long hikes we have tried.',
    });
    moderatorEmail = (await signedInAgent(ctx, { role: 'moderator' })).account.email;
    server = await listen(ctx.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  it('when a moderator works the queue with the keyboard, then p publishes and r + a digit + Enter rejects, and each author sees the outcome on their account page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, moderatorEmail, '/console');
    const heldBefore = Number(await page.locator('.queue-tab.active .count').textContent());
    expect(heldBefore).to.be.at.least(3);

    // Help opens and closes with ?.
    await page.keyboard.press('?');
    expect(await page.locator('#shortcut-help').isVisible()).to.equal(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#shortcut-help').isVisible()).to.equal(false);

    await selectRow(page, `q-review-${insider1.reviewId}`);
    await Promise.all([decisionPosted(page), page.keyboard.press('p')]);
    await page.waitForSelector('.flash');
    expect(await page.locator('.flash').textContent()).to.include('now published');
    expect(await statusOf(ctx, insider1.reviewId)).to.equal('published');
    expect(await page.locator('.queue-tab.active .count').textContent()).to.equal(String(heldBefore - 1));

    await selectRow(page, `q-review-${insider2.reviewId}`);
    await page.keyboard.press('r');
    const picker = page.locator(`#q-review-${insider2.reviewId} select.reason-picker`);
    expect(await picker.evaluate((el) => el === el.ownerDocument.activeElement)).to.equal(true);
    await page.keyboard.press('3'); // "3 · Written by the seller’s people"
    expect(await picker.inputValue()).to.equal('insider');
    await Promise.all([decisionPosted(page), page.keyboard.press('Enter')]);
    await page.waitForLoadState();
    expect(await statusOf(ctx, insider2.reviewId)).to.equal('rejected');

    // The focused row is visible (focus ring): the current row carries the class the stylesheet outlines.
    await page.waitForSelector('.queue-item.current');
    expect(await page.locator('.queue-item.current').count()).to.equal(1);
    await page.close();

    const author1 = await browser.newPage();
    await signIn(author1, server.url, insider1.account.email, '/account');
    expect(await author1.locator(`#own-${insider1.reviewId} .state`).textContent()).to.equal('Published');
    await author1.close();

    const author2 = await browser.newPage();
    await signIn(author2, server.url, insider2.account.email, '/account');
    const own = author2.locator(`#own-${insider2.reviewId}`);
    expect(await own.locator('.state').textContent()).to.equal('Not published, because:');
    expect(await own.textContent()).to.include('Reason: Written by the seller’s people.');
    // One appeal, then the outcome shows instead of the form.
    await own.locator('summary').click();
    await own.locator('textarea[name=message]').fill('I bought this stove with my own money before I started working there.');
    await Promise.all([author2.waitForURL((u) => u.pathname === '/account'), own.locator('button:has-text("Send appeal")').click()]);
    expect(await author2.locator(`#own-${insider2.reviewId} .appeal-outcome`).textContent()).to.include('waiting for a moderator');
    expect(await author2.locator(`#own-${insider2.reviewId} textarea`).count()).to.equal(0);
    await author2.close();
  });

  it('when a moderator opens a held review with the keyboard, then the evidence is side by side (shared phrases marked, linked accounts, timeline chart) and a screenshot is saved', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, moderatorEmail, '/console');
    await selectRow(page, `q-review-${pair.secondId}`);
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/console/items/')), page.keyboard.press('a')]);
    expect(await page.locator('.evidence-item mark').count()).to.be.greaterThan(0);
    expect(await page.locator('.evidence-similar .similar').count()).to.be.greaterThan(0);
    expect(await page.locator('.linked').first().textContent()).to.include('Same IP address');
    expect(await page.locator('svg.chart').count()).to.equal(1);
    // u goes back to the queue.
    await Promise.all([page.waitForURL((u) => u.pathname === '/console'), page.keyboard.press('u')]);
    await page.close();
  });
});
