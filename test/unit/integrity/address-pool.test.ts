import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { createdTogether, occupancyPoolSize } from '../../../server/integrity/signals/shared-identity.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';

// A provider that hands its addresses round (dynamic lines, a small pool) puts strangers on one exact address. Two
// buyers of a complaint wave, opened a day apart, on one address of such a block are chance; on a block whose addresses
// the shop's other accounts never share, the same two accounts are one person's.

const DEFECT = [
  'The serum turned my skin red within an hour, the burning lasted all evening and the rash is still there.',
  'Used it once and got a red burning rash on both cheeks, had to wash it off straight away.',
];

/** 30 accounts opened over the past year, each seen on two addresses of the block; `pooled`: 20 addresses handed round. */
function scenario(pooled: boolean, rating: number) {
  const w = world().merchant().product('p1').product('p2').background(200);
  for (let i = 0; i < 30; i++) {
    const a = pooled ? `86.137.41.${1 + (i % 20)}` : `86.137.41.${1 + i}`;
    const b = pooled ? `86.137.41.${1 + ((i * 7 + 3) % 20)}` : `86.137.40.${1 + i}`;
    w.account(`b${i}`, { at: -360 + i * 11, ip: a, ua: `Mozilla/5.0 phone build ${i}` });
    w.review(`br${i}`, `b${i}`, 'p2', -350 + i * 11, { rating: 4, ip: b, body: `Good value for the money, arrived quickly, order ${i}.` });
  }
  // The wave's pair: opened 22 hours apart on one address nobody else holds, each on its own phone.
  w.account('w0', { at: -3, ip: '86.137.42.44', ua: 'Mozilla/5.0 phone build alpha' });
  w.account('w1', { at: -2.1, ip: '86.137.42.44', ua: 'Mozilla/5.0 phone build beta' });
  w.review('wr0', 'w0', 'p1', -2.9, { rating, body: DEFECT[0]! });
  w.review('wr1', 'w1', 'p1', -2, { rating, body: DEFECT[1]! });
  return w;
}

describe('an exact address on a provider block that hands its addresses round', () => {
  it('when the pool size is estimated from holdings and distinct addresses, then it fits the occupancy equation and grows without reuse', () => {
    for (const [h, d] of [
      [60, 30],
      [40, 39],
      [100, 20],
    ] as const) {
      const n = occupancyPoolSize(h, d);
      expect(n * (1 - (1 - 1 / n) ** h)).to.be.closeTo(d, 1e-6);
    }
    expect(occupancyPoolSize(40, 39)).to.be.greaterThan(500);
  });

  for (const rating of [1, 5]) {
    it(`when two fresh ${rating}★ buyers share an address of a pooled block, then both are published and the pool is the evidence`, () => {
      const w = scenario(true, rating);
      const r = w.run();
      for (const id of ['wr0', 'wr1']) expect(r.review(id)!.verdict.decision, id).to.equal('published');
      const s = r.review('wr1')!.submission;
      const facts = createdTogether(r.contextFor(s), defaultPolicy, s);
      expect(facts.together.has('w0')).to.equal(false);
      expect(facts.addressExplained.has('w0')).to.equal(true);
      const pool = facts.address.get('w0')!.pool!;
      expect(pool.holdings).to.equal(60);
      expect(pool.addresses).to.equal(20);
      expect(pool.poolSize).to.be.closeTo(occupancyPoolSize(60, 20), 0.1);
      expect(pool.observed).to.equal(1);
      expect(pool.odds).to.be.greaterThan(0.1);
    });

    it(`when the same two ${rating}★ buyers share an address of a block whose addresses nobody shares, then they are held as one person's accounts`, () => {
      const r = scenario(false, rating).run();
      const v = r.review('wr1')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      const s = r.review('wr1')!.submission;
      const facts = createdTogether(r.contextFor(s), defaultPolicy, s);
      expect(facts.together.has('w0')).to.equal(true);
      expect(facts.address.get('w0')!.pool).to.equal(undefined);
    });
  }
});
