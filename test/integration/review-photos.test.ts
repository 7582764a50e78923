import { expect } from 'chai';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import sharp from 'sharp';
import request from 'supertest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { preparePhotos } from '../../server/reviews/review-photos.js';
import { submitReview } from '../../server/reviews/submit-review.js';
import { createTestContext, seedCatalog, signedInAgent, TEST_PASSWORD, type TestContext } from '../helpers/test-app.js';
import { testPhoto } from '../helpers/test-photos.js';

// ajv-formats is CommonJS with a default export; under ESM interop it can arrive wrapped once.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const BODY = 'Pitched it in the rain on the first night and it stayed completely dry inside.';

describe('photos with reviews', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;

  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());

  const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n;

  type Person = Awaited<ReturnType<typeof signedInAgent>>;
  type Photo = { data: Buffer; name: string; type: string };

  /** Posts the review form as a browser does with photos chosen (multipart/form-data). */
  async function postWithPhotos(person: Person, photos: Photo[], fields: Record<string, string> = {}, slug = catalog.product.slug, accept = 'text/html') {
    let req = person.agent
      .post(`/products/${slug}/reviews`)
      .set('Accept', accept)
      .field('_csrf', await person.csrf())
      .field('rating', '4')
      .field('title', fields.title ?? 'Dry all night')
      .field('body', fields.body ?? BODY);
    for (const [name, value] of Object.entries(fields)) if (name !== 'title' && name !== 'body') req = req.field(name, value);
    for (const photo of photos) req = req.attach('photos', photo.data, { filename: photo.name, contentType: photo.type });
    return req;
  }

  const photoRows = (accountId: string) =>
    ctx.db.query<{ id: string; alt: string; phash: string; review_id: string }>(
      'SELECT p.id, p.alt, p.phash, p.review_id FROM review_photos p JOIN reviews r ON r.id = p.review_id WHERE r.account_id = $1 ORDER BY p.position',
      [accountId],
    );

  it('when a JPEG with EXIF and GPS is posted, then the served photo and thumbnail are WebP without any metadata, at their sizes', async () => {
    const person = await signedInAgent(ctx);
    const original = await testPhoto(1, { width: 2000, height: 1500, exif: true });
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).to.include('CandorTestCam');

    const res = await postWithPhotos(person, [{ data: original, name: 'tent.jpg', type: 'image/jpeg' }], { photoAlt1: 'The tent pitched by a lake' });
    expect(res.status).to.equal(303);
    const [row] = (await photoRows(person.account.id)).rows;
    expect(row!.alt).to.equal('The tent pitched by a lake');

    for (const [variant, width, height] of [
      ['display', 1600, 1200],
      ['thumb', 320, 240],
    ] as const) {
      const served = await person.agent.get(`/photos/${row!.id}/${variant}.webp`).buffer(true);
      expect(served.status).to.equal(200);
      expect(served.headers['content-type']).to.equal('image/webp');
      expect(served.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
      expect(served.headers['cross-origin-resource-policy']).to.equal('cross-origin');
      const meta = await sharp(served.body as Buffer).metadata();
      expect(meta.format).to.equal('webp');
      expect([meta.width, meta.height]).to.deep.equal([width, height]);
      expect(meta.exif, 'no EXIF block').to.equal(undefined);
      expect(meta.xmp, 'no XMP block').to.equal(undefined);
      expect(meta.icc, 'no ICC profile').to.equal(undefined);
      expect((served.body as Buffer).toString('latin1')).to.not.include('CandorTestCam');
    }

    const tab = (await ctx.app.request) ? null : null;
    expect(tab).to.equal(null);
    const page = await person.agent.get(`/products/${catalog.product.slug}/reviews`);
    expect(page.text).to.include(`src="/photos/${row!.id}/thumb.webp"`);
    expect(page.text).to.match(new RegExp(`<img src="/photos/${row!.id}/thumb.webp" alt="The tent pitched by a lake" width="320" height="240" loading="lazy"`));
  });

  it('when the public API lists the product’s reviews, then each published review carries its photos’ absolute addresses, sizes and alt text, as the OpenAPI document says', async () => {
    const res = await request(ctx.app).get(`/api/v1/merchants/${catalog.merchant.id}/products/${catalog.product.sku}/reviews`);
    expect(res.status).to.equal(200);
    const withPhoto = (res.body.reviews as { photos: Record<string, unknown>[] }[]).find((r) => r.photos.length > 0);
    expect(withPhoto!.photos[0]).to.deep.include({ width: 1600, height: 1200, thumbnail_width: 320, thumbnail_height: 240, alt: 'The tent pitched by a lake' });
    expect(withPhoto!.photos[0]!.url).to.match(/^http:\/\/127\.0\.0\.1:3000\/photos\/ph_[a-z0-9]+\/display\.webp$/);
    const doc = await request(ctx.app).get('/api/openapi.json');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc.body, 'candor');
    const validate = ajv.getSchema('candor#/components/schemas/ReviewList')!;
    expect(validate(res.body), ajv.errorsText(validate.errors)).to.equal(true);
  });

  it('when a photo has no description, then its alt text names the review, escaped like every user text', async () => {
    const person = await signedInAgent(ctx);
    const res = await postWithPhotos(
      person,
      [
        { data: await testPhoto(2), name: 'a.png', type: 'image/png' },
        { data: await testPhoto(3, { format: 'webp' }), name: 'b.webp', type: 'image/webp' },
      ],
      { title: 'Dry <b>all</b> night' },
      catalog.other.slug,
    );
    expect(res.status).to.equal(303);
    const rows = (await photoRows(person.account.id)).rows;
    expect(rows.map((r) => r.alt)).to.deep.equal([
      'Photo 1 of 2 with the review “Dry <b>all</b> night”',
      'Photo 2 of 2 with the review “Dry <b>all</b> night”',
    ]);
    const page = await person.agent.get(`/products/${catalog.other.slug}/reviews`);
    expect(page.text).to.include('alt="Photo 1 of 2 with the review “Dry &lt;b&gt;all&lt;/b&gt; night”"');
    expect(page.text).to.not.include('<b>all</b>');
  });

  it('when the author exports their account, then their photos are listed with descriptions and hashes, without bytes', async () => {
    const person = await signedInAgent(ctx);
    expect(
      (await postWithPhotos(person, [{ data: await testPhoto(70), name: 'e.jpg', type: 'image/jpeg' }], { photoAlt1: 'My export photo' })).status,
    ).to.equal(303);
    const res = await person.agent
      .post(`/accounts/${person.account.id}/export`)
      .type('form')
      .send({ _csrf: await person.csrf(), currentPassword: TEST_PASSWORD });
    expect(res.status).to.equal(200);
    const data = JSON.parse(res.text) as { data: Record<string, Record<string, unknown>[]> };
    expect(data.data.review_photos).to.have.length(1);
    expect(data.data.review_photos![0]).to.include({ alt: 'My export photo', position: 1 });
    expect(data.data.review_photos![0]).to.not.have.any.keys('display_data', 'thumb_data');
  });

  it('when the author deletes the account and asks for the content to go, then the photos and their descriptions are deleted', async () => {
    const person = await signedInAgent(ctx);
    expect((await postWithPhotos(person, [{ data: await testPhoto(71), name: 'd.jpg', type: 'image/jpeg' }], { photoAlt1: 'Soon gone' })).status).to.equal(303);
    const [photo] = (await photoRows(person.account.id)).rows;
    const res = await person.agent
      .post('/account/delete')
      .type('form')
      .send({ _csrf: await person.csrf(), currentPassword: TEST_PASSWORD, confirm: 'DELETE', removeContent: 'on' });
    expect(res.status).to.equal(303);
    expect(await count('SELECT count(*)::int AS n FROM review_photos WHERE id = $1', [photo!.id])).to.equal(0);
    expect(await count(`SELECT count(*)::int AS n FROM review_photos WHERE alt = 'Soon gone'`)).to.equal(0);
    expect((await request(ctx.app).get(`/photos/${photo!.id}/thumb.webp`)).status).to.equal(404);
  });

  it('when a photo description is longer than 200 characters, then the form comes back with 422, the text kept, and nothing is stored', async () => {
    const person = await signedInAgent(ctx);
    const res = await postWithPhotos(person, [{ data: await testPhoto(8), name: 'a.jpg', type: 'image/jpeg' }], { photoAlt1: 'x'.repeat(201) });
    expect(res.status).to.equal(422);
    expect(res.text).to.include('The description of photo 1 must be at most 200 characters.');
    expect(res.text).to.include('Choose your photos again');
    expect(res.text).to.include('value="Dry all night"');
    expect(await count('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [person.account.id])).to.equal(0);
  });

  describe('bad files get a clear 4xx and nothing is stored', () => {
    const cases: { name: string; status: number; message: RegExp; photos: () => Promise<Photo[]> }[] = [
      {
        name: 'a text file renamed to .jpg',
        status: 415,
        message: /not a photo we can read/,
        photos: async () => [{ data: Buffer.from('this is not a picture at all, just words\n'.repeat(20)), name: 'notes.jpg', type: 'image/jpeg' }],
      },
      {
        name: 'a GIF (not an accepted format)',
        status: 415,
        message: /is a GIF file/,
        photos: async () => [{ data: await testPhoto(4, { format: 'gif', width: 200, height: 150 }), name: 'anim.gif', type: 'image/gif' }],
      },
      {
        name: 'a file over 8 MB',
        status: 413,
        message: /at most 8 MB/,
        photos: async () => [{ data: Buffer.concat([await testPhoto(5), Buffer.alloc(8 * 1024 * 1024)]), name: 'huge.jpg', type: 'image/jpeg' }],
      },
      {
        name: 'a picture of more than 40 megapixels',
        status: 422,
        message: /more than 40 megapixels/,
        photos: async () => [
          {
            data: await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#808080' } })
              .png({ compressionLevel: 9 })
              .toBuffer(),
            name: 'bomb.png',
            type: 'image/png',
          },
        ],
      },
      {
        name: 'six photos',
        status: 413,
        message: /at most 5 photos/,
        photos: async () =>
          Promise.all(
            [10, 11, 12, 13, 14, 15].map(async (seed) => ({
              data: await testPhoto(seed, { width: 300, height: 200 }),
              name: `${seed}.jpg`,
              type: 'image/jpeg',
            })),
          ),
      },
      {
        name: 'a truncated JPEG',
        status: 422,
        message: /damaged or incomplete/,
        photos: async () => {
          const whole = await testPhoto(6);
          return [{ data: whole.subarray(0, Math.floor(whole.length / 2)), name: 'cut.jpg', type: 'image/jpeg' }];
        },
      },
      {
        name: 'a good photo followed by a bad one',
        status: 415,
        message: /“second.jpg” is not a photo/,
        photos: async () => [
          { data: await testPhoto(7), name: 'first.jpg', type: 'image/jpeg' },
          { data: Buffer.from('GIF89a? no, just text'), name: 'second.jpg', type: 'image/jpeg' },
        ],
      },
    ];
    for (const c of cases) {
      it(`when the upload is ${c.name}, then the answer is ${c.status} with a message and no review or photo is stored`, async () => {
        const person = await signedInAgent(ctx);
        const photosBefore = await count('SELECT count(*)::int AS n FROM review_photos');
        const res = await postWithPhotos(person, await c.photos());
        expect(res.status).to.equal(c.status);
        expect(res.text).to.match(c.message);
        expect(await count('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [person.account.id])).to.equal(0);
        expect(await count('SELECT count(*)::int AS n FROM review_photos')).to.equal(photosBefore);
        // JSON clients get the same status and message as JSON.
        const json = await postWithPhotos(person, await c.photos(), {}, catalog.product.slug, 'application/json');
        expect(json.status).to.equal(c.status);
        expect(json.body.error).to.match(c.message);
      });
    }
  });

  it('when a held review has photos, then only its author and moderators see them, never cached, and anyone else gets a 404', async () => {
    // Declared staff reviewing their own merchant's product are held as insiders.
    const staff = await signedInAgent(ctx, { staffOf: catalog.merchant.id });
    const res = await postWithPhotos(staff, [{ data: await testPhoto(20), name: 'mine.jpg', type: 'image/jpeg' }]);
    expect(res.status).to.equal(303);
    const status = (await ctx.db.query<{ status: string }>('SELECT status FROM reviews WHERE account_id = $1', [staff.account.id])).rows[0]!.status;
    expect(status).to.equal('held');
    const [photo] = (await photoRows(staff.account.id)).rows;
    const url = `/photos/${photo!.id}/thumb.webp`;

    const stranger = await signedInAgent(ctx);
    expect((await stranger.agent.get(url)).status).to.equal(404);
    const anonymous = await request(ctx.app).get(url);
    expect(anonymous.status).to.equal(404);

    const own = await staff.agent.get(url);
    expect(own.status).to.equal(200);
    expect(own.headers['cache-control']).to.equal('private, no-store');
    expect(own.headers['cross-origin-resource-policy']).to.equal('same-origin');
    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    const seen = await moderator.agent.get(`/photos/${photo!.id}/display.webp`);
    expect(seen.status).to.equal(200);
    expect(seen.headers['cache-control']).to.equal('private, no-store');
    // The console's evidence page shows the moderator the held review's photos.
    const reviewId = (await ctx.db.query<{ id: string }>('SELECT id FROM reviews WHERE account_id = $1', [staff.account.id])).rows[0]!.id;
    const item = await moderator.agent.get(`/console/items/review/${reviewId}`);
    expect(item.text).to.include(`src="/photos/${photo!.id}/thumb.webp"`);

    // The public tab does not show the held review's photo.
    const page = await stranger.agent.get(`/products/${catalog.product.slug}/reviews`);
    expect(page.text).to.not.include(photo!.id);
  });

  it('when an unknown photo or size is asked for, then the answer is 404', async () => {
    const person = await signedInAgent(ctx);
    expect((await person.agent.get('/photos/ph_doesnotexist/thumb.webp')).status).to.equal(404);
    expect((await person.agent.get('/photos/ph_doesnotexist/original.jpg')).status).to.equal(404);
  });

  it('when the multipart form carries no CSRF token, then it is refused with 403 and nothing is stored', async () => {
    const person = await signedInAgent(ctx);
    const res = await person.agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .field('rating', '4')
      .field('title', 'No token')
      .field('body', BODY)
      .attach('photos', await testPhoto(30), { filename: 'x.jpg', contentType: 'image/jpeg' });
    expect(res.status).to.equal(403);
    expect(await count('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [person.account.id])).to.equal(0);
  });

  it('when another account posts the same photo (resized and re-encoded), then the check records same-photo evidence naming the first review', async () => {
    const first = await signedInAgent(ctx);
    const second = await signedInAgent(ctx);
    const third = await signedInAgent(ctx);
    const original = await testPhoto(40, { width: 1600, height: 1200 });
    expect((await postWithPhotos(first, [{ data: original, name: 'p.jpg', type: 'image/jpeg' }], {}, catalog.other.slug)).status).to.equal(303);
    const firstReview = (await photoRows(first.account.id)).rows[0]!.review_id;

    const copy = await sharp(original).resize(800, 600).png().toBuffer();
    expect(
      (
        await postWithPhotos(
          second,
          [{ data: copy, name: 'copy.png', type: 'image/png' }],
          {
            title: 'Good stove for the price',
            body: 'Boils water in four minutes and packs down small enough for a day pack.',
          },
          catalog.other.slug,
        )
      ).status,
    ).to.equal(303);
    const verdict = async (accountId: string) =>
      (
        await ctx.db.query<{ reasons: { signal: string; label: string; evidence: Record<string, unknown> }[] }>(
          'SELECT v.reasons FROM verdicts v JOIN reviews r ON r.id = v.target_id WHERE r.account_id = $1 ORDER BY v.id DESC LIMIT 1',
          [accountId],
        )
      ).rows[0]!.reasons;
    const samePhoto = (await verdict(second.account.id)).find((r) => r.signal === 'same-photo');
    expect(samePhoto, 'same-photo evidence').to.not.equal(undefined);
    expect((await verdict(second.account.id)).filter((r) => r.signal === 'same-photo').map((r) => r.label)).to.deep.equal(['sockpuppet', 'paid']);
    expect(samePhoto!.evidence.reviews).to.deep.equal([firstReview]);
    expect(samePhoto!.evidence.accounts).to.deep.equal([first.account.id]);

    // A different photo from a third account is not evidence.
    expect((await postWithPhotos(third, [{ data: await testPhoto(41), name: 'own.jpg', type: 'image/jpeg' }], {}, catalog.other.slug)).status).to.equal(303);
    expect((await verdict(third.account.id)).some((r) => r.signal === 'same-photo')).to.equal(false);
  });

  it('when an account posts its own photo again with a review of another product, then the check records photo-reused duplicate evidence', async () => {
    const person = await signedInAgent(ctx);
    const photo = await testPhoto(45, { width: 1000, height: 750 });
    expect((await postWithPhotos(person, [{ data: photo, name: 'a.jpg', type: 'image/jpeg' }], {}, catalog.other.slug)).status).to.equal(303);
    const firstReview = (await photoRows(person.account.id)).rows[0]!.review_id;
    const again = await postWithPhotos(
      person,
      [{ data: photo, name: 'a.jpg', type: 'image/jpeg' }],
      { title: 'Packs small', body: 'Folds into its own pocket and weighs next to nothing in the pack.' },
      catalog.product.slug,
    );
    expect(again.status).to.equal(303);
    const reasons = (
      await ctx.db.query<{ reasons: { signal: string; label: string; evidence: Record<string, unknown> }[] }>(
        `SELECT v.reasons FROM verdicts v JOIN reviews r ON r.id = v.target_id WHERE r.account_id = $1 AND r.product_id = $2`,
        [person.account.id, catalog.product.id],
      )
    ).rows[0]!.reasons;
    const reused = reasons.find((r) => r.signal === 'photo-reused');
    expect(reused?.label).to.equal('duplicate');
    expect(reused?.evidence.reviews).to.deep.equal([firstReview]);
    expect(
      reasons.some((r) => r.signal === 'same-photo'),
      'the author is not another account',
    ).to.equal(false);
  });

  it('when a review with a photo is posted from the widget popup, then the widget frame shows its thumbnail lazily with alt text', async () => {
    await ctx.db.query('INSERT INTO merchant_embed_origins (merchant_id, origin) VALUES ($1, $2)', [catalog.merchant.id, 'https://shop.example']);
    const person = await signedInAgent(ctx);
    const write = `/widget/write?${new URLSearchParams({ merchant: catalog.merchant.id, product: catalog.product.sku, origin: 'https://shop.example' })}`;
    const form = await person.agent.get(write).expect(200);
    expect(form.text).to.include('enctype="multipart/form-data"');
    expect(form.text).to.include('name="photos"');
    const res = await person.agent
      .post(write)
      .field('_csrf', await person.csrf())
      .field('rating', '5')
      .field('title', 'Sturdy and light')
      .field('body', 'Pitched it in the rain in five minutes; stayed dry all night.')
      .field('photoAlt1', 'Tent at dusk')
      .attach('photos', await testPhoto(50, { width: 900, height: 1200 }), { filename: 'dusk.jpg', contentType: 'image/jpeg' });
    expect(res.status).to.equal(201);
    const [photo] = (await photoRows(person.account.id)).rows;
    const frame = await person.agent.get(`/widget/frame?${new URLSearchParams({ merchant: catalog.merchant.id, product: catalog.product.sku })}`);
    expect(frame.text).to.include(`<img src="/photos/${photo!.id}/thumb.webp" alt="Tent at dusk" width="240" height="320" loading="lazy" decoding="async">`);
  });
});

describe('photos kept in a directory', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'candor-photos-'));
    ctx = await createTestContext({ env: { CANDOR_PHOTO_STORAGE: 'directory', CANDOR_PHOTO_DIR: dir } });
    catalog = await seedCatalog(ctx.db);
  });
  after(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query<{ n: number }>(sql, params)).rows[0]!.n;
  const filesIn = async (): Promise<string[]> => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.webp')).sort();

  it('when CANDOR_PHOTO_STORAGE=directory, then the files are written there, the row keeps no bytes, and the photo is served', async () => {
    const person = await signedInAgent(ctx);
    const res = await person.agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .field('_csrf', await person.csrf())
      .field('rating', '3')
      .field('title', 'Kept on disk')
      .field('body', BODY)
      .attach('photos', await testPhoto(60), { filename: 'disk.jpg', contentType: 'image/jpeg' });
    expect(res.status).to.equal(303);
    const row = (
      await ctx.db.query<{ id: string; stored_in: string; bytes: boolean }>(
        'SELECT id, stored_in, (display_data IS NOT NULL OR thumb_data IS NOT NULL) AS bytes FROM review_photos',
      )
    ).rows[0]!;
    expect(row.stored_in).to.equal('directory');
    expect(row.bytes).to.equal(false);
    expect((await filesIn()).map((f) => path.basename(f))).to.deep.equal([`${row.id}-display.webp`, `${row.id}-thumb.webp`]);
    const served = await person.agent.get(`/photos/${row.id}/thumb.webp`).buffer(true);
    expect(served.status).to.equal(200);
    expect((await sharp(served.body as Buffer).metadata()).width).to.equal(320);
  });

  it('when the post is refused (a second review of the product), then no photo file is written', async () => {
    const person = await signedInAgent(ctx);
    const post = async (seed: number) =>
      person.agent
        .post(`/products/${catalog.other.slug}/reviews`)
        .field('_csrf', await person.csrf())
        .field('rating', '3')
        .field('title', 'Kept on disk')
        .field('body', BODY)
        .attach('photos', await testPhoto(seed), { filename: 'disk.jpg', contentType: 'image/jpeg' });
    expect((await post(61)).status).to.equal(303);
    const before = await filesIn();
    expect((await post(62)).status).to.equal(409);
    expect(await filesIn()).to.deep.equal(before);
  });

  it('when the check fails after the photo files were written, then the transaction rolls back and the files are removed', async () => {
    const person = await signedInAgent(ctx);
    const before = await filesIn();
    const photos = await preparePhotos([{ name: 'a.jpg', data: await testPhoto(63) }], [null], 'Broken check');
    // The text model is a port the check calls after the photos are stored; one that fails aborts the post.
    const brokenModel = {
      version: 'broken',
      score: (): number => {
        throw new Error('the text model failed');
      },
    };
    // Counts what reached the directory, so the test knows the files existed before they were removed.
    const real = ctx.services.photoFiles!;
    let written = 0;
    const photoFiles = {
      ...real,
      write: async (...args: Parameters<typeof real.write>) => {
        written++;
        await real.write(...args);
      },
    };
    let error: unknown = null;
    try {
      await submitReview(
        { db: ctx.db, integrity: { ...ctx.services.integrity, currentModel: () => brokenModel }, photoFiles },
        {
          productId: catalog.product.id,
          draft: { rating: 4, title: 'Broken check', body: BODY, incentive: null },
          post: { accountId: person.account.id, ip: '100.70.1.1', userAgent: 'Test', at: new Date('2026-06-01T12:00:00Z') },
          photos,
        },
      );
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).to.include('the text model failed');
    expect(written).to.equal(2);
    expect(await filesIn()).to.deep.equal(before);
    expect(await count('SELECT count(*)::int AS n FROM reviews WHERE account_id = $1', [person.account.id])).to.equal(0);
  });

  it('when the author deletes the account with its content, then the photo files leave the directory too', async () => {
    const person = await signedInAgent(ctx);
    const before = await filesIn();
    const res = await person.agent
      .post(`/products/${catalog.product.slug}/reviews`)
      .field('_csrf', await person.csrf())
      .field('rating', '3')
      .field('title', 'Kept on disk')
      .field('body', BODY)
      .attach('photos', await testPhoto(64), { filename: 'disk.jpg', contentType: 'image/jpeg' });
    expect(res.status).to.equal(303);
    expect((await filesIn()).length).to.equal(before.length + 2);
    const deleted = await person.agent
      .post('/account/delete')
      .type('form')
      .send({ _csrf: await person.csrf(), currentPassword: TEST_PASSWORD, confirm: 'DELETE', removeContent: 'on' });
    expect(deleted.status).to.equal(303);
    expect(await filesIn()).to.deep.equal(before);
  });

  it('when the photo directory cannot be written, then start-up stops with one line naming CANDOR_PHOTO_DIR', async () => {
    const file = path.join(dir, 'not-a-directory');
    await writeFile(file, 'x');
    expect(() => loadConfig({ CANDOR_PHOTO_STORAGE: 'directory', CANDOR_PHOTO_DIR: path.join(file, 'photos') })).to.throw(
      ConfigError,
      /^Invalid configuration: CANDOR_PHOTO_DIR .* is not a writable directory/,
    );
    expect(() => loadConfig({ CANDOR_PHOTO_STORAGE: 'disk' })).to.throw(ConfigError, /CANDOR_PHOTO_STORAGE/);
    expect(loadConfig({}).photos).to.deep.equal({ storage: 'database' });
  });
});
