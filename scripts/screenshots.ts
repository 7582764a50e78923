// npm run screenshots: writes the README's pictures in docs/screenshots/ from the demo shop, at desktop width and
// on a 360 px phone. The only thing that writes those files (tests never do). Names given as arguments
// (`npm run screenshots -- review-photos.png`) write only those pictures.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_LOGINS } from '../server/demo/seed-demo.js';
import { launchBrowser } from '../test/helpers/browser.js';
import { startDemoServer } from './demo-server.js';

const OUT = path.resolve('docs/screenshots');
const ONLY = new Set(process.argv.slice(2));
const server = await startDemoServer({ production: false });
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  const signedIn = new Map<string, Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>>();
  const shot = async (
    name: string,
    pathname: string,
    options: {
      width?: number;
      height?: number;
      login?: (typeof DEMO_LOGINS)[number];
      fullPage?: boolean;
      prepare?: (page: import('playwright-core').Page) => Promise<void>;
    } = {},
  ) => {
    if (ONLY.size > 0 && !ONLY.has(name)) return;
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      deviceScaleFactor: options.width && options.width < 500 ? 2 : 1,
      // Each demo person signs in once and their session is reused: many sign-ins in a row meet the login limit.
      storageState: options.login ? signedIn.get(options.login.email) : undefined,
    });
    const page = await context.newPage();
    if (options.login && !signedIn.has(options.login.email)) {
      await page.goto(`${server.url}/signin`);
      await page.fill('input[name=email]', options.login.email);
      await page.fill('input[name=password]', options.login.password);
      await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('main button[type=submit]')]);
      signedIn.set(options.login.email, await context.storageState());
    }
    await page.goto(`${server.url}${pathname}`);
    await options.prepare?.(page);
    await page.screenshot({ path: path.join(OUT, name), fullPage: options.fullPage ?? false });
    console.log(`docs/screenshots/${name}`);
    await context.close();
  };
  const [moderator, merchant, customer] = DEMO_LOGINS;
  await shot('reviews-tab.png', '/products/trail-tent-2p/reviews', { width: 1100, height: 1300 });
  await shot('reviews-tab-phone.png', '/products/trail-tent-2p/reviews', { width: 360, height: 780 });
  await shot('reviews-search.png', '/products/trail-tent-2p/reviews?q=pitch&sort=relevant', { width: 1280, height: 1100 });
  await shot('questions-phone.png', '/products/trail-tent-2p/reviews#questions', {
    width: 360,
    height: 780,
    prepare: async (page) => page.locator('#questions').scrollIntoViewIfNeeded(),
  });
  await shot('questions.png', '/products/trail-tent-2p/reviews#questions', {
    width: 1280,
    height: 900,
    prepare: async (page) => page.locator('#questions').scrollIntoViewIfNeeded(),
  });
  await shot('reviews-search-phone.png', '/products/trail-tent-2p/reviews?q=pitch&sort=relevant', { width: 360, height: 780, fullPage: true });
  await shot('review-form-phone.png', '/products/beam-desk-speaker/reviews/new', {
    width: 360,
    height: 780,
    login: customer,
    prepare: async (page) => {
      await page.focus('input[name=rating][value="1"]');
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    },
  });
  const held = `/console`;
  await shot('console-item.png', held, {
    width: 1280,
    height: 1000,
    login: moderator,
    fullPage: true,
    prepare: async (page) => {
      await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/console/items/')), page.locator('.queue-item a').first().click()]);
    },
  });
  await shot('merchant-dashboard.png', '/merchant/m_acme', { width: 1280, height: 1000, login: merchant });
  await shot('merchant-follow-ups.png', '/merchant/m_acme/follow-ups', { width: 1280, height: 1000, login: merchant });
  await shot('merchant-insights.png', '/merchant/m_acme/insights', { width: 1280, height: 1000, login: merchant, fullPage: true });
  await shot('merchant-insights-phone.png', '/merchant/m_acme/insights', { width: 360, height: 780, login: merchant });
  await shot('account-notifications-phone.png', '/account#notifications', {
    width: 360,
    height: 780,
    login: customer,
    prepare: async (page) => page.locator('#notifications').scrollIntoViewIfNeeded(),
  });
  // The demo's one closed loop: a 1★ tent review answered with a replacement and confirmed resolved by its author.
  await shot('widget-resolved.png', '/widget/frame?merchant=m_acme&product=TT-2P&stars=1', {
    width: 720,
    height: 900,
    prepare: async (page) => page.locator('[data-resolved]').first().scrollIntoViewIfNeeded(),
  });
  await shot('merchant-follow-ups-phone.png', '/merchant/m_acme/follow-ups', { width: 360, height: 780, login: merchant });
  await shot('widget-light.png', '/widget/frame?merchant=m_acme&product=TT-2P', { width: 720, height: 900 });
  await shot('widget-dark.png', '/widget/frame?merchant=m_acme&product=TT-2P&theme=dark', { width: 720, height: 900 });
  await shot('transparency-phone.png', '/transparency', { width: 360, height: 780 });
  // A reviewer's record beside their review on the tab, and their profile (reached by the record's link).
  const openFirstProfile = async (page: import('playwright-core').Page) => {
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith('/reviewers/')), page.locator('.reviewer-record a').first().click()]);
  };
  await shot('reviewer-profile.png', '/products/trail-tent-2p/reviews', { width: 1280, height: 900, prepare: openFirstProfile });
  await shot('reviewer-profile-phone.png', '/products/trail-tent-2p/reviews', { width: 360, height: 780, prepare: openFirstProfile });
  await shot('reviewer-record-phone.png', '/products/trail-tent-2p/reviews', {
    width: 360,
    height: 780,
    prepare: async (page) => page.locator('.reviewer-record').first().scrollIntoViewIfNeeded(),
  });
  await shot('widget-questions-phone.png', '/widget/frame?merchant=m_acme&product=TT-2P', {
    width: 360,
    height: 780,
    prepare: async (page) => page.locator('.widget-ask').scrollIntoViewIfNeeded(),
  });
  await shot('widget-ask-phone.png', '/widget/ask?merchant=m_acme&product=TT-2P', { width: 360, height: 780, login: customer });
  await shot('account-settings.png', '/account/settings', { width: 1280, height: 1000, login: customer, fullPage: true });
  await shot('account-settings-phone.png', '/account/settings', { width: 360, height: 780, login: customer, fullPage: true });
  await shot('forgot-password-phone.png', '/forgot-password', { width: 360, height: 780 });
  // A shop on its own: the sign-up form, the install page (with a refused origin and the origin check) and the team.
  await shot('shop-new.png', '/shops/new', { width: 1280, height: 900, login: customer });
  await shot('shop-new-phone.png', '/shops/new', { width: 360, height: 780, login: customer, fullPage: true });
  const install = '/merchant/m_acme/install?product=TT-2P&page=https%3A%2F%2Fblog.acme-outdoor.example%2Ftents';
  const installPrepare = async (page: import('playwright-core').Page) => {
    // A page on an origin that was never allowed asks for the frame: the install page lists the refusal.
    await page.goto(`${server.url}/widget/frame?merchant=m_acme&product=TT-2P&origin=https%3A%2F%2Fblog.acme-outdoor.example`);
    await page.goto(`${server.url}${install}`);
    await page.frameLocator('iframe[data-install-preview]').locator('main').waitFor();
  };
  await shot('merchant-install.png', install, { width: 1280, height: 1000, login: merchant, fullPage: true, prepare: installPrepare });
  await shot('merchant-install-phone.png', install, {
    width: 360,
    height: 780,
    login: merchant,
    prepare: async (page) => {
      await installPrepare(page);
      await page.locator('#install-snippet').scrollIntoViewIfNeeded();
    },
  });
  await shot('merchant-team.png', '/merchant/m_acme/team', { width: 1280, height: 800, login: merchant });
  await shot('widget-badge.png', '/widget/frame?merchant=m_acme&product=TT-2P&variant=badge', { width: 360, height: 80 });
  // The newest tent review carries the demo photos: scrolled into view once they have loaded.
  const showPhotos = async (page: import('playwright-core').Page) => {
    await page.locator('.review-photos').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.review-photos img')].every((img) => img.complete && img.naturalWidth > 0),
    );
  };
  await shot('review-photos.png', '/products/trail-tent-2p/reviews', { width: 1280, height: 900, prepare: showPhotos });
  await shot('review-photos-phone.png', '/products/trail-tent-2p/reviews', { width: 360, height: 780, prepare: showPhotos });
  await shot('review-photo-form-phone.png', '/products/beam-desk-speaker/reviews/new', {
    width: 360,
    height: 780,
    login: customer,
    prepare: async (page) => {
      await page.click('summary:has-text("Describe your photos")');
      await page.locator('.photo-inputs').scrollIntoViewIfNeeded();
    },
  });
} finally {
  await browser.close();
  await server.stop();
}
