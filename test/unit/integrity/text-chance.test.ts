import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { isSurprising, phraseAgainstChance, poissonTail } from '../../../server/integrity/text-chance.js';

const limits = defaultPolicy.text.chance;
const GENUINE = [
  'Pitched it in ten minutes on my first try, which says a lot about me.',
  'Good value. The poles feel thin but held up in a storm on Dartmoor.',
  'Roomy enough for two adults and a dog, though the door zip sticks a little.',
  'After a season of weekend trips it still looks new; packing it away takes practice.',
  'Condensation was an issue on cold nights, so bring a towel.',
  'My kids set it up without help. Bright colours, easy to spot at a festival.',
  'Heavier than advertised by about 300 grams, otherwise exactly as described.',
  'Survived a week in Scotland with rain every day. Not a drop inside!',
  'The guy lines are too short for sandy ground; swap them for longer ones.',
  'Ventilation is excellent and the mesh keeps the midges out.',
  'Instructions are pictures only, which worked fine for us.',
  'It fits in my bike panniers, which was the whole point.',
];
const ADJ = ['stunning', 'gorgeous', 'superb', 'brilliant', 'lovely', 'fantastic'];
const NOUN = ['fabric', 'material', 'canvas', 'floor', 'shell', 'frame'];
const WHO = ['husband', 'sister', 'father', 'friend', 'daughter', 'neighbour'];
const PLACE = ['lakes', 'coast', 'hills', 'forest', 'mountains', 'beach'];
const farmText = (i: number) =>
  `This ${ADJ[i % 6]} tent is really ${ADJ[(i + 1) % 6]} and the ${NOUN[i % 6]} feels ${ADJ[(i + 2) % 6]} in the rain. ` +
  `I would buy it again for my ${WHO[i % 6]} because it was ${ADJ[(i + 3) % 6]} from the first night. ` +
  `We took it to the ${PLACE[i % 6]} and it kept us ${ADJ[(i + 4) % 6]} all week.`;
// Buyers of one product describing one defect: the defect's words (zipper broke, two weeks) recur in their own sentences.
const COMPLAINTS = [
  'The zipper broke after two weeks, and now the door will not close at all.',
  'Two weeks in and the zipper broke. Really disappointed with the quality of the door.',
  'Our zipper broke on the second trip; customer service has not answered yet.',
  'Mine lasted two weeks before the zipper broke. Everything else about it is fine.',
  'Zipper broke after barely two weeks of use, same as the other reviews say.',
  'Why does the zipper break so fast? Ours broke within two weeks, very annoying.',
];

function shop(rating: number, recent: (i: number) => string, recentCount: number) {
  const w = world().merchant().product('p1').product('p2');
  GENUINE.forEach((_, i) => w.account(`g${i}`, { at: -500 }));
  for (let i = 0; i < recentCount; i++) w.account(`n${i}`, { at: -400 + i });
  GENUINE.forEach((body, i) => w.review(`g${i}`, `g${i}`, 'p1', -60 + i * 4, { body, orderDaysBefore: 8 }));
  for (let i = 0; i < recentCount; i++) w.review(`n${i}`, `n${i}`, 'p1', i * 0.3, { rating, body: recent(i), orderDaysBefore: 6 });
  return w.run();
}

describe('text evidence against chance', () => {
  it('when the Poisson tail is computed, then it matches the closed form', () => {
    expect(poissonTail(0, 2)).to.equal(1);
    expect(poissonTail(1, 2)).to.be.closeTo(1 - Math.exp(-2), 1e-12);
    expect(poissonTail(3, 0.5)).to.be.closeTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 1e-12);
  });

  it("when many of the product's reviews describe the same defect, then a phrase shared by a few accounts is explained by the product's topic", () => {
    const r = shop(1, (i) => COMPLAINTS[i]!, COMPLAINTS.length);
    const s = r.review('n5')!.submission;
    const stats = r.contextFor(s).textStats!;
    const topic = phraseAgainstChance('zipper broke after two weeks', 2, true, stats, limits)!;
    expect(topic.explainedBy).to.equal('product');
    expect(topic.tailProbability).to.be.greaterThan(limits.maxTailProbability);
    expect(isSurprising(topic, limits)).to.equal(false);
    // The same phrase shared by as many accounts in a product whose reviews never use those words is surprising.
    const quiet = shop(1, (i) => GENUINE[i]!, 1);
    const none = phraseAgainstChance('zipper broke after two weeks', 2, true, quiet.contextFor(quiet.review('n0')!.submission).textStats!, limits)!;
    expect(none.expected).to.be.below(topic.expected);
  });

  it('when a long phrase of words that the product and category never use is shared by three accounts, then it is surprising, with observed and expected in the evidence', () => {
    const r = shop(5, (i) => COMPLAINTS[i]!, COMPLAINTS.length);
    const stats = r.contextFor(r.review('n5')!.submission).textStats!;
    const odd = phraseAgainstChance('marvellous heirloom quality craftsmanship delights discerning adventurers everywhere', 3, true, stats, limits)!;
    expect(odd.observed).to.equal(3);
    expect(odd.expected).to.be.below(0.1);
    expect(isSurprising(odd, limits)).to.equal(true);
  });

  it('when a review is checked again later, then the statistics count the other reviews, not the review itself', () => {
    const r = shop(5, (i) => COMPLAINTS[i]!, COMPLAINTS.length);
    expect(r.contextFor(r.review('n0')!.submission).textStats!.productDocs).to.equal(GENUINE.length + COMPLAINTS.length - 1);
  });
});

describe('sentence skeletons', () => {
  for (const rating of [1, 5]) {
    it(`when accounts rotate the words of one template within days (${rating}★), then the text family fires with the shared skeletons and the chance evidence`, () => {
      const r = shop(rating, farmText, 5);
      const v = r.review('n4')!.verdict;
      const sk = v.reasons.find((x) => x.signal === 'sentence-skeleton');
      expect(sk, JSON.stringify(v.reasons.map((x) => x.signal))).to.not.equal(undefined);
      expect(sk!.family).to.equal('text');
      expect(sk!.label).to.equal('paid');
      expect(sk!.evidence.accounts).to.have.length.of.at.least(3);
      expect((sk!.evidence.sharedSkeletons as string[]).join(' | ')).to.include('this _ is really _ and the _ in the _');
      const chance = sk!.evidence.againstChance as { observed: number; expected: number; tailProbability: number };
      expect(chance.tailProbability).to.be.at.most(limits.maxTailProbability);
      expect(chance.expected).to.be.below(chance.observed);
    });
  }
  it('when the two ratings are compared, then the skeleton signal has the same weight at 1★ and 5★', () => {
    const w1 = shop(1, farmText, 5)
      .review('n4')!
      .verdict.reasons.find((x) => x.signal === 'sentence-skeleton')!.weight;
    const w5 = shop(5, farmText, 5)
      .review('n4')!
      .verdict.reasons.find((x) => x.signal === 'sentence-skeleton')!.weight;
    expect(w1).to.equal(w5);
  });
  it('when buyers complain about one defect in their own words within days (a complaint wave), then no skeleton signal fires and nothing is held', () => {
    const r = shop(1, (i) => COMPLAINTS[i]!, COMPLAINTS.length);
    for (let i = 0; i < COMPLAINTS.length; i++) {
      const v = r.review(`n${i}`)!.verdict;
      expect(
        v.reasons.map((x) => x.signal),
        `n${i}`,
      ).to.not.include('sentence-skeleton');
      expect(v.decision, `n${i}`).to.equal('published');
    }
  });
});
