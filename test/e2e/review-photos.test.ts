import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, listen } from '../helpers/browser.js';
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';
import { createTestContext, seedCatalog, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';
import { testPhoto } from '../helpers/test-photos.js';

describe('photos with reviews in Chromium', function () {
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

  it('when a reviewer uploads a photo with GPS in its EXIF, then the tab shows its thumbnail (lazy, sized, described) and the served file has no metadata', async () => {
    const page = await (await browser.newContext()).newPage();
    await createAccount(ctx.db, {
      displayName: 'Pia Photographer',
      email: 'pia@photos.example',
      passwordHash: await hashPassword(TEST_PASSWORD),
      ip: '100.80.1.1',
      userAgent: 'Chromium',
      at: new Date(Date.now() - 90 * 86_400_000),
    });
    await page.goto(`${server.url}/signin`);
    await page.fill('input[name=email]', 'pia@photos.example');
    await page.fill('input[name=password]', TEST_PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('main button[type=submit]')]);

    const original = await testPhoto(77, { width: 2400, height: 1800, exif: true });
    expect((await sharp(original).metadata()).exif?.toString('latin1')).to.include('CandorTestCam');
    await page.goto(`${server.url}/products/${catalog.product.slug}/reviews/new`);
    await page.check('input[name=rating][value="5"]', { force: true });
    await page.fill('input[name=title]', 'Photo from the lake');
    await page.fill('textarea[name=body]', 'Pitched it by the lake in ten minutes and it kept the wind out all night.');
    await page.setInputFiles('input[name=photos]', { name: 'lake.jpg', mimeType: 'image/jpeg', buffer: original });
    await page.click('summary:has-text("Describe your photos")');
    await page.fill('input[name=photoAlt1]', 'The tent by the lake at sunrise');
    await Promise.all([page.waitForURL((url) => url.pathname === `/products/${catalog.product.slug}/reviews`), page.click('button:has-text("Post review")')]);

    const thumb = page.locator('.review-photos img');
    await thumb.waitFor();
    expect(await thumb.getAttribute('alt')).to.equal('The tent by the lake at sunrise');
    expect(await thumb.getAttribute('loading')).to.equal('lazy');
    expect([await thumb.getAttribute('width'), await thumb.getAttribute('height')]).to.deep.equal(['320', '240']);
    // The browser really loaded and decoded it.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.review-photos img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).to.equal(320);

    // What the browser received, for the thumbnail and the size the link opens: WebP with no EXIF, GPS or camera.
    for (const src of [await thumb.getAttribute('src'), await page.locator('.review-photos a').getAttribute('href')]) {
      const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), src);
      const served = Buffer.from(bytes);
      const meta = await sharp(served).metadata();
      expect(meta.format).to.equal('webp');
      expect(meta.exif).to.equal(undefined);
      expect(served.toString('latin1')).to.not.include('CandorTestCam');
    }
  });
});
