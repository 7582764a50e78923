import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const ADJ = ['superb', 'brilliant', 'fantastic', 'excellent', 'amazing', 'perfect'];
const farm = (i: number) =>
  `This Trail Tent is ${ADJ[i % ADJ.length]}, highly recommend to every camper. Worth every penny, the zipper is ${ADJ[(i + 2) % ADJ.length]} and it arrived quickly.`;

function farmWorld(rating: number, preOrdered: boolean) {
  const w = world().merchant().product('p1').product('p2').background();
  for (let i = 0; i < 6; i++) w.account(`f${i}`, { at: -300 - i });
  // Two products, six accounts, each review backed by an order placed days before: no timing burst.
  for (let i = 0; i < 6; i++)
    w.review(`x${i}`, `f${i}`, 'p2', 10 + i * 0.3, { rating, body: farm(i + 3).replace('Trail Tent', 'Camp Stove'), orderDaysBefore: preOrdered ? 4 : null });
  for (let i = 0; i < 6; i++) w.review(`r${i}`, `f${i}`, 'p1', 14 + i * 0.3, { rating, body: farm(i), orderDaysBefore: preOrdered ? 3 : null });
  return w.run();
}

describe('shared template within a product window', () => {
  for (const rating of [1, 5]) {
    it(`when accounts with pre-ordered purchases review the same products with one template (${rating}★), then the later ones are held as paid with the phrases as evidence`, () => {
      const r = farmWorld(rating, true);
      const v = r.review('r5')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('paid');
      const t = v.reasons.find((x) => x.signal === 'window-template')!;
      expect(t.family).to.equal('text');
      expect((t.evidence.sharedPhrases as { phrase: string }[]).map((p) => p.phrase).join(' ')).to.include('highly recommend to every camper');
      // Linkage: the same accounts on both products, far beyond what two products' popularity in this shop explains.
      expect(v.reasons.map((x) => x.signal)).to.include('reviewer-pool-overlap');
    });
  }
  it('when established buyers of one product complain in similar words within days (a defect wave), then nothing is held', () => {
    const w = world().merchant().product('p1');
    for (let i = 0; i < 8; i++) w.product(`q${i}`);
    for (let i = 0; i < 8; i++) w.account(`b${i}`, { at: -600 - i * 9 });
    for (let i = 0; i < 8; i++)
      w.review(`h${i}`, `b${i}`, `q${i}`, -200 + i * 11, {
        orderDaysBefore: 10,
        body: `Happy with product ${i}, it does the job fine for us and the price was fair at the time.`,
      });
    for (let i = 0; i < 8; i++)
      w.review(`d${i}`, `b${i}`, 'p1', i * 0.4, {
        rating: 1 + (i % 2),
        orderDaysBefore: 30 + i,
        body: `Same problem as other buyers, the zipper splits open after ${i + 2} weeks of normal use. Looks like a bad batch, very disappointed.`,
      });
    const r = w.run();
    for (let i = 0; i < 8; i++) expect(r.review(`d${i}`)!.verdict.decision, `d${i}`).to.equal('published');
  });
});
