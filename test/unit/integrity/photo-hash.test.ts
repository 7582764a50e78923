import { expect } from 'chai';
import { differenceHash, hammingDistance, HASH_HEIGHT, HASH_WIDTH, hashBands, setBits } from '../../../server/integrity/photo-hash.js';
import { mulberry32 } from '../../../server/integrity/seeded-random.js';

const pixels = (seed: number) => {
  const random = mulberry32(seed);
  return Uint8Array.from({ length: HASH_WIDTH * HASH_HEIGHT }, () => Math.floor(random() * 256));
};

describe('perceptual hash (dHash)', () => {
  it('when each pixel is brighter than its right neighbour, then every bit is set; when darker, none is', () => {
    const falling = Uint8Array.from({ length: HASH_WIDTH * HASH_HEIGHT }, (_, i) => 255 - (i % HASH_WIDTH) * 20);
    expect(differenceHash(falling)).to.equal('ffffffffffffffff');
    const rising = Uint8Array.from({ length: HASH_WIDTH * HASH_HEIGHT }, (_, i) => (i % HASH_WIDTH) * 20);
    expect(differenceHash(rising)).to.equal('0000000000000000');
  });

  it('when the brightness of a picture changes uniformly, then its hash does not (only neighbour order counts)', () => {
    const p = pixels(7);
    const brighter = p.map((v) => Math.min(255, Math.floor(v * 0.5) + 60));
    const half = p.map((v) => Math.floor(v * 0.5));
    expect(hammingDistance(differenceHash(half), differenceHash(brighter))).to.equal(0);
  });

  it('when two unrelated pictures are hashed, then they differ in about half of the 64 bits', () => {
    const distances = Array.from({ length: 50 }, (_, i) => hammingDistance(differenceHash(pixels(100 + i)), differenceHash(pixels(200 + i))));
    const mean = distances.reduce((a, b) => a + b, 0) / distances.length;
    expect(mean).to.be.within(26, 38);
    expect(Math.min(...distances)).to.be.greaterThan(10);
  });

  it('when two hashes differ in at most 3 bits, then they share at least one of the four indexed quarters', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 200; trial++) {
      const hash = differenceHash(pixels(1000 + trial));
      const bits = [...hash].flatMap((d) => Number.parseInt(d, 16).toString(2).padStart(4, '0').split(''));
      for (let flips = 0; flips < 3; flips++) {
        const at = Math.floor(random() * 64);
        bits[at] = bits[at] === '1' ? '0' : '1';
      }
      const other = Array.from({ length: 16 }, (_, i) => Number.parseInt(bits.slice(i * 4, i * 4 + 4).join(''), 2).toString(16)).join('');
      expect(hammingDistance(hash, other)).to.be.at.most(3);
      const a = hashBands(hash);
      const b = hashBands(other);
      expect(a.some((band, i) => band === b[i])).to.equal(true);
    }
  });

  it('when bits are counted, then setBits and hammingDistance agree', () => {
    expect(setBits('f000000000000001')).to.equal(5);
    expect(hammingDistance('f000000000000001', '0000000000000000')).to.equal(5);
    expect(hashBands('0001000200030004')).to.deep.equal([1, 2, 3, 4]);
  });
});
