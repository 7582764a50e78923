// Perceptual hashes of review photos (dHash): a photo shrunk to 9×8 grey pixels, one bit per pair of horizontal
// neighbours (is the left one brighter?). Re-encoding, resizing, mild compression or a changed colour profile keep
// nearly all 64 bits; a different photo differs in about half of them. Pure: the pixels are handed in.

/** The grey thumbnail dHash reads: HASH_WIDTH × HASH_HEIGHT pixels, one byte each, row by row. */
export const HASH_WIDTH = 9;
export const HASH_HEIGHT = 8;
/** Bits in a hash: one per pair of horizontal neighbours. */
export const HASH_BITS = (HASH_WIDTH - 1) * HASH_HEIGHT;
/** Storage finds candidates by four 16-bit quarters of the hash: two hashes within 3 bits share at least one. */
export const HASH_BANDS = 4;

/** 64-bit dHash as 16 hex digits, from HASH_WIDTH × HASH_HEIGHT grey pixels. */
export function differenceHash(grey: Uint8Array): string {
  if (grey.length !== HASH_WIDTH * HASH_HEIGHT) throw new Error(`differenceHash needs ${HASH_WIDTH * HASH_HEIGHT} grey pixels, got ${grey.length}`);
  let hex = '';
  let nibble = 0;
  let bits = 0;
  for (let y = 0; y < HASH_HEIGHT; y++) {
    for (let x = 0; x < HASH_WIDTH - 1; x++) {
      const left = grey[y * HASH_WIDTH + x]!;
      const right = grey[y * HASH_WIDTH + x + 1]!;
      nibble = (nibble << 1) | (left > right ? 1 : 0);
      bits++;
      if (bits === 4) {
        hex += nibble.toString(16);
        nibble = 0;
        bits = 0;
      }
    }
  }
  return hex;
}

const POPCOUNT_NIBBLE = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Bits that differ between two hashes of the same length (hex). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new Error('hammingDistance compares hashes of one length');
  let distance = 0;
  for (let i = 0; i < a.length; i++) distance += POPCOUNT_NIBBLE[Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16)]!;
  return distance;
}

/** Bits set in a hash (hex). */
export function setBits(hash: string): number {
  let n = 0;
  for (const digit of hash) n += POPCOUNT_NIBBLE[Number.parseInt(digit, 16)]!;
  return n;
}

/** The hash cut into HASH_BANDS equal parts, as numbers (storage indexes them to find near matches). */
export function hashBands(hash: string): number[] {
  const size = hash.length / HASH_BANDS;
  return Array.from({ length: HASH_BANDS }, (_, i) => Number.parseInt(hash.slice(i * size, (i + 1) * size), 16));
}
