import sharp from 'sharp';
import { mulberry32 } from '../../server/integrity/seeded-random.js';

/**
 * Test pictures with real detail (a seeded mosaic of colours, smoothly enlarged), so that two seeds give different
 * perceptual hashes and one seed gives the same hash at any size. `exif` writes a camera make and GPS position.
 */
export async function testPhoto(
  seed: number,
  options: { width?: number; height?: number; format?: 'jpeg' | 'png' | 'webp' | 'gif'; exif?: boolean } = {},
): Promise<Buffer> {
  const random = mulberry32(seed);
  const cols = 16;
  const rows = 12;
  const raw = Buffer.alloc(cols * rows * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random() * 256);
  let image = sharp(raw, { raw: { width: cols, height: rows, channels: 3 } }).resize(options.width ?? 1200, options.height ?? 900, { kernel: 'cubic' });
  const format = options.format ?? 'jpeg';
  if (format === 'jpeg') image = image.jpeg({ quality: 90 });
  else if (format === 'png') image = image.png();
  else if (format === 'webp') image = image.webp();
  else image = image.gif();
  if (options.exif) {
    image = image.withExif({
      IFD0: { Make: 'CandorTestCam', Model: 'Location Leaker 3000' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2964/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4032/100' },
    });
  }
  return image.toBuffer();
}
