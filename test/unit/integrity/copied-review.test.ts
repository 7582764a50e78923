import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy, describeChecks } from '../../../server/integrity/policy.js';
import type { Policy } from '../../../server/integrity/policy.js';
import { assess } from '../../../server/integrity/assess.js';

// One customer's review, copied nearly whole weeks later by one other account (integrity-2026.35).
const ORIGINAL =
  'Bought the Ridge Lantern for a week of wild camping in the Cairngorms and it surprised me. The light is bright enough to read ' +
  'a paperback by in the tent. The battery lasted four nights on the low setting before I had to top it up from my power bank. ' +
  'The folding handle snapped onto the tent loop without fuss, and the red mode did not wake my partner at three in the morning.';

function scene(o: { rating?: number; copy?: string; policy?: Policy } = {}) {
  const w = world().merchant().product('lantern').background();
  // The lantern's ordinary reviews: short, in its usual words.
  for (let i = 0; i < 8; i++) {
    w.account(`g${i}`, { at: -500 - i * 11 });
    w.review(`g${i}`, `g${i}`, 'lantern', -60 + i * 6, {
      orderDaysBefore: 9,
      rating: 2 + (i % 4),
      body: ['Bright enough for the tent, heavy though.', 'Battery could be better, it fades after two nights.', 'Does the job on camping trips.'][i % 3],
    });
  }
  w.account('author', { at: -400 });
  w.review('orig', 'author', 'lantern', 0, { rating: o.rating ?? 5, body: ORIGINAL, orderDaysBefore: 6 });
  w.account('copier', { at: -300, ip: '198.51.100.77', ua: 'UA-copier' });
  w.review('copy', 'copier', 'lantern', 30, { rating: o.rating ?? 5, body: o.copy ?? ORIGINAL, orderDaysBefore: 5 });
  return o.policy ? w.run(o.policy) : w.run();
}

describe('copied review: one customer’s review copied whole by one other account (integrity-2026.35)', () => {
  for (const rating of [1, 5]) {
    it(`when an account posts another customer's earlier review word for word a month later (${rating}★), then the copy is held as a duplicate with the original and the chance figures as evidence, and the original is published`, () => {
      const r = scene({ rating });
      const v = r.review('copy')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('duplicate');
      const s = v.reasons.find((x) => x.signal === 'copied-review')!;
      expect(s.label).to.equal('duplicate');
      expect(s.evidence.reviews).to.deep.equal(['orig']);
      expect(s.evidence.accounts).to.deep.equal(['author']);
      expect(s.evidence.daysAfterOriginal).to.equal(30);
      const chance = s.evidence.againstChance as { tailProbability: number; observed: number; expected: number }[];
      expect(chance[0]!.tailProbability).to.be.at.most(defaultPolicy.text.copy.single!.maxTail);
      expect(chance[0]!.observed).to.equal(1);
      expect(s.summary).to.match(/another customer's review of this product posted 30 days earlier/);
      const original = r.review('orig')!.verdict;
      expect(original.decision).to.equal('published');
      expect(original.reasons.map((x) => x.signal)).not.to.include('copied-review');
    });
  }

  it('when the same copy is posted at 1★ and at 5★, then the decision and score are the same', () => {
    const one = scene({ rating: 1 }).review('copy')!.verdict;
    const five = scene({ rating: 5 }).review('copy')!.verdict;
    expect(one.decision).to.equal(five.decision);
    expect(one.score).to.equal(five.score);
  });

  it('when the original is checked again after the copy appeared, then it is never called the copy', () => {
    const r = scene();
    const orig = r.review('orig')!;
    const again = assess(orig.submission, r.contextFor(orig.submission), defaultPolicy, new Date(orig.submission.at.getTime() + 40 * 86_400_000));
    expect(again.reasons.map((x) => x.signal)).not.to.include('copied-review');
    expect(again.decision).to.equal('published');
  });

  it('when the later review shares only two of the original’s sentences, then it is not a copy', () => {
    const partial =
      'The light is bright enough to read a paperback by in the tent. The battery lasted four nights on the low setting before I had to ' +
      'top it up from my power bank. Mine arrived with a dent in the base though, and the seller took ten days to answer my email about it.';
    const v = scene({ copy: partial }).review('copy')!.verdict;
    expect(v.reasons.map((x) => x.signal)).not.to.include('copied-review');
    expect(v.labels).not.to.include('duplicate');
  });

  it('when the policy carries no single-copy rule (before 2026.35), then the copy is not held as a duplicate', () => {
    const { single: _dropped, ...copy } = defaultPolicy.text.copy;
    const before: Policy = { ...defaultPolicy, text: { ...defaultPolicy.text, copy } };
    const v = scene({ policy: before }).review('copy')!.verdict;
    expect(v.reasons.map((x) => x.signal)).not.to.include('copied-review');
    expect(v.labels).not.to.include('duplicate');
  });

  it('when the chance line is stricter than what the copy reaches, then the copy is not held (the line decides)', () => {
    const strict: Policy = {
      ...defaultPolicy,
      text: { ...defaultPolicy.text, copy: { ...defaultPolicy.text.copy, single: { ...defaultPolicy.text.copy.single!, maxTail: 1e-12 } } },
    };
    const v = scene({ policy: strict }).review('copy')!.verdict;
    expect(v.reasons.map((x) => x.signal)).not.to.include('copied-review');
  });

  // A wave of buyers describing one defect in the product's stock sentences: with 2 × 2 × 2 × 2 combinations among 24
  // buyers, several post the very same review. Long enough for the rule to look at; chance must be what explains it.
  const waveScene = (policy: Policy = defaultPolicy) => {
    const w = world().merchant().product('grinder').background();
    const opening = ['Bought this in good faith for the kitchen.', 'Been using it every morning for a couple of weeks.'];
    const defect = ['The burrs came loose after a week and now it rattles.', 'The grind setting slips and the burrs rub on each other.'];
    const effect = ['The coffee comes out uneven and bitter.', 'It is much louder than when it arrived.'];
    const closing = ['Looks like a lot of people have the same issue.', 'Returned it for a refund.'];
    for (let i = 0; i < 24; i++) {
      w.account(`b${i}`, { at: -300 - i * 13 });
      w.review(`c${i}`, `b${i}`, 'grinder', i * 0.5, {
        rating: 1 + (i % 2),
        orderDaysBefore: 10 + i,
        body: `${opening[i % 2]} ${defect[(i >> 1) % 2]} ${effect[(i >> 2) % 2]} ${closing[(i >> 3) % 2]}`,
      });
    }
    return w.run(policy);
  };

  it('when complaint-wave buyers post the same review of the product’s stock sentences, some word for word, then nothing is held as a copy', () => {
    const r = waveScene();
    for (let i = 0; i < 24; i++) {
      const v = r.review(`c${i}`)!.verdict;
      expect(v.decision, `c${i}`).to.equal('published');
      expect(
        v.reasons.map((x) => x.signal),
        `c${i}`,
      ).not.to.include('copied-review');
    }
  });

  it('when the chance line is taken away, then the same wave has copies: the chance judgement is what keeps it published', () => {
    const noLine: Policy = {
      ...defaultPolicy,
      text: { ...defaultPolicy.text, copy: { ...defaultPolicy.text.copy, single: { ...defaultPolicy.text.copy.single!, maxTail: 1 } } },
    };
    const r = waveScene(noLine);
    const copied = Array.from({ length: 24 }, (_, i) => r.review(`c${i}`)!.verdict).filter((v) => v.reasons.some((x) => x.signal === 'copied-review'));
    expect(copied.length).to.be.greaterThan(0);
  });

  it('when two other accounts posted the text before, then the single-copy rule stays out (several copies are a script, judged by copied-text)', () => {
    const w = world().merchant().product('lantern').background();
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      w.account(id, { at: -400 + i * 50, ip: `198.51.100.${10 + i}`, ua: `UA-${id}` });
      w.review(`r${id}`, id, 'lantern', i * 20, { body: ORIGINAL, orderDaysBefore: 6 });
    }
    const v = w.run().review('rc')!.verdict;
    expect(v.reasons.map((x) => x.signal)).not.to.include('copied-review');
  });

  it('when the policy’s single-copy figures change, then /how-we-check states them', () => {
    const words = (p: Policy) => describeChecks(p).find((c) => c.title === "A review copied from another customer's")?.plainWords;
    const changed: Policy = {
      ...defaultPolicy,
      text: { ...defaultPolicy.text, copy: { ...defaultPolicy.text.copy, single: { minJaccard: 0.85, minSharedShingles: 25, maxTail: 1e-5 } } },
    };
    expect(words(changed)).to.include('25 runs of three words in common, 85% of them shared');
    expect(words(changed)).to.include('at most 0.00001');
    const { single: _dropped, ...copy } = defaultPolicy.text.copy;
    expect(words({ ...defaultPolicy, text: { ...defaultPolicy.text, copy } })).to.equal(undefined);
  });
});
