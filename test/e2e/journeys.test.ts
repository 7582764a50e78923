import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../../server/accounts/accounts.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { confirmInBrowser, signInInBrowser } from '../helpers/browser-sign-up.js';
import { createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';

/** The journeys a new user tripped over (issue 13), walked in Chromium. */
describe('journeys a new user takes, in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let people = 0;

  before(async () => {
    ctx = await createTestContext({ now: new Date() });
    catalog = await seedCatalog(ctx.db);
    const deps = { db: ctx.db, integrity: ctx.services.integrity };
    const reviews = [
      { rating: 4, title: 'Good in wind', body: 'Held up well in a windy night on the ridge, a bit loud when the fly flaps.' },
      { rating: 5, title: 'Our go-to tent', body: 'Three summers of family camping in Brittany and the zips still run smoothly.' },
    ];
    for (const [i, r] of reviews.entries()) {
      const author = await createAccount(ctx.db, {
        displayName: `Author ${i}`,
        email: `author${i}@home${i}.example`,
        passwordHash: null,
        ip: `62.7.${i}.7`,
        userAgent: `Other/${i}`,
        at: new Date('2025-01-01T00:00:00Z'),
      });
      await submitReview(deps, {
        productId: catalog.product.id,
        draft: { ...r, incentive: null },
        post: { accountId: author.id, ip: `62.7.${i}.7`, userAgent: `Other/${i}`, at: new Date(Date.now() - (i + 1) * 86_400_000) },
      });
    }
    server = await listen(ctx.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  async function fillSignUp(page: Page) {
    people++;
    await page.fill('input[name=displayName]', `New Person ${people}`);
    await page.fill('input[name=email]', `new.person${people}@journey.example`);
    await page.fill('input[name=password]', 'a sturdy test password');
  }

  const email = () => `new.person${people}@journey.example`;

  /** Sign-up never signs in: the address is confirmed from the e-mail, and signing in leads where sign-up started. */
  async function confirmAndSignIn(page: Page) {
    await confirmInBrowser(page, ctx.db, server.url, email());
    await signInInBrowser(page, email(), 'a sturdy test password');
  }

  async function signedUpPage(): Promise<Page> {
    // A context of its own, so a second tab can share the session.
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/signup`);
    await fillSignUp(page);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('main button[type=submit]')]);
    await confirmAndSignIn(page);
    return page;
  }

  it('when a shopper goes from the widget to sign in, then to create an account, then sign-up ends on the widget form for the same product', async () => {
    const page = await browser.newPage();
    const write = `/widget/write?merchant=${catalog.merchant.id}&product=${catalog.product.sku}&origin=${encodeURIComponent('https://test-shop.example')}`;
    await page.goto(`${server.url}${write}`);
    expect(new URL(page.url()).pathname).to.equal('/signin');
    expect(new URL(page.url()).searchParams.get('next')).to.equal(write);
    // The popup shows no site navigation a shopper could wander off through.
    expect(await page.locator('.site-header nav').count()).to.equal(0);
    await Promise.all([page.waitForURL(/\/signup\?/), page.click('text=Create an account')]);
    expect(new URL(page.url()).searchParams.get('next')).to.equal(write);
    await fillSignUp(page);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/signup'), page.click('main button[type=submit]')]);
    await confirmInBrowser(page, ctx.db, server.url, email());
    expect(new URL(page.url()).searchParams.get('next')).to.equal(write);
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/widget/write'),
      signInInBrowser(page, email(), 'a sturdy test password'),
    ]);
    expect(response.status()).to.equal(200);
    expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).to.equal(write);
    expect(await page.textContent('main')).to.include(catalog.product.name);
    expect(await page.locator('input[name=rating]').count()).to.equal(5);
    await page.close();
  });

  it('when a visitor follows "Sign in to comment or vote" or "Create account" on a tab, then they come back to that tab', async () => {
    const tab = `/products/${catalog.product.slug}/reviews?sort=lowest`;
    const page = await browser.newPage();
    await page.goto(`${server.url}${tab}`);
    await Promise.all([page.waitForURL(/\/signup/), page.click('header >> text=Create account')]);
    await fillSignUp(page);
    await Promise.all([page.waitForURL((url) => url.pathname === `/products/${catalog.product.slug}/reviews`), page.click('main button[type=submit]')]);
    expect(new URL(page.url()).search).to.equal('?sort=lowest');
    await confirmAndSignIn(page);
    expect(new URL(page.url()).pathname).to.equal(`/products/${catalog.product.slug}/reviews`);
    expect(new URL(page.url()).search).to.equal('?sort=lowest');
    await page.click('header button:has-text("Sign out")');
    await page.goto(`${server.url}${tab}`);
    await Promise.all([page.waitForURL(/\/signin/), page.locator('.review', { hasText: 'Good in wind' }).locator('text=Sign in').click()]);
    await page.fill('input[name=email]', `new.person${people}@journey.example`);
    await page.fill('input[name=password]', 'a sturdy test password');
    await Promise.all([page.waitForURL((url) => url.pathname === `/products/${catalog.product.slug}/reviews`), page.click('main button[type=submit]')]);
    expect(await page.locator('summary:has-text("Comment on this review")').count()).to.be.greaterThan(0);
    await page.close();
  });

  it('when a too-short comment is sent, then the error shows at the comment form with the text kept; a report is confirmed beside the review and not offered twice', async () => {
    const page = await signedUpPage();
    const tab = `${server.url}/products/${catalog.product.slug}/reviews`;
    await page.goto(tab);
    const stale = await page.context().newPage();
    await stale.goto(tab);
    const review = page.locator('.review', { hasText: 'Good in wind' });
    await review.locator('summary', { hasText: 'Comment on this review' }).click();
    // Three characters pass the browser's minlength; trimmed, one is left, which the server refuses.
    await review.locator('.add-comment textarea').fill(' ? ');
    await Promise.all([page.waitForURL(/#review-/), review.locator('button:has-text("Post comment")').click()]);
    const card = page.locator('.review', { hasText: 'Good in wind' });
    expect(await card.locator('.add-comment').getAttribute('open')).to.not.equal(null);
    expect(await card.locator('.add-comment .form-note').textContent()).to.match(/Comment/);
    expect(await card.locator('.add-comment textarea').inputValue()).to.equal(' ? ');
    expect(await page.title()).to.not.include('Please check your input');

    await card.locator('summary', { hasText: 'Report' }).click();
    await Promise.all([page.waitForURL(/#review-/), card.locator('button:has-text("Send report")').click()]);
    const reported = page.locator('.review', { hasText: 'Good in wind' });
    // The thank-you is next to the review, on screen, not at the top of a long page.
    expect(await reported.locator('.flash').textContent()).to.include('Thank you for the report');
    const box = await reported.locator('.flash').boundingBox();
    expect(box!.y).to.be.within(0, page.viewportSize()!.height);
    expect(await reported.locator('summary', { hasText: 'Report' }).count()).to.equal(0);
    expect(await reported.textContent()).to.include('You reported this review.');

    // A second report from a page opened before the first: answered in place, not on an error page.
    const staleCard = stale.locator('.review', { hasText: 'Good in wind' });
    await staleCard.locator('summary', { hasText: 'Report' }).click();
    await Promise.all([stale.waitForURL(/#review-/), staleCard.locator('button:has-text("Send report")').click()]);
    expect(await stale.locator('.review', { hasText: 'Good in wind' }).locator('.form-note').textContent()).to.include('already reported');
    await stale.close();
    await page.close();
  });

  it('when a page number past the end is asked for, then the last page is shown with the other choices kept', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/products/${catalog.product.slug}/reviews?page=99&sort=lowest`);
    expect(new URL(page.url()).search).to.equal('?sort=lowest');
    expect(await page.textContent('main')).to.not.include('Page 99');
    expect(await page.locator('.review').count()).to.equal(2);
    await page.close();
  });

  it('when a signed-out visitor opens the console, then the refusal offers a sign-in that leads back; the footer and "how we check" link to the transparency report', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/console`);
    expect(response!.status()).to.equal(403);
    expect(await page.locator('main a:has-text("Sign in")').getAttribute('href')).to.equal('/signin?next=%2Fconsole');
    await page.goto(`${server.url}/`);
    expect(await page.locator('footer a[href="/transparency"]').count()).to.equal(1);
    await page.goto(`${server.url}/how-we-check`);
    expect(await page.locator('main a[href="/transparency"]').count()).to.equal(1);
    const icon = await page.goto(`${server.url}/favicon.ico`);
    expect(icon!.status()).to.equal(200);
    expect(icon!.headers()['content-type']).to.include('image/svg+xml');
    await page.close();
  });

  it('when a tab has 4★ and 5★ reviews, then the average shows 4.5 stars drawn as four and a half, and one-of counts read in the singular', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/products/${catalog.product.slug}/reviews`);
    const bar = page.locator('.summary .star-bar');
    expect(await bar.getAttribute('aria-label')).to.equal('4.5 out of 5 stars');
    const [outer, fill] = await Promise.all([bar.boundingBox(), bar.locator('.star-fill').boundingBox()]);
    expect(fill!.width / outer!.width).to.be.closeTo(0.9, 0.02);
    const options = await page.locator('select[name=stars] option').allTextContents();
    expect(options).to.include.members(['1 star (0)', '4 stars (1)', '5 stars (1)']);
    const rows = await page.locator('.histogram-row').allTextContents();
    expect(rows.join(' '))
      .to.match(/1 review, 50%/)
      .and.not.match(/1 reviews/);
    await page.close();
  });

  it('when a shopper rates with the keyboard, then the star picker moves with the arrow keys and fills the stars up to the choice; after an edit the message says it is updated', async () => {
    const page = await signedUpPage();
    await page.goto(`${server.url}/products/${catalog.other.slug}/reviews/new`);
    await page.focus('input[name=rating][value="1"]');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('input[name=rating]:checked').getAttribute('value')).to.equal('3');
    const colours = await page.locator('.star-choice').evaluateAll((els) => els.map((el) => getComputedStyle(el).color));
    expect(colours[0]).to.equal(colours[2]);
    expect(colours[2]).to.not.equal(colours[3]);
    const outline = await page
      .locator('.star-choice')
      .nth(2)
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).to.equal('solid');
    await page.fill('input[name=title]', 'Boils fast');
    await page.fill('textarea[name=body]', 'Boils half a litre in about three minutes on a calm evening, less in summer.');
    await Promise.all([page.waitForURL(/#review-/), page.click('button:has-text("Post review")')]);
    expect(await page.textContent('.flash')).to.include('Your review is published');
    await page.click('text=Edit your review');
    await page.fill('input[name=title]', 'Boils fast, simmers badly');
    await Promise.all([page.waitForURL(/#review-/), page.click('button:has-text("Save and re-check")')]);
    expect(await page.textContent('.flash')).to.include('Your review is updated');
    await page.close();
  });
});
