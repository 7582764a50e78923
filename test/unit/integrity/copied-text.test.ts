import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy, describeChecks } from '../../../server/integrity/policy.js';
import { copiedScriptFarm, farmScript } from '../../helpers/copied-text-scene.js';

const script = farmScript;
const farmWorld = (rating: number, o: { sharedDevice?: boolean } = {}) => copiedScriptFarm(rating, o).run();

describe('copied text: other accounts posting nearly the whole review (integrity-2026.33)', () => {
  for (const rating of [1, 5]) {
    it(`when aged accounts with orders days before post one long script on a product within days (${rating}★), then every copy is held as paid with the copies and the chance figures as evidence`, () => {
      const r = farmWorld(rating);
      for (let i = 0; i < 5; i++) {
        const v = r.review(`x${i}`)!.verdict;
        expect(v.decision, `x${i}`).to.equal('held');
        expect(v.labels, `x${i}`).to.include('paid');
      }
      const copied = r.review('x4')!.verdict.reasons.find((s) => s.signal === 'copied-text')!;
      expect(copied.family).to.equal('text');
      expect(copied.evidence.accounts).to.have.members(['f0', 'f1', 'f2', 'f3']);
      const copies = copied.evidence.copies as { review: string; similarity: number; sharedShingles: number }[];
      expect(copies.every((c) => c.similarity >= defaultPolicy.text.copy.minJaccard && c.sharedShingles >= defaultPolicy.text.copy.minSharedShingles)).to.equal(
        true,
      );
      const chance = copied.evidence.againstChance as { tailProbability: number; observed: number; expected: number }[];
      expect(chance[0]!.tailProbability).to.be.at.most(defaultPolicy.text.copy.maxTail);
      expect(chance[0]!.observed).to.be.greaterThan(chance[0]!.expected);
    });
  }

  it('when the copying accounts share the author’s phone and address, then the label is sockpuppet', () => {
    const v = farmWorld(5, { sharedDevice: true }).review('x4')!.verdict;
    const copied = v.reasons.find((s) => s.signal === 'copied-text')!;
    expect(copied.label).to.equal('sockpuppet');
    expect(v.decision).to.equal('held');
  });

  it('when only one other account posted the script, then a copy is not yet a handed-out script', () => {
    const w = world().merchant().product('lantern').background();
    w.account('f0').account('f1');
    w.review('x0', 'f0', 'lantern', 0, { body: script(0), orderDaysBefore: 5 });
    w.review('x1', 'f1', 'lantern', 1, { body: script(1), orderDaysBefore: 5 });
    const v = w.run().review('x1')!.verdict;
    expect(v.reasons.map((s) => s.signal)).not.to.include('copied-text');
  });

  it('when the script’s copies are weeks apart, then they are outside the window and not compared', () => {
    const w = world().merchant().product('lantern').background();
    for (let i = 0; i < 3; i++)
      w.account(`f${i}`).review(`x${i}`, `f${i}`, 'lantern', i * (defaultPolicy.text.copy.windowDays + 2), { body: script(i), orderDaysBefore: 5 });
    expect(
      w
        .run()
        .review('x2')!
        .verdict.reasons.map((s) => s.signal),
    ).not.to.include('copied-text');
  });

  it('when a complaint wave’s buyers write the same few short sentences, some word for word, then nothing is copied and nothing is held', () => {
    const w = world().merchant().product('grinder').background();
    const opening = ['Was fine at first.', 'Been using it a couple of weeks.', 'Bought this in good faith.', 'Ugh.'];
    const defect = ['The burrs started grinding unevenly after a week.', 'Burrs came loose and now it rattles.', 'Grind setting slips and the burrs rub.'];
    const closing = ['Returned for a refund.', 'Checking the other reviews, it is clearly a batch problem.', 'Contacted support, waiting.'];
    for (let i = 0; i < 24; i++) {
      w.account(`b${i}`, { at: -300 - i * 13 });
      w.review(`c${i}`, `b${i}`, 'grinder', i * 0.4, {
        rating: 1 + (i % 2),
        orderDaysBefore: 10 + i,
        body: `${opening[i % 4]} ${defect[i % 3]} ${closing[(i >> 1) % 3]}`,
      });
    }
    const r = w.run();
    for (let i = 0; i < 24; i++) {
      const v = r.review(`c${i}`)!.verdict;
      expect(v.decision, `c${i}`).to.equal('published');
      expect(
        v.reasons.map((s) => s.signal),
        `c${i}`,
      ).not.to.include('copied-text');
    }
  });

  it('when long reviews of a product repeat the product’s usual sentences, some buyers using all of them, then chance explains the overlap and nothing is held', () => {
    const w = world().merchant().product('lantern').background();
    const usual = [
      'The light is bright enough to read by in the tent.',
      'The battery lasts a whole weekend on the low setting.',
      'The handle folds flat and it packs down small.',
      'It charges from a power bank over usb in a couple of hours.',
      'The red night mode does not wake up the kids.',
    ];
    // Twenty buyers over three weeks, each writing three or four of the product's usual sentences in their own order.
    for (let i = 0; i < 20; i++) {
      w.account(`u${i}`, { at: -400 - i * 17 });
      const picked = usual.filter((_, k) => (i + k) % 5 !== 0 && (k !== 4 || i % 2 === 0));
      w.review(`u${i}`, `u${i}`, 'lantern', i * 1.1, { orderDaysBefore: 8, body: (i % 3 ? picked : [...picked].reverse()).join(' ') });
    }
    const r = w.run();
    for (let i = 0; i < 20; i++) expect(r.review(`u${i}`)!.verdict.decision, `u${i}`).to.equal('published');
  });

  it('when the policy’s copy rule changes, then /how-we-check states the new figures', () => {
    const words = (p: typeof defaultPolicy) => describeChecks(p).find((c) => c.title === 'Whole reviews copied by other accounts')!.plainWords;
    const changed = {
      ...defaultPolicy,
      text: { ...defaultPolicy.text, copy: { ...defaultPolicy.text.copy, minOtherAccounts: 4, windowDays: 9, maxTail: 1e-6 } },
    };
    expect(words(defaultPolicy)).to.include(`at least ${defaultPolicy.text.copy.minOtherAccounts} other accounts`);
    expect(words(changed)).to.include('at least 4 other accounts posted nearly the whole of a review on the same product within 9 days');
    expect(words(changed)).to.include('at most 0.000001');
  });

  describe('a short script needs more copies', () => {
    const SHORT = ['Clips onto the tent loop easily.', 'Red mode keeps midges away.', 'Charged once, still going.'];
    const shortFarm = (accounts: number, rating: number) => {
      const w = world().merchant().product('lantern').background();
      for (let i = 0; i < accounts; i++) w.account(`f${i}`, { at: -200 - i * 37 });
      for (let i = 0; i < accounts; i++) w.review(`x${i}`, `f${i}`, 'lantern', i * 0.6, { rating, body: SHORT.join(i % 2 ? '  ' : ' '), orderDaysBefore: 5 });
      return w.run();
    };
    for (const rating of [1, 5]) {
      it(`when eight aged accounts with orders days before post one 16-word script of three sentences within days (${rating}★), then every copy is held as paid`, () => {
        const r = shortFarm(8, rating);
        for (let i = 0; i < 8; i++) expect(r.review(`x${i}`)!.verdict.decision, `x${i}`).to.equal('held');
        const copied = r.review('x7')!.verdict.reasons.find((s) => s.signal === 'copied-text')!;
        const copies = copied.evidence.copies as { sharedShingles: number }[];
        expect(copies.every((c) => c.sharedShingles < defaultPolicy.text.copy.minSharedShingles)).to.equal(true);
      });
    }
    it('when three accounts post that short script, then it is not enough copies for so short a text', () => {
      const r = shortFarm(3, 5);
      for (let i = 0; i < 3; i++)
        expect(
          r.review(`x${i}`)!.verdict.reasons.map((s) => s.signal),
          `x${i}`,
        ).not.to.include('copied-text');
    });
  });
});
