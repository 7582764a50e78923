import { expect } from 'chai';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestContext, seedCatalog, signedInAgent, type TestContext } from '../helpers/test-app.js';
import { testPhoto } from '../helpers/test-photos.js';
import { moderator, versionOf } from './console-fixtures.js';

const BODY = 'Pitched it in the rain on the first night and it stayed completely dry inside.';

type Person = Awaited<ReturnType<typeof signedInAgent>>;
type Photo = { data: Buffer; name: string; type: string };

const jpeg = async (seed: number): Promise<Photo> => ({ data: await testPhoto(seed, { width: 400, height: 300 }), name: `${seed}.jpg`, type: 'image/jpeg' });

/** The whole flow for one storage mode: posting, then editing the review's photos on its edit page. */
function photoEditing(ctx: () => TestContext, catalog: () => Awaited<ReturnType<typeof seedCatalog>>) {
  const db = () => ctx().db;
  const count = async (sql: string, params: unknown[] = []) => (await db().query<{ n: number }>(sql, params)).rows[0]!.n;
  const photosOf = async (reviewId: string) =>
    (
      await db().query<{ id: string; position: number; alt: string }>('SELECT id, position, alt FROM review_photos WHERE review_id = $1 ORDER BY position', [
        reviewId,
      ])
    ).rows;

  /** Posts a review with these photos and returns its id. */
  async function post(person: Person, photos: Photo[]): Promise<string> {
    let req = person.agent
      .post(`/products/${catalog().product.slug}/reviews`)
      .field('_csrf', await person.csrf())
      .field('rating', '4')
      .field('title', 'Dry all night')
      .field('body', BODY);
    for (const photo of photos) req = req.attach('photos', photo.data, { filename: photo.name, contentType: photo.type });
    const res = await req;
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    return (await db().query<{ id: string }>('SELECT id FROM reviews WHERE account_id = $1', [person.account.id])).rows[0]!.id;
  }

  /** Sends the edit form as a browser does (multipart), with boxes ticked and files chosen. */
  async function edit(person: Person, reviewId: string, change: { remove?: string[]; add?: Photo[]; alts?: string[]; body?: string }) {
    let req = person.agent
      .post(`/reviews/${reviewId}`)
      .set('Accept', 'text/html')
      .field('_csrf', await person.csrf())
      .field('rating', '4')
      .field('title', 'Dry all night')
      .field('body', change.body ?? BODY);
    for (const id of change.remove ?? []) req = req.field('removePhoto', id);
    for (const [i, alt] of (change.alts ?? []).entries()) req = req.field(`photoAlt${i + 1}`, alt);
    for (const photo of change.add ?? []) req = req.attach('photos', photo.data, { filename: photo.name, contentType: photo.type });
    return req;
  }

  it('when the author adds photos on the edit page, then they follow the kept ones, the version goes up and the edit is re-checked', async () => {
    const person = await signedInAgent(ctx());
    const reviewId = await post(person, [await jpeg(101)]);
    const before = await versionOf(ctx(), reviewId);
    const page = await person.agent.get(`/reviews/${reviewId}/edit`).expect(200);
    const [first] = await photosOf(reviewId);
    expect(page.text).to.include('enctype="multipart/form-data"');
    expect(page.text).to.include(`<img src="/photos/${first!.id}/thumb.webp"`);
    expect(page.text).to.include(`name="removePhoto" value="${first!.id}"`);
    expect(page.text).to.match(/Add up to 4 more photos/);

    const res = await edit(person, reviewId, { add: [await jpeg(102), await jpeg(103)], alts: ['The porch at dawn'] });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const after = await photosOf(reviewId);
    expect(after.map((p) => p.position)).to.deep.equal([1, 2, 3]);
    expect(after[0]!.id).to.equal(first!.id);
    expect(after[1]!.alt).to.equal('The porch at dawn');
    expect(after[2]!.alt).to.match(/^Photo 2 of 2 with the review/);
    expect(await versionOf(ctx(), reviewId)).to.be.greaterThan(before);
    const verdicts = await count(`SELECT count(*)::int AS n FROM verdicts WHERE target_kind = 'review' AND target_id = $1 AND trigger = 'edit'`, [reviewId]);
    expect(verdicts, 'the edit went through the pipeline').to.equal(1);
    const thumb = await person.agent.get(`/photos/${after[2]!.id}/thumb.webp`).buffer(true);
    expect(thumb.status).to.equal(200);
    expect(thumb.headers['content-type']).to.equal('image/webp');
  });

  it('when the author removes a photo, then it is gone (404), the others close the gap, and the version goes up', async () => {
    const person = await signedInAgent(ctx());
    const reviewId = await post(person, [await jpeg(111), await jpeg(112), await jpeg(113)]);
    const [a, b, c] = await photosOf(reviewId);
    const before = await versionOf(ctx(), reviewId);
    const res = await edit(person, reviewId, { remove: [b!.id] });
    expect(res.status).to.equal(303);
    expect((await photosOf(reviewId)).map((p) => [p.id, p.position])).to.deep.equal([
      [a!.id, 1],
      [c!.id, 2],
    ]);
    expect((await person.agent.get(`/photos/${b!.id}/thumb.webp`)).status).to.equal(404);
    expect(await versionOf(ctx(), reviewId)).to.be.greaterThan(before);
    // Removing two and adding one in the same edit works too.
    const both = await edit(person, reviewId, { remove: [a!.id, c!.id], add: [await jpeg(114)] });
    expect(both.status).to.equal(303);
    const left = await photosOf(reviewId);
    expect(left).to.have.length(1);
    expect(left[0]!.position).to.equal(1);
    expect([a!.id, c!.id]).not.to.include(left[0]!.id);
  });

  it('when the edit would leave more than 5 photos, then it is refused with 413 and nothing changes (photos, text, version)', async () => {
    const person = await signedInAgent(ctx());
    const reviewId = await post(person, await Promise.all([121, 122, 123, 124].map(jpeg)));
    const before = {
      photos: await photosOf(reviewId),
      version: await versionOf(ctx(), reviewId),
      all: await count('SELECT count(*)::int AS n FROM review_photos'),
    };
    const res = await edit(person, reviewId, { add: [await jpeg(125), await jpeg(126)], body: `${BODY} Edited text that must not be saved.` });
    expect(res.status).to.equal(413);
    expect(res.text).to.include('it keeps 4, so you can add 1 more');
    expect(res.text, 'the form comes back with the photos it has').to.include(`name="removePhoto" value="${before.photos[0]!.id}"`);
    expect(await photosOf(reviewId)).to.deep.equal(before.photos);
    expect(await versionOf(ctx(), reviewId)).to.equal(before.version);
    expect(await count('SELECT count(*)::int AS n FROM review_photos')).to.equal(before.all);
    const body = (await db().query<{ body: string }>('SELECT body FROM reviews WHERE id = $1', [reviewId])).rows[0]!.body;
    expect(body).to.equal(BODY);
    // One removed makes room for the one extra: 4 - 1 + 2 = 5 is allowed.
    const ok = await edit(person, reviewId, { remove: [before.photos[0]!.id], add: [await jpeg(125), await jpeg(126)] });
    expect(ok.status).to.equal(303);
    expect((await photosOf(reviewId)).map((p) => p.position)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it("when someone edits another person's review, or removes another review's photo, then it is refused and nothing is stored", async () => {
    const author = await signedInAgent(ctx());
    const reviewId = await post(author, [await jpeg(131)]);
    const [photo] = await photosOf(reviewId);
    const other = await signedInAgent(ctx());
    const otherReview = await post(other, [await jpeg(132)]);
    const before = { all: await count('SELECT count(*)::int AS n FROM review_photos'), version: await versionOf(ctx(), reviewId) };

    expect((await other.agent.get(`/reviews/${reviewId}/edit`)).status).to.equal(403);
    const adding = await edit(other, reviewId, { add: [await jpeg(133)] });
    expect(adding.status).to.equal(403);
    const removing = await edit(other, reviewId, { remove: [photo!.id] });
    expect(removing.status).to.equal(403);
    // Their own review's form, naming the author's photo: not one of this review's photos.
    const crafted = await edit(other, otherReview, { remove: [photo!.id] });
    expect(crafted.status).to.equal(422);
    expect(crafted.text).to.include('not one of this review’s photos');

    expect(await count('SELECT count(*)::int AS n FROM review_photos')).to.equal(before.all);
    expect(await photosOf(reviewId)).to.have.length(1);
    expect(await versionOf(ctx(), reviewId)).to.equal(before.version);
  });

  for (const bad of [
    { name: 'a truncated JPEG', status: 422, file: async () => ({ ...(await jpeg(141)), data: (await jpeg(141)).data.subarray(0, 2000) }) },
    { name: 'a text file named .jpg', status: 415, file: async () => ({ data: Buffer.from('not a photo at all'), name: 'note.jpg', type: 'image/jpeg' }) },
  ]) {
    it(`when the edit adds ${bad.name}, then it answers ${bad.status} and nothing is stored or changed`, async () => {
      const person = await signedInAgent(ctx());
      const reviewId = await post(person, [await jpeg(142)]);
      const before = {
        photos: await photosOf(reviewId),
        version: await versionOf(ctx(), reviewId),
        all: await count('SELECT count(*)::int AS n FROM review_photos'),
      };
      const res = await edit(person, reviewId, { remove: [before.photos[0]!.id], add: [await bad.file()] });
      expect(res.status).to.equal(bad.status);
      expect(await photosOf(reviewId)).to.deep.equal(before.photos);
      expect(await versionOf(ctx(), reviewId)).to.equal(before.version);
      expect(await count('SELECT count(*)::int AS n FROM review_photos')).to.equal(before.all);
    });
  }

  it('when a moderator decides on the version before a photo edit, then the decision gets 409', async () => {
    const person = await signedInAgent(ctx());
    const reviewId = await post(person, [await jpeg(151)]);
    const mod = await moderator(ctx());
    const seen = await versionOf(ctx(), reviewId);
    expect((await edit(person, reviewId, { add: [await jpeg(152)] })).status).to.equal(303);
    const res = await mod.agent
      .post(`/console/items/review/${reviewId}/decision`)
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: await mod.csrf(), action: 'remove', version: String(seen), reason: 'offensive' });
    expect(res.status).to.equal(409);
    expect(await photosOf(reviewId)).to.have.length(2);
  });

  return { post, edit, photosOf };
}

describe('editing the photos of a posted review', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  before(async () => {
    ctx = await createTestContext();
    catalog = await seedCatalog(ctx.db);
  });
  after(() => ctx.close());
  photoEditing(
    () => ctx,
    () => catalog,
  );
});

describe('editing the photos of a posted review, photos kept in a directory', () => {
  let ctx: TestContext;
  let catalog: Awaited<ReturnType<typeof seedCatalog>>;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'candor-photo-edits-'));
    ctx = await createTestContext({ env: { CANDOR_PHOTO_STORAGE: 'directory', CANDOR_PHOTO_DIR: dir } });
    catalog = await seedCatalog(ctx.db);
  });
  after(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });
  const flow = photoEditing(
    () => ctx,
    () => catalog,
  );

  it('when a photo is removed, then its files leave the directory; when an edit is refused, then no new file stays', async () => {
    const files = async () => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.webp'));
    const person = await signedInAgent(ctx);
    const reviewId = await flow.post(person, [await jpeg(161), await jpeg(162)]);
    const [first] = await flow.photosOf(reviewId);
    const withBoth = await files();
    expect(withBoth.filter((f) => f.includes(first!.id))).to.have.length(2);
    expect((await flow.edit(person, reviewId, { remove: [first!.id] })).status).to.equal(303);
    const afterRemoval = await files();
    expect(afterRemoval.filter((f) => f.includes(first!.id))).to.deep.equal([]);
    expect(afterRemoval).to.have.length(withBoth.length - 2);
    // Over the limit: the files of the accepted photos were never written (the check comes before any write).
    const refused = await flow.edit(person, reviewId, { add: await Promise.all([163, 164, 165, 166, 167].map(jpeg)) });
    expect(refused.status).to.equal(413);
    expect(await files()).to.deep.equal(afterRemoval);
  });
});
