import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, listen } from '../helpers/browser.js';
import { addOrder, createTestContext, seedCatalog, type TestContext } from '../helpers/test-app.js';
import { signUpInBrowser } from '../helpers/browser-sign-up.js';

describe('questions and answers in Chromium', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext({ now: new Date() });
    catalog = await seedCatalog(ctx.db);
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

  it('when a shopper asks and a verified owner answers, then the answer shows with the "Owns it" badge', async () => {
    const asker = await (await browser.newContext()).newPage();
    await signUp(asker, 'Quinn Asker', 'quinn@asker.example');
    await asker.goto(`${server.url}/products/${catalog.product.slug}/reviews`);
    await asker.fill('.ask-question textarea[name=body]', 'How long does it take to pitch on your own?');
    await Promise.all([asker.waitForLoadState('load'), asker.click('.ask-question button:has-text("Ask")')]);
    await asker.waitForSelector('.question-body:has-text("How long does it take to pitch on your own?")');

    const owner = await (await browser.newContext()).newPage();
    await signUp(owner, 'Olive Owner', 'olive@owner.example');
    const account = (await ctx.db.query<{ id: string }>(`SELECT id FROM accounts WHERE email = 'olive@owner.example'`)).rows[0]!;
    await addOrder(ctx.db, account.id, catalog.product.id, catalog.merchant.id, new Date(Date.now() - 30 * 86_400_000));
    await owner.goto(`${server.url}/products/${catalog.product.slug}/reviews`);
    const question = owner.locator('.question', { hasText: 'How long does it take to pitch on your own?' });
    await question.locator('summary', { hasText: 'Answer this question' }).click();
    await question.locator('textarea[name=body]').fill('About ten minutes alone once you have done it twice.');
    await Promise.all([owner.waitForLoadState('load'), question.locator('button:has-text("Post answer")').click()]);

    // The asker reloads and sees the owner's answer with its badge.
    await asker.reload();
    const shown = asker.locator('.answer', { hasText: 'About ten minutes alone' });
    await shown.waitFor();
    expect(await shown.locator('.badge').textContent()).to.equal('Owns it');
    expect(await shown.locator('.author').textContent()).to.equal('Olive Owner');
  });
});
