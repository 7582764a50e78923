import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { signUpInBrowser } from '../helpers/browser-sign-up.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

// A new shop, as a person would do it, in Chromium: sign up, add the shop, prove the website is theirs (the
// shop's own server serves the token), add a product, copy the tag from the install page, and paste it into the
// shop's page on another origin, where the reviews appear. A second site that was never allowed gets a console
// message and shows up in the merchant's list of refusals.

interface Site {
  origin: string;
  close(): Promise<void>;
}

/** Listens on every loopback address (so both 127.0.0.1 and "localhost" reach it) on an ephemeral port. */
async function serve(handler: http.RequestListener, port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A shop's website: serves the verification token and a product page with whatever tag it was given. */
async function shopSite(state: { token: string; tag: string }): Promise<Site> {
  const site = await serve((req, res) => {
    if (req.url === '/.well-known/candor-verification.txt') {
      if (!state.token) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(state.token);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Lamp</title></head><body><h1>Brass lamp</h1>${state.tag}</body></html>`);
  });
  return { origin: `http://localhost:${site.port}`, close: site.close };
}

async function waitFor<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

describe('a new shop from sign-up to a working widget (Chromium)', function () {
  this.timeout(120_000);
  let ctx: TestContext;
  let candor: { port: number; close(): Promise<void> };
  let candorUrl: string;
  let shop: Site;
  let stranger: Site;
  let browser: Browser;
  const shopState = { token: '', tag: '' };
  const strangerState = { token: '', tag: '' };

  before(async () => {
    // Candor's public URL must be the address the browser uses: the tag on the install page is built from it.
    const probe = await serve(() => {});
    const port = probe.port;
    await probe.close();
    candorUrl = `http://127.0.0.1:${port}`;
    ctx = await createTestContext({ now: new Date(), env: { CANDOR_UNSAFE_ALLOW_LOOPBACK_VERIFICATION_FOR_TESTS: 'yes', PUBLIC_URL: candorUrl } });
    candor = await serve(ctx.app, port);
    shop = await shopSite(shopState);
    stranger = await shopSite(strangerState);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await candor?.close();
    await shop?.close();
    await stranger?.close();
    await ctx?.close();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${candorUrl}/signin`);
    await page.fill('input[name=email]', 'lena@lamps.example');
    await page.fill('input[name=password]', 'a long enough password');
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('main button[type=submit]')]);
  };

  it('when a person signs up, adds and verifies a shop, adds a product and pastes the tag from the install page, then the widget shows on the shop origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // A loaded two-core machine hashes passwords slowly.
    page.setDefaultTimeout(60_000);
    // Sign-up as a person does it: the form, the confirmation link from the e-mail, then sign-in.
    await signUpInBrowser(page, ctx.db, candorUrl, { name: 'Lena Lamps', email: 'lena@lamps.example', password: 'a long enough password' });

    await page.goto(`${candorUrl}/account`);
    await Promise.all([page.waitForURL((url) => url.pathname === '/shops/new'), page.click('a[href="/shops/new"]')]);
    await page.fill('input[name=name]', 'Brass and Glass');
    await page.fill('input[name=websiteOrigin]', shop.origin);
    await page.selectOption('select[name=category]', 'Home and garden');
    await Promise.all([page.waitForURL((url) => /^\/merchant\/[^/]+\/shop$/.test(url.pathname)), page.click('main button[type=submit]')]);
    const merchantId = new URL(page.url()).pathname.split('/')[2]!;
    expect(await page.textContent('main')).to.include('not yet');

    shopState.token = (await page.textContent('code.secret'))!.trim();
    expect(shopState.token).to.match(/^candor-verification=/);
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/shop')), page.click('button:has-text("Check now")')]);
    expect(await page.textContent('main')).to.include('yes, since');

    await page.goto(`${candorUrl}/merchant/${merchantId}/products`);
    await page.fill('input[name=sku]', 'LAMP-1');
    await page.fill('input[name=name]', 'Brass lamp');
    await page.fill('input[name=category]', 'lighting');
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/products')), page.click('button:has-text("Add product")')]);

    await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/install')), page.click('nav.merchant-nav a:has-text("Install")')]);
    expect(await page.isVisible('button:has-text("Copy the tag")'), 'the copy button appears with JavaScript').to.equal(true);
    await page.click('button:has-text("Copy the tag")');
    // Copied to the clipboard, or (no clipboard permission headless) selected for Ctrl+C: either way it says so.
    await waitFor(
      'the copy status',
      async () => (await page.textContent('[data-copy-status]')) ?? '',
      (t) => /Copied|Selected/.test(t),
    );
    const preview = await (await page.waitForSelector('iframe[data-install-preview]')).contentFrame();
    await waitFor(
      'the live preview',
      async () => (await preview?.textContent('body').catch(() => '')) ?? '',
      (t) => t.includes('Brass lamp'),
    );
    shopState.tag = (await page.textContent('#install-snippet'))!;
    expect(shopState.tag).to.include(`data-candor-merchant="${merchantId}"`);
    expect(shopState.tag).to.include('data-candor-product="LAMP-1"');

    const shopPage = await context.newPage();
    await shopPage.goto(`${shop.origin}/products/lamp`);
    const handle = await shopPage.waitForSelector('iframe[src*="/widget/frame"]', { state: 'attached' });
    await waitFor(
      'the widget to report its height',
      () => handle.evaluate((el) => el.getBoundingClientRect().height),
      (h) => h > 50,
    );
    const frame = await handle.contentFrame();
    expect(await frame!.textContent('main')).to.include('Brass lamp');
    await context.close();
  });

  it('when the tag is pasted on an origin that was never allowed, then that page logs why in its console and the install page lists the refusal', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The tag the shop copied, pasted on another site.
    strangerState.tag = shopState.tag;
    const warning = page.waitForEvent('console', { predicate: (m) => m.text().includes('Candor reviews'), timeout: 30_000 });
    await page.goto(`${stranger.origin}/products/lamp`);
    const message = (await warning).text();
    expect(message).to.include(`refused on ${stranger.origin}: not in allowed origins`);
    const box = await page.$eval('iframe[src*="/widget/frame"]', (el) => el.getBoundingClientRect().height);
    expect(box, 'a refused frame stays collapsed').to.equal(0);
    await context.close();

    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    ownerPage.setDefaultTimeout(60_000);
    await signIn(ownerPage);
    await ownerPage.goto(`${candorUrl}/merchant`);
    await ownerPage.click('nav.merchant-nav a:has-text("Install")');
    await ownerPage.waitForURL((url) => url.pathname.endsWith('/install'));
    expect(await ownerPage.textContent('main')).to.include(`refused on ${stranger.origin}: not in allowed origins`);
    await owner.close();
  });
});
