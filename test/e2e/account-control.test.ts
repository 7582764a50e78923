import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { signInInBrowser } from '../helpers/browser-sign-up.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

describe('a forgotten password, in a browser', function () {
  this.timeout(180_000);
  let ctx: TestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  before(async () => {
    // The development mailbox stands in for the person's inbox: only an administrator can open it.
    ctx = await createTestContext({ now: new Date(), env: { CANDOR_DEV_MAIL: 'on' } });
    const at = new Date();
    await createAccount(ctx.db, {
      displayName: 'Ada Admin',
      email: 'ada.admin@candor.example',
      passwordHash: await hashPassword('the admin password'),
      role: 'admin',
      ip: null,
      userAgent: null,
      at,
    });
    await createAccount(ctx.db, {
      displayName: 'Fern Forgetful',
      email: 'fern@forgetful.example',
      passwordHash: await hashPassword('the password fern forgot'),
      ip: null,
      userAgent: null,
      at,
    });
    server = await listen(ctx.app);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  it('when a person asks for a reset, opens the mail’s link and chooses a new password, then they sign in with it', async () => {
    const fern = await (await browser.newContext()).newPage();
    await fern.goto(`${server.url}/signin`);
    await Promise.all([fern.waitForURL(/\/forgot-password$/), fern.click('text=Forgot your password?')]);
    await fern.fill('main input[name=email]', 'fern@forgetful.example');
    await Promise.all([fern.waitForLoadState('load'), fern.click('main button:has-text("Send the link")')]);
    await fern.waitForSelector('text=If an account uses that address');

    const admin = await (await browser.newContext()).newPage();
    await admin.goto(`${server.url}/signin`);
    await signInInBrowser(admin, 'ada.admin@candor.example', 'the admin password');
    await admin.goto(`${server.url}/dev/mail`);
    const mail = admin.locator('article.dev-mail', { hasText: 'Reset your Candor password' }).filter({ hasText: 'fern@forgetful.example' });
    expect(await mail.count()).to.equal(1);
    const href = await mail.locator('a[href*="/reset-password?token="]').getAttribute('href');
    const link = new URL(href!);

    // The mail's link, opened on this test server (the configured public address is another port).
    await fern.goto(`${server.url}${link.pathname}${link.search}`);
    await fern.fill('main input[name=password]', 'a brand new passphrase');
    await Promise.all([fern.waitForURL(/\/signin$/), fern.click('main button:has-text("Save the new password")')]);
    expect(await fern.textContent('body')).to.include('Your password is changed');
    await signInInBrowser(fern, 'fern@forgetful.example', 'a brand new passphrase');
    expect(new URL(fern.url()).pathname).to.equal('/');
    expect(await fern.locator('header button:has-text("Sign out")').count()).to.equal(1);

    // The link worked once.
    const again = await fern.goto(`${server.url}${link.pathname}${link.search}`);
    expect(again?.status()).to.equal(400);
    expect(await fern.textContent('main')).to.include('This link does not work any more');
  });
});
