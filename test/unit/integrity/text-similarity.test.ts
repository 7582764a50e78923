import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { DAY_MS } from '../../../server/integrity/signals/signal-result.js';

const LONG = 'Absolutely love this tent, it kept my whole family dry during a three day storm in the Highlands.';

describe('text similarity', () => {
  for (const rating of [1, 5]) {
    it(`when the same account posts the same text again (${rating}★), then the repeat is labelled duplicate and not published`, () => {
      const r = world()
        .merchant()
        .product('p1')
        .product('p2')
        .account('a1')
        .review('r1', 'a1', 'p1', 0, { body: LONG, rating })
        .review('r2', 'a1', 'p2', 5, { body: LONG, rating })
        .run();
      expect(r.review('r1')!.verdict.decision).to.equal('published');
      expect(r.review('r2')!.verdict.decision).to.not.equal('published');
      expect(r.review('r2')!.verdict.labels).to.deep.equal(['duplicate']);
      expect(r.review('r2')!.verdict.reasons[0].evidence.reviews).to.deep.equal(['r1']);
    });
  }
  it('when the first post is checked again after its repeat appeared, then the first is not called a copy of its repeat', () => {
    const r = world()
      .merchant()
      .product('p1')
      .product('p2')
      .account('a1')
      .review('r1', 'a1', 'p1', 0, { body: LONG })
      .review('r2', 'a1', 'p2', 5, { body: LONG })
      .run();
    const first = r.review('r1')!.submission;
    const later = assess(first, r.contextFor(first), defaultPolicy, new Date(first.at.getTime() + 10 * DAY_MS));
    expect(later.reasons.map((x) => x.signal)).to.not.include('duplicate-text');
    expect(later.decision).to.equal('published');
  });
  for (const rating of [1, 5]) {
    it(`when the same account posts the same body under a different short title on another product (${rating}★), then the repeat is a duplicate`, () => {
      const body = 'Amazing quality, totally recommend it to everyone, five stars without any doubt at all.';
      const r = world()
        .merchant()
        .product('pA')
        .product('pB')
        .account('a1')
        .review('r1', 'a1', 'pA', 0, { title: 'Amazing tent', body, rating })
        .review('r2', 'a1', 'pB', 3, { title: 'Amazing stove', body, rating })
        .run();
      expect(r.review('r1')!.verdict.decision).to.equal('published');
      const v = r.review('r2')!.verdict;
      expect(v.decision).to.not.equal('published');
      expect(v.labels).to.deep.equal(['duplicate']);
      const d = v.reasons.find((x) => x.signal === 'duplicate-text')!;
      expect(d.evidence.reviews).to.deep.equal(['r1']);
      expect(d.evidence.comparedBodyOnly).to.deep.equal(['r1']);
      expect(d.summary).to.match(/different title/);
    });
  }
  it('when the same account uses the same title on two different reviews, then it is not a duplicate', () => {
    const r = world()
      .merchant()
      .product('pA')
      .product('pB')
      .account('a1')
      .review('r1', 'a1', 'pA', 0, {
        title: 'Amazing quality, totally recommend it',
        body: 'The tent pitched in five minutes and survived a windy night on the coast.',
      })
      .review('r2', 'a1', 'pB', 3, {
        title: 'Amazing quality, totally recommend it',
        body: 'This stove boils water fast, the simmer control is fiddly with gloves on.',
      })
      .run();
    expect(r.review('r2')!.verdict.labels).to.not.include('duplicate');
  });
  it('when the same account repeats a short generic text, then it is not a duplicate', () => {
    const r = world()
      .merchant()
      .product('p1')
      .product('p2')
      .account('a1')
      .review('r1', 'a1', 'p1', 0, { body: 'Great product, works well.' })
      .review('r2', 'a1', 'p2', 5, { body: 'Great product, works well.' })
      .run();
    expect(r.review('r2')!.verdict.decision).to.equal('published');
  });
  it('when unrelated accounts post near-identical text, then a text signal fires but alone it does not hold', () => {
    const r = world()
      .merchant()
      .product('p1')
      .account('a1')
      .account('a2')
      .review('r1', 'a1', 'p1', 0, { body: LONG })
      .review('r2', 'a2', 'p1', 20, { body: LONG.replace('Highlands', 'Lake District') })
      .run();
    const v = r.review('r2')!.verdict;
    expect(v.reasons.map((x) => x.signal)).to.include('near-duplicate-text');
    expect(v.decision).to.equal('published');
  });
  it('when many unrelated buyers write short generic reviews that look alike, then none is held', () => {
    const w = world().merchant().product('p1');
    const texts = ['Great product, works well.', 'Works well, great product!', 'Great product.', 'Good product, works great.'];
    texts.forEach((_, i) => w.account(`a${i}`));
    texts.forEach((t, i) => w.review(`r${i}`, `a${i}`, 'p1', i * 0.2, { body: t }));
    const r = w.run();
    texts.forEach((_, i) => expect(r.review(`r${i}`)!.verdict.decision).to.equal('published'));
  });
  const STOCK = 'Instructions were confusing but I figured it out.';
  for (const rating of [1, 5]) {
    it(`when many unrelated accounts used a stock sentence on many products over months (${rating}★), then sharing it is common language, not a template`, () => {
      const w = world().merchant();
      for (let i = 0; i < 8; i++) {
        w.product(`p${i}`).account(`g${i}`);
        w.review(`g${i}r`, `g${i}`, `p${i}`, i * 20, {
          body: `${STOCK} Own words number ${i}: the ${['lid', 'strap', 'zip', 'pole', 'bag', 'peg', 'seam', 'vent'][i]} holds up fine after weeks.`,
        });
      }
      const r = w
        .product('pz')
        .account('x')
        .review('xr', 'x', 'pz', 200, { rating, body: `${STOCK} The stove boils a litre quickly and the simmer ring works with gloves on.` })
        .run();
      const v = r.review('xr')!.verdict;
      expect(v.reasons.filter((x) => x.label === 'paid' && x.family === 'text')).to.deep.equal([]);
      expect(v.decision).to.equal('published');
    });
  }
  it('when several accounts post the same sentence on one product within a day, then it is still template evidence', () => {
    const w = world().merchant().product('p1');
    const FARM = 'Highly recommend this to anyone looking for a great outdoor product at this price.';
    for (let i = 0; i < 5; i++)
      w.account(`f${i}`).review(`f${i}r`, `f${i}`, 'p1', 10 + i * 0.1, { body: `${FARM} Item ${i} arrived in a plain box with a note.` });
    const v = w.run().review('f4r')!.verdict;
    expect(v.reasons.filter((x) => x.label === 'paid' && x.family === 'text').length).to.be.greaterThan(0);
  });
  it('when reviewers share only reward-disclosure wording, then that wording is not counted as a shared phrase', () => {
    const disclosure = 'Disclosure: the brand sent me this for review and asked for an honest opinion.';
    const r = world()
      .merchant()
      .product('p1')
      .account('a1', { at: -400 })
      .account('a2', { at: -150 })
      .review('r1', 'a1', 'p1', 0, {
        body: `${disclosure} The fly pitched first and the inner stayed dry all night.`,
        incentive: { kind: 'free_product', disclosed: true },
      })
      .review('r2', 'a2', 'p1', 2, {
        body: `${disclosure} Smaller than I hoped, two sleeping mats barely fit side by side.`,
        incentive: { kind: 'free_product', disclosed: true },
      })
      .run();
    const v = r.review('r2')!.verdict;
    const phrases = v.reasons.flatMap((x) => (x.evidence.sharedPhrases as unknown[] | undefined) ?? []).map(String);
    expect(phrases.some((p) => /sent me this for review/.test(p))).to.equal(false);
    expect(v.decision).to.equal('published');
    expect(v.labels).to.deep.equal(['incentivized']);
  });
  for (const [sharer, who, sockpuppet] of [
    ['a0', "shares the author's address", true],
    ['a1', "shares nothing with the author but a provider's /24 that 20 other accounts use", false],
  ] as const) {
    it(`when the account writing nearly the same text ${who}, then the near-duplicate ${sockpuppet ? 'is' : 'is not'} evidence of one hand (sockpuppet)`, () => {
      const w = world().merchant().product('p1').background(300, 40);
      for (let i = 0; i < 20; i++) w.account(`n${i}`, { at: -300 + i * 5, ip: `73.18.109.${100 + i}` });
      for (let i = 0; i < 4; i++) w.account(`a${i}`, { at: -3 + i * 0.5, ip: `73.18.109.${10 + i}`, ua: `UA-${i}` });
      w.account('a4', { at: -1, ip: '73.18.109.10', ua: 'UA-4' });
      const same = 'The kettle base died after a week, the light blinks red and nothing happens when I press the switch.';
      const texts = [
        'Kept us dry through a stormy night.',
        'Pitched it alone in ten minutes.',
        'Solid zips and a roomy porch.',
        'Warm enough in spring.',
        same,
      ];
      texts[Number(sharer[1])] = same.replace('after a week', 'after two weeks');
      for (let i = 0; i < 5; i++) w.review(`r${i}`, `a${i}`, 'p1', i * 0.5, { rating: 1, body: texts[i]! });
      const near = w
        .run()
        .review('r4')!
        .verdict.reasons.find((x) => x.signal === 'near-duplicate-text' && x.label === 'sockpuppet');
      if (sockpuppet) expect(near?.evidence.accounts).to.deep.equal([sharer]);
      else expect(near).to.equal(undefined);
    });
  }
});
