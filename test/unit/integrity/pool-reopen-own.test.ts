import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// A farm's accounts serve client after client. farm0–farm4 worked for three clients (days −20, 10 and 40), farm5 joined
// for the last two. farm5's first job was published: nothing of it was beyond chance then (farm5 had reviewed nothing
// else). Its second job is held on the pool its crew forms over the two clients' products. That pool is made of farm5's
// review of the earlier client's product as much as of its crew's, so the hold re-opens it too, and the re-check, which
// now sees the second job, holds it.
function farmOfThreeJobs(rating: number) {
  const w = world()
    .merchant('m1', 'shop-one.example')
    .merchant('m2', 'shop-two.example')
    .merchant('m3', 'shop-three.example')
    .product('client-a', 'm1')
    .product('client-b', 'm2')
    .product('client-c', 'm3');
  w.background(300, 40, -60, 60);
  const farm = Array.from({ length: 6 }, (_, i) => `farm${i}`);
  farm.forEach((id, i) => w.account(id, { at: -700 + i * 40 }));
  // Each worker writes in its own words: nothing here is copied text.
  const lines = [
    'Kept us dry on the coast.',
    'Packs small and pitches fast.',
    'The zip runs smoothly now.',
    'Good value, the poles feel sturdy.',
    'Took it up the hill twice already.',
    'My daughter carries it without help.',
    'Bigger inside than the photos suggest.',
    'Survived a windy night at the lake.',
    'Colour faded a little after a month.',
    'Fits in the boot next to the pram.',
    'The straps are easy to adjust.',
    'Dries quickly once you hang it out.',
    'Arrived before the weekend trip.',
    'Smells a bit new but that goes.',
    'Quiet fabric, no flapping at night.',
    'Cheaper than the one at the market.',
    'Instructions were short and clear.',
    'We use it every summer holiday.',
  ];
  let k = 0;
  const job = (product: string, start: number, crew: string[]) =>
    crew.forEach((id, i) => {
      w.review(`${id}-${product}`, id, product, start + i * 0.5, { rating, title: `Note ${k}`, body: lines[k % lines.length]!, orderDaysBefore: 5 });
      k++;
    });
  job('client-c', -20, farm.slice(0, 5));
  job('client-a', 10, farm);
  job('client-b', 40, farm);
  return w.run();
}

describe('reviewer pools: a hold re-opens the author’s own reviews in the pool', () => {
  for (const rating of [1, 5]) {
    it(`when a farm account's later job is held on a pool (${rating}★), then its earlier job's published review is checked again and held`, () => {
      const replay = farmOfThreeJobs(rating);
      const first = replay.review('farm5-client-a')!;
      const later = replay.review('farm5-client-b')!;
      expect(later.verdict.decision).to.equal('held');
      expect(later.verdict.labels).to.include('paid');
      expect(later.verdict.reopen).to.include('farm5-client-a');
      // The earlier review had nothing beyond chance at its own check; the re-check found the pool.
      expect(first.verdict.decision, JSON.stringify(first.verdict.reasons.map((r) => [r.signal, r.weight]))).to.equal('held');
      expect(first.verdict.labels).to.include('paid');
      expect(first.verdict.reasons.map((r) => r.signal)).to.include('cross-merchant-pool');
    });
  }

  it('when the same farm posts at 1★ and at 5★, then every verdict is the same', () => {
    const one = farmOfThreeJobs(1)
      .verdicts()
      .map((v) => [v.id, v.decision, v.labels]);
    const five = farmOfThreeJobs(5)
      .verdicts()
      .map((v) => [v.id, v.decision, v.labels]);
    expect(one).to.deep.equal(five);
  });
});
