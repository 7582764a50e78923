import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const MINUTE = 1 / 1440;
const long = (i: number) => `Review number ${i}. ${'This product is described at great length with many specific details about its use. '.repeat(4)}`;

describe('posting rate', () => {
  const SECOND = 1 / 86_400;
  // 120–200 characters each, all different, nothing else in common.
  const TEXTS = [
    'The kettle boils a full jug in under three minutes and the handle stays cool. Limescale filter is easy to rinse under the tap.',
    'Pruning shears cut cleanly through thick rose stems. The spring feels strong and the lock is easy to open with one hand outdoors.',
    'Our labrador took two nights to accept the new bed. The cover zips off for washing and the foam has kept its shape for weeks now.',
    'Headlamp is bright enough for night walks on forest trails. Battery lasted three evenings; the strap leaves a mark after hours though.',
    'Puzzle pieces fit snugly and the print is sharp. We finished it over two rainy weekends with the kids and nothing was missing at all.',
    'Webcam picture is clear in daylight but grainy in the evening. The clip holds on a thin laptop lid and the microphone is acceptable.',
    'Serum absorbs quickly and the scent is mild. My skin felt less dry after a fortnight, the pump sometimes sticks when half empty.',
    'Garden hose coils back neatly and the connector has not leaked yet. It kinks near the tap if you pull it around a corner too fast.',
  ];
  const medium = (i: number) => TEXTS[i];
  for (const rating of [1, 5]) {
    it(`when an account posts 8 reviews about 10 seconds apart (${rating}★), then from the 4th on they are held as inhuman-posting-rate on their own`, () => {
      const w = world().merchant();
      for (let i = 0; i < 8; i++) w.product(`p${i}`);
      w.account('a1');
      for (let i = 0; i < 8; i++) w.review(`r${i}`, 'a1', `p${i}`, i * 10 * SECOND, { rating, body: medium(i) });
      const r = w.run();
      for (let i = 0; i < 8; i++) {
        const len = medium(i).length;
        expect(len, `r${i} length`).to.be.within(120, 200);
        const v = r.review(`r${i}`)!.verdict;
        if (i < 3) {
          expect(v.decision, `r${i}`).to.equal('published');
          continue;
        }
        expect(v.decision, `r${i}`).to.equal('held');
        expect(v.labels).to.deep.equal(['paid']);
        const s = v.reasons.find((x) => x.signal === 'inhuman-posting-rate')!;
        expect(s.family).to.equal('timing');
        expect(s.summary).to.match(/faster than a person can write/);
        expect(s.evidence.posts).to.equal(i + 1);
        expect((s.evidence.postIds as string[]).length).to.equal(i);
        // Nothing outside the author's own posting pace argued for holding: no second family.
        expect(v.reasons.filter((x) => x.weight > 0.1 && x.family !== 'timing').map((x) => x.signal)).to.deep.equal([]);
      }
    });
  }
  it('when the same inhuman run is posted at 1★ and at 5★, then the verdicts are the same', () => {
    const verdict = (rating: number) => {
      const w = world().merchant();
      for (let i = 0; i < 5; i++) w.product(`p${i}`);
      w.account('a1');
      for (let i = 0; i < 5; i++) w.review(`r${i}`, 'a1', `p${i}`, i * 10 * SECOND, { rating, body: medium(i) });
      const v = w.run().review('r4')!.verdict;
      return { decision: v.decision, labels: v.labels };
    };
    expect(verdict(1)).to.deep.equal(verdict(5));
    expect(verdict(1).decision).to.equal('held');
  });
  for (const rating of [1, 5]) {
    it(`when an account posts long reviews at a busy but human pace (${rating}★), then posting-rate and typing-speed fire but do not hold alone`, () => {
      const w = world().merchant();
      for (let i = 0; i < 10; i++) w.product(`p${i}`);
      w.account('a1');
      // Ten long reviews in under an hour, about six minutes apart: a keen reviewer catching up, not a script.
      for (let i = 0; i < 10; i++) w.review(`r${i}`, 'a1', `p${i}`, i * 6 * MINUTE, { rating, body: long(i) });
      const v = w.run().review('r9')!.verdict;
      const signals = v.reasons.map((x) => x.signal);
      expect(signals).to.include('posting-rate');
      expect(signals).to.not.include('inhuman-posting-rate');
      expect(v.decision).to.equal('published');
    });
    it(`when three short reviews are posted seconds apart (${rating}★), then nothing holds (below the direct-evidence threshold)`, () => {
      const w = world().merchant().product('p1').product('p2').product('p3').account('a1');
      for (let i = 0; i < 3; i++) w.review(`r${i}`, 'a1', `p${i + 1}`, i * 10 * SECOND, { rating, body: medium(i) });
      const v = w.run().review('r2')!.verdict;
      expect(v.reasons.map((x) => x.signal)).to.not.include('inhuman-posting-rate');
      expect(v.decision).to.equal('published');
    });
    it(`when four one-word reviews are posted a minute apart (${rating}★), then the rate is humanly possible and nothing holds`, () => {
      const w = world().merchant();
      for (let i = 0; i < 4; i++) w.product(`p${i}`);
      w.account('a1');
      for (let i = 0; i < 4; i++) w.review(`r${i}`, 'a1', `p${i}`, i * MINUTE, { rating, title: 'Ok', body: 'Good.' });
      const v = w.run().review('r3')!.verdict;
      expect(v.reasons.map((x) => x.signal)).to.not.include('inhuman-posting-rate');
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
    const quick = world()
      .merchant()
      .product('p1')
      .account('a1')
      .review('r1', 'a1', 'p1', 0, { orderDaysBefore: 10 * MINUTE })
      .run();
    expect(quick.review('r1')!.verdict.reasons.map((x) => x.signal)).to.include('order-minutes-before-review');
    expect(quick.review('r1')!.verdict.decision).to.equal('published');
    const slow = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { orderDaysBefore: 6 }).run();
    expect(slow.review('r1')!.verdict.reasons.map((x) => x.signal)).to.not.include('order-minutes-before-review');
  });
});
