import { expect } from 'chai';
import type { Browser, Frame, Page } from 'playwright-core';
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';
import { insertPendingReview, setReviewState } from '../../server/storage/review-repo.js';
import { launchBrowser, listen } from '../helpers/browser.js';
import { askQuestion } from '../../server/questions/ask-question.js';
import { addOrder, createTestContext, seedCatalog, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';

// Candor runs on 127.0.0.1, the shop on "localhost": a different site, as in real life, so the frame gets no
// Candor cookies and the popup is the only place where the reader is signed in.

type Server = Awaited<ReturnType<typeof listen>>;

// Callbacks passed to evaluate() run in the browser. The project's tsconfig has no DOM lib (server code must not
// see browser globals), so the few this file uses are declared here, for this file only.
/* biome-ignore-start lint/suspicious/noExplicitAny: browser globals typed loosely on purpose (see above). */
declare const document: any;
declare const window: any;
declare function getComputedStyle(element: unknown): any;
/* biome-ignore-end lint/suspicious/noExplicitAny: browser globals typed loosely on purpose (see above). */

function shopPage(candor: string, query: URLSearchParams): string {
  const attrs = [`data-candor-merchant="m_test"`, `data-candor-product="TENT"`];
  if (!query.get('bare')) attrs.push(`data-candor-container="#reviews"`);
  if (query.get('theme')) attrs.push(`data-candor-theme="${query.get('theme')}"`);
  if (query.get('accent')) attrs.push(`data-candor-accent="${query.get('accent')}"`);
  const snippet = `<script async src="${candor}/widget.js" ${attrs.join(' ')}></script>`;
  const foreign = query.get('foreign') ? `<iframe id="foreign" src="${query.get('foreign')}/foreign"></iframe>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Trail Tent</h1><p>Our best tent.</p><div id="reviews"></div>
${snippet}${query.get('twice') ? snippet : ''}${foreign}</body></html>`;
}

function shopServer(candor: () => string): Promise<Server> {
  return listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (url.pathname === '/foreign') return res.end('<!doctype html><title>Foreign</title><p>someone else</p>');
    res.end(shopPage(candor(), url.searchParams));
  });
}

async function widgetFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#reviews iframe[src*="/widget/frame"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the widget iframe has no frame');
  return frame;
}

async function frameHeight(page: Page): Promise<number> {
  return page.$eval('#reviews iframe', (el) => el.getBoundingClientRect().height);
}

async function waitFor<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

describe('widget on another origin (Chromium)', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let browser: Browser;
  let candor: Server;
  let shop: Server;
  let stranger: Server;
  let shopOrigin: string;
  let strangerOrigin: string;
  const readerEmail = 'popup.reader@mail.example';
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
    const { merchant, product } = catalog;
    for (let i = 1; i <= 4; i++) {
      const author = await createAccount(ctx.db, {
        displayName: `Camper ${i}`,
        email: `camper${i}@mail${i}.example`,
        passwordHash: null,
        ip: `100.64.9.${i}`,
        userAgent: `Browser/${i}`,
        at: new Date('2025-01-01T00:00:00Z'),
      });
      const id = `r_e2e_${i}`;
      await insertPendingReview(ctx.db, {
        id,
        productId: product.id,
        merchantId: merchant.id,
        accountId: author.id,
        orderId: null,
        rating: 2 + (i % 4),
        title: `Review number ${i}`,
        body: `Camped ${i} nights with it. `.repeat(6).trim(),
        incentive: null,
        ip: null,
        userAgent: null,
        at: new Date(Date.UTC(2026, 4, i)),
      });
      await setReviewState(ctx.db, id, 'published', [], 0);
    }
    await createAccount(ctx.db, {
      displayName: 'Popup Reader',
      email: readerEmail,
      passwordHash: await hashPassword(TEST_PASSWORD),
      ip: '100.64.8.8',
      userAgent: 'Browser/popup',
      at: new Date('2025-01-01T00:00:00Z'),
    });
    candor = await listen(ctx.app);
    shop = await shopServer(() => candor.url);
    stranger = await shopServer(() => candor.url);
    shopOrigin = `http://localhost:${shop.port}`;
    strangerOrigin = `http://localhost:${stranger.port}`;
    await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2)', [merchant.id, shopOrigin]);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await Promise.all([candor?.close(), shop?.close(), stranger?.close()]);
    await ctx?.close();
  });

  let page: Page;
  beforeEach(async () => {
    page = await (await browser.newContext({ viewport: { width: 900, height: 700 } })).newPage();
  });
  afterEach(async () => {
    await page.context().close();
  });

  it('when a shop page on an allowed origin embeds the snippet, then the frame shows the summary and reviews', async () => {
    await page.goto(`${shopOrigin}/`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('.summary');
    expect(await frame.textContent('.big-number')).to.match(/^\d\.\d/);
    expect(await frame.$$eval('.histogram li', (items) => items.length)).to.equal(5);
    expect(await frame.$$eval('.review-title', (titles) => titles.map((t) => t.textContent))).to.include('Review number 4');
    expect(new URL(frame.url()).origin).to.equal(candor.url);
  });

  it('when the content is taller than the first box, then the iframe grows to fit it, and follows later changes', async () => {
    await page.goto(`${shopOrigin}/`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('.review');
    const contentHeight = () => frame.$eval('[data-candor-root]', (el) => Math.ceil(el.getBoundingClientRect().height));
    const fitted = await waitFor(
      'the iframe to fit its content',
      () => frameHeight(page),
      (h) => h > 400,
    );
    expect(Math.abs(fitted - (await contentHeight()))).to.be.at.most(1);
    expect(await page.$eval('#reviews iframe', (el) => getComputedStyle(el).visibility)).to.equal('visible');

    await frame.evaluate(() => {
      const extra = document.createElement('div');
      extra.className = 'test-extra';
      extra.textContent = 'more';
      extra.setAttribute('hidden', '');
      document.querySelector('[data-candor-root]')!.append(extra);
      // Grow by a known amount without inline styles (the frame's CSP forbids them): a tall list.
      for (let i = 0; i < 20; i++) document.querySelector('.review-list')!.append(document.createElement('li'));
    });
    const grown = await waitFor(
      'the iframe to grow',
      () => frameHeight(page),
      (h) => h > fitted + 100,
    );
    expect(Math.abs(grown - (await contentHeight()))).to.be.at.most(1);
  });

  it('when the dark theme and an accent are asked for, then the frame paints dark with the accent', async () => {
    await page.goto(`${shopOrigin}/?theme=dark&accent=%230a7`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('.summary');
    const colours = await frame.evaluate(() => ({
      html: getComputedStyle(document.documentElement).backgroundColor,
      body: getComputedStyle(document.body).backgroundColor,
      scheme: getComputedStyle(document.documentElement).colorScheme,
      button: getComputedStyle(document.querySelector('.button')!).backgroundColor,
    }));
    expect(colours).to.deep.equal({ html: 'rgb(22, 24, 29)', body: 'rgb(22, 24, 29)', scheme: 'dark', button: 'rgb(0, 170, 119)' });
    const element = await page.$eval('#reviews iframe', (el) => ({
      scheme: (el as { style: { colorScheme: string } }).style.colorScheme,
      background: getComputedStyle(el).backgroundColor,
    }));
    expect(element).to.deep.equal({ scheme: 'dark', background: 'rgb(22, 24, 29)' });
  });

  it('when the theme is auto, then the frame follows the reader’s dark preference', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${shopOrigin}/?theme=auto`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('.summary');
    expect(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).to.equal('rgb(22, 24, 29)');
  });

  it('when the reader writes a review in the popup, then they sign in there, post, and the widget refreshes', async () => {
    await page.goto(`${shopOrigin}/`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('[data-candor-write]');
    const [popup] = await Promise.all([page.waitForEvent('popup'), frame.click('[data-candor-write]')]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).to.equal('/signin');
    await popup.fill('input[name=email]', readerEmail);
    await popup.fill('input[name=password]', TEST_PASSWORD);
    await Promise.all([popup.waitForURL(/\/widget\/write\?/), popup.click('button[type=submit]')]);
    await popup.check('input[name=rating][value="5"]');
    await popup.fill('input[name=title]', 'Posted from the popup');
    await popup.fill('textarea[name=body]', 'Set it up in the garden first; it went up in four minutes and stayed taut all night.');
    await Promise.all([popup.waitForEvent('close'), popup.click('button[type=submit]')]);

    await waitFor(
      'the widget to refresh',
      async () => frame.url(),
      (url) => url.includes('posted='),
    );
    await frame.waitForSelector('.notice');
    const state = new URL(frame.url()).searchParams.get('posted');
    const notice = await frame.textContent('.notice');
    if (state === 'published') {
      expect(notice).to.include('Your review is published.');
      expect(await frame.$$eval('.review-title', (titles) => titles.map((t) => t.textContent))).to.include('Posted from the popup');
    } else {
      expect(state).to.equal('held');
      expect(notice).to.include('held for a moderator');
    }
  });

  it('when the reader asks a question in the popup, then they sign in there, ask, and the frame shows it with a note', async () => {
    await page.goto(`${shopOrigin}/`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('[data-candor-ask]');
    // The frame opens this popup itself (same origin as the popup), not the loader.
    const [popup] = await Promise.all([page.waitForEvent('popup'), frame.click('[data-candor-ask]')]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).to.equal('/signin');
    await popup.fill('input[name=email]', readerEmail);
    await popup.fill('input[name=password]', TEST_PASSWORD);
    await Promise.all([popup.waitForURL(/\/widget\/ask\?/), popup.click('button[type=submit]')]);
    const question = 'Does the porch take two rucksacks and two pairs of boots?';
    await popup.fill('textarea[name=body]', question);
    await Promise.all([popup.waitForEvent('close'), popup.click('button[type=submit]')]);

    await waitFor(
      'the frame to reload after the question',
      async () => frame.url(),
      (url) => url.includes('asked='),
    );
    await frame.waitForSelector('.notice');
    const state = new URL(frame.url()).searchParams.get('asked');
    const notice = await frame.textContent('.notice');
    if (state === 'published') {
      expect(notice).to.include('Your question is published');
      expect(await frame.$$eval('.question-body', (items) => items.map((q) => q.textContent))).to.include(`Q: ${question}`);
    } else {
      expect(state).to.equal('held');
      expect(notice).to.include('held for a moderator');
    }
  });

  it('when a verified buyer answers a question from the widget, then they sign in in the popup and the frame shows the answer with "Owns it"', async () => {
    const { merchant, product } = catalog;
    const asker = await createAccount(ctx.db, {
      displayName: 'Curious Camper',
      email: 'curious.camper@mail.example',
      passwordHash: null,
      ip: '100.64.7.7',
      userAgent: 'Browser/asker',
      at: new Date('2025-01-01T00:00:00Z'),
    });
    const question = 'Is the inner tent long enough for someone 1.95 m tall?';
    const asked = await askQuestion(
      { db: ctx.db, integrity: ctx.services.integrity },
      { productSlug: product.slug, body: question, post: { accountId: asker.id, ip: '100.64.7.7', userAgent: 'Browser/asker', at: ctx.services.clock() } },
    );
    expect(asked.verdict.decision).to.equal('published');
    const buyerEmail = 'tall.buyer@mail.example';
    const buyer = await createAccount(ctx.db, {
      displayName: 'Tall Buyer',
      email: buyerEmail,
      passwordHash: await hashPassword(TEST_PASSWORD),
      ip: '100.64.6.6',
      userAgent: 'Browser/buyer',
      at: new Date('2025-02-01T00:00:00Z'),
    });
    await addOrder(ctx.db, buyer.id, product.id, merchant.id, new Date('2026-03-01T00:00:00Z'));

    await page.goto(`${shopOrigin}/`);
    const frame = await widgetFrame(page);
    const button = `#question-${asked.questionId} [data-candor-answer]`;
    await frame.waitForSelector(button);
    const [popup] = await Promise.all([page.waitForEvent('popup'), frame.click(button)]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).to.equal('/signin');
    await popup.fill('input[name=email]', buyerEmail);
    await popup.fill('input[name=password]', TEST_PASSWORD);
    await Promise.all([popup.waitForURL(/\/widget\/answer\?/), popup.click('button[type=submit]')]);
    // The question survived the sign-in round trip in the address.
    expect(new URL(popup.url()).searchParams.get('question')).to.equal(asked.questionId);
    expect(await popup.textContent('main')).to.include(question);
    const answer = 'Yes: I am 1.93 m and lie flat with a few centimetres to spare at each end.';
    await popup.fill('textarea[name=body]', answer);
    await Promise.all([popup.waitForEvent('close'), popup.click('button[type=submit]')]);

    await waitFor(
      'the frame to reload after the answer',
      async () => frame.url(),
      (url) => url.includes('answered='),
    );
    expect(new URL(frame.url()).searchParams.get('answered')).to.equal('published');
    await frame.waitForSelector('.notice');
    expect(await frame.textContent('.notice')).to.include('Your answer is published');
    const shown = await frame.$$eval(`#question-${asked.questionId} .answer`, (items) =>
      items.map((item) => ({ body: item.querySelector('.answer-body')?.textContent, badge: item.querySelector('.badge')?.textContent })),
    );
    expect(shown).to.deep.include({ body: `A: ${answer}`, badge: 'Owns it' });
  });

  it('when the page’s origin is not on the merchant’s list, then Chromium refuses to render the frame', async () => {
    const frameResponse = page.waitForResponse((r) => r.url().includes('/widget/frame'));
    await page.goto(`${strangerOrigin}/`);
    const response = await frameResponse;
    expect(response.headers()['content-security-policy']).to.include(`frame-ancestors ${shopOrigin}`);
    expect(response.headers()['content-security-policy']).not.to.include(strangerOrigin);
    const handle = await page.waitForSelector('#reviews iframe', { state: 'attached' });
    // Wait for Chromium's refusal itself (the frame lands on its error page), not for a fixed time.
    await waitFor(
      'the refused frame to settle on the error page',
      async () => (await handle.contentFrame())?.url() ?? '',
      (url) => url.startsWith('chrome-error:'),
    );
    const frame = await handle.contentFrame();
    const rendered = frame ? await frame.$('.summary').catch(() => null) : null;
    expect(rendered).to.equal(null);
    expect(frame?.url() ?? '').not.to.include('/widget/frame');
    // Nothing on the stranger's page either: the loader keeps the box hidden and empty.
    expect(await frameHeight(page)).to.equal(0);
  });

  it('when a foreign window posts look-alike messages, then neither the loader nor the frame obeys them', async () => {
    await page.goto(`${shopOrigin}/?foreign=${encodeURIComponent(strangerOrigin)}`);
    const frame = await widgetFrame(page);
    await frame.waitForSelector('.review');
    const before = await waitFor(
      'the first resize',
      () => frameHeight(page),
      (h) => h > 400,
    );
    const frameUrl = frame.url();
    const foreign = await (await page.waitForSelector('#foreign')).contentFrame();
    await foreign!.waitForLoadState();
    // Every height the loader gives the frame, and every message the page and the frame receive, are logged; a
    // last "sentinel" message from each sender is queued after its look-alikes, so once the sentinels have
    // arrived, the look-alikes have been handled (no fixed sleep standing in for "nothing happened").
    await page.evaluate(() => {
      const w = window as { heights?: string[]; seen?: string[] };
      w.heights = [];
      w.seen = [];
      const iframe = document.querySelector('#reviews iframe');
      new MutationObserver(() => w.heights!.push(iframe.style.height)).observe(iframe, { attributes: true, attributeFilter: ['style'] });
      window.addEventListener('message', (event: { data: { type?: string } }) => w.seen!.push(String(event.data?.type)));
    });
    await frame.evaluate(() => {
      const w = window as { seen?: string[] };
      w.seen = [];
      window.addEventListener('message', (event: { data: { type?: string } }) => w.seen!.push(String(event.data?.type)));
    });
    // Which of the parent's child frames is the widget: a stranger can address it by index but not command it.
    const widgetIndex = await page.evaluate(() => {
      const target = document.querySelector('#reviews iframe').contentWindow;
      return Array.from({ length: window.frames.length }, (_, i) => window.frames[i]).indexOf(target);
    });
    expect(widgetIndex).to.be.at.least(0);
    await foreign!.evaluate((index: number) => {
      window.parent.postMessage({ type: 'candor:resize', height: 7 }, '*');
      window.parent.postMessage({ type: 'candor:posted', state: 'published' }, '*');
      window.parent.frames[index]!.postMessage({ type: 'candor:refresh', posted: 'published' }, '*');
      window.parent.frames[index]!.postMessage({ type: 'sentinel' }, '*');
      window.parent.postMessage({ type: 'sentinel' }, '*');
    }, widgetIndex);
    // The shop page itself is not Candor either.
    await page.evaluate(() => {
      window.postMessage({ type: 'candor:resize', height: 9 }, '*');
      window.postMessage({ type: 'sentinel' }, '*');
    });
    const seen = (where: typeof page | typeof frame) => where.evaluate(() => (window as { seen?: string[] }).seen ?? []);
    await waitFor(
      'both sentinels at the page',
      () => seen(page),
      (s) => s.filter((t) => t === 'sentinel').length === 2,
    );
    await waitFor(
      'the sentinel at the frame',
      () => seen(frame),
      (s) => s.includes('sentinel'),
    );
    const heights = await page.evaluate(() => (window as { heights?: string[] }).heights ?? []);
    expect(heights.filter((h) => h === '7px' || h === '9px')).to.deep.equal([]);
    expect(await frameHeight(page)).to.equal(before);
    expect(frame.url()).to.equal(frameUrl);
    expect(await frame.$('.notice')).to.equal(null);
  });

  it('when the merchant pastes only the snippet (no container), then the reviews appear where the script is', async () => {
    await page.goto(`${shopOrigin}/?bare=1`);
    const handle = await page.waitForSelector('script[data-candor-product] + div[data-candor-rendered] > iframe');
    const frame = await handle.contentFrame();
    await frame!.waitForSelector('.review');
    await waitFor(
      'the iframe to fit its content',
      () => handle.evaluate((el) => el.getBoundingClientRect().height),
      (h) => h > 400,
    );
    expect(await page.$eval('#reviews', (el) => el.childElementCount)).to.equal(0);
  });

  it('when the script is loaded twice or render() is called again, then each placeholder gets exactly one frame', async () => {
    await page.goto(`${shopOrigin}/?twice=1`);
    await widgetFrame(page);
    // page.goto resolved on the load event, which waits for both script tags to run: a second frame would exist now.
    expect(await page.$$eval('iframe', (frames) => frames.length)).to.equal(1);

    // An SPA adds a placeholder later and renders explicitly, twice.
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'late';
      box.dataset.candorProduct = 'STOVE';
      document.body.append(box);
      window.Candor.render();
      window.Candor.render();
    });
    const late = await (await page.waitForSelector('#late iframe')).contentFrame();
    await late!.waitForSelector('.summary');
    expect(await late!.textContent('.product-name')).to.equal('Stove');
    expect(await page.$$eval('iframe', (frames) => frames.length)).to.equal(2);
    expect(await page.$eval('#late', (el) => el.hasAttribute('data-candor-rendered'))).to.equal(true);
  });
});
