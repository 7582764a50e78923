import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const MINUTE = 1 / 1440;
const long = (i: number) => `Review number ${i}. ${'This product is described at great length with many specific details about its use. '.repeat(4)}`;

describe('posting rate', () => {
  for (const rating of [1, 5]) {
    it(`when an account posts long reviews seconds apart (${rating}★), then posting-rate and typing-speed fire but do not hold alone`, () => {
      const w = world().merchant();
      for (let i = 0; i < 6; i++) w.product(`p${i}`);
      w.account('a1');
      for (let i = 0; i < 6; i++) w.review(`r${i}`, "a1", `p${i}`, (i * MINUTE) / 6, { rating, body: long(i) });
      const v = w.run().review('r5')!.verdict;
      const signals = v.reasons.map((x) => x.signal);
      expect(signals).to.include.members(['posting-rate', 'typing-speed']);
      expect(v.decision).to.equal('published');
    });
  }
  it('when an account posts a few reviews hours apart, then no timing signal fires', () => {
    const w = world().merchant().product('p1').product('p2').product('p3').account('a1');
    for (let i = 0; i < 3; i++) w.review(`r${i}`, 'a1', `p${i + 1}`, i * 0.2, { body: long(i) });
    const v = w.run().review('r2')!.verdict;
    expect(v.reasons.map((x) => x.signal)).to.not.include.members(['posting-rate']);
    expect(v.reasons.map((x) => x.signal)).to.not.include('typing-speed');
  });
  it('when the order was placed minutes before the review, then order timing fires; days before, it does not', () => {
    const quick = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { orderDaysBefore: 10 * MINUTE }).run();
    expect(quick.review('r1')!.verdict.reasons.map((x) => x.signal)).to.include('order-minutes-before-review');
    expect(quick.review('r1')!.verdict.decision).to.equal('published');
    const slow = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { orderDaysBefore: 6 }).run();
    expect(slow.review('r1')!.verdict.reasons.map((x) => x.signal)).to.not.include('order-minutes-before-review');
  });
});
