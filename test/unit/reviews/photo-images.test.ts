import { expect } from 'chai';
import sharp from 'sharp';
import { UserFacingError } from '../../../server/domain-errors.js';
import { hammingDistance } from '../../../server/integrity/photo-hash.js';
import { PHOTO_LIMITS, processPhoto } from '../../../server/reviews/photo-images.js';
import { testPhoto } from '../../helpers/test-photos.js';

const sizeOf = async (data: Buffer) => {
  const meta = await sharp(data).metadata();
  return [meta.width, meta.height];
};

describe('photo re-encoding (sharp)', () => {
  it('when a landscape photo is larger than the display size, then display and thumbnail keep its shape within their longest sides', async () => {
    const photo = await processPhoto({ name: 'wide.jpg', data: await testPhoto(1, { width: 3000, height: 1000 }) });
    expect([photo.display.width, photo.display.height]).to.deep.equal([PHOTO_LIMITS.displaySide, 533]);
    expect([photo.thumb.width, photo.thumb.height]).to.deep.equal([PHOTO_LIMITS.thumbSide, 107]);
    expect(await sizeOf(photo.display.data)).to.deep.equal([photo.display.width, photo.display.height]);
    expect(await sizeOf(photo.thumb.data)).to.deep.equal([photo.thumb.width, photo.thumb.height]);
  });

  it('when a photo is smaller than the display size, then it is not enlarged', async () => {
    const photo = await processPhoto({ name: 'small.png', data: await testPhoto(2, { width: 200, height: 300, format: 'png' }) });
    expect([photo.display.width, photo.display.height]).to.deep.equal([200, 300]);
    expect([photo.thumb.width, photo.thumb.height]).to.deep.equal([200, 300]);
  });

  it('when a JPEG says in EXIF that it is turned (orientation 6), then the stored picture is upright and carries no EXIF', async () => {
    const turned = await sharp(await testPhoto(3, { width: 400, height: 200 }))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(turned).metadata()).orientation).to.equal(6);
    const photo = await processPhoto({ name: 'turned.jpg', data: turned });
    expect([photo.display.width, photo.display.height]).to.deep.equal([200, 400]);
    const meta = await sharp(photo.display.data).metadata();
    expect(meta.exif).to.equal(undefined);
    expect(meta.orientation).to.equal(undefined);
  });

  it('when one picture is re-saved smaller and as PNG, then its perceptual hash stays within 3 bits; another picture is far away', async () => {
    const original = await testPhoto(4, { width: 1600, height: 1200 });
    const copy = await sharp(original).resize(640, 480).png().toBuffer();
    const a = await processPhoto({ name: 'a.jpg', data: original });
    const b = await processPhoto({ name: 'b.png', data: copy });
    const c = await processPhoto({ name: 'c.jpg', data: await testPhoto(5, { width: 1600, height: 1200 }) });
    expect(hammingDistance(a.phash, b.phash)).to.be.at.most(3);
    expect(hammingDistance(a.phash, c.phash)).to.be.greaterThan(10);
  });

  it('when the file is an SVG, then it is refused as not an accepted format (415)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    let error: unknown = null;
    await processPhoto({ name: 'vector.svg', data: svg }).catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(UserFacingError);
    expect((error as UserFacingError).status).to.equal(415);
  });
});
