import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// Texts that share nothing: identity and timing are the only evidence.
const T = [
  'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
  'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
  'The zip on the inner door snagged twice, otherwise warm enough for late autumn.',
  'Bought it for the kids, they sleep in it in the garden every weekend now.',
  'Heavier than the listing says but the groundsheet is thick and the pegs hold in sand.',
];
const HOME = '203.0.113.77';
const PC = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/**
 * A family computer: three accounts opened the same evening from one address and browser, each with orders of its own
 * placed days before, two of them reviewing two products within days of each other (a product one of them ordered,
 * reviewed by the other without an order of its own: the household bought it once).
 */
function family(rating: number) {
  return world()
    .merchant()
    .product('p1')
    .product('p2')
    .background(300)
    .account('a1', { at: -30, ip: HOME, ua: PC, email: 'maria.okafor@mailbox.example' })
    .account('a2', { at: -29.95, ip: HOME, ua: PC, email: 'tom.okafor@post.example' })
    .account('a3', { at: -29.9, ip: HOME, ua: PC, email: 'lena.b@inbox.example' })
    .review('r1', 'a1', 'p1', 0, { rating, body: T[0], orderDaysBefore: 16 })
    .review('r2', 'a2', 'p1', 3, { rating, body: T[1], orderDaysBefore: 19 })
    .review('r3', 'a3', 'p2', 4.3, { rating, body: T[2], orderDaysBefore: 3 })
    .review('r4', 'a2', 'p2', 5, { rating, body: T[3] })
    .review('r5', 'a3', 'p1', 8, { rating, body: T[4] })
    .run();
}

/** The same shape posted by one person: accounts opened together on one computer, only one of them ever ordering. */
function ring(rating: number) {
  return world()
    .merchant()
    .product('p1')
    .product('p2')
    .background(300)
    .account('a1', { at: -30, ip: HOME, ua: PC })
    .account('a2', { at: -29.95, ip: HOME, ua: PC })
    .account('a3', { at: -29.9, ip: HOME, ua: PC })
    .review('r1', 'a1', 'p1', 0, { rating, body: T[0], orderDaysBefore: 16 })
    .review('r2', 'a2', 'p1', 0.3, { rating, body: T[1] })
    .review('r3', 'a3', 'p1', 0.5, { rating, body: T[2] })
    .run();
}

describe('a shared device: a household or one person', () => {
  for (const rating of [1, 5]) {
    it(`when a family opened accounts on one computer the same evening and each has orders of its own, then their reviews of the same products days apart are published (${rating}★)`, () => {
      const r = family(rating);
      for (const id of ['r1', 'r2', 'r3', 'r4', 'r5']) {
        const v = r.review(id)!.verdict;
        expect(v.decision, id).to.equal('published');
      }
      // The link is still shown, as a household's: same address, each account with its own orders.
      const shared = r.review('r5')!.verdict.reasons.find((x) => x.signal === 'shared-identity')!;
      expect(shared.evidence.accounts).to.include('a2');
      const timing = r.review('r5')!.verdict.reasons.find((x) => x.signal === 'linked-co-review');
      expect(timing, 'household co-reviews are not "posted together" on a strong link').to.equal(undefined);
    });

    it(`when accounts opened together on one computer review one product within hours and only one of them ever ordered, then they are held as sockpuppets (${rating}★)`, () => {
      const r = ring(rating);
      for (const id of ['r2', 'r3']) {
        const v = r.review(id)!.verdict;
        expect(v.decision, id).to.equal('held');
        expect(v.labels, id).to.include('sockpuppet');
      }
      // The author who ordered is still tied to the accounts that never did: no household without orders on both sides.
      const v = r.review('r1')!.verdict;
      expect(v.decision).to.equal('held');
      const t = v.reasons.find((x) => x.signal === 'linked-co-review')!;
      expect((t.evidence.links as Record<string, { tier: string }>).a2!.tier).to.equal('strong');
    });
  }

  it('when two accounts with orders of their own share one mailbox, then they stay one person', () => {
    const r = world()
      .merchant()
      .product('p1')
      .background(300)
      .account('a1', { at: -30, ip: HOME, ua: PC, email: 'jane.doe@gmail.com' })
      .account('a2', { at: -29.9, ip: HOME, ua: PC, email: 'janedoe+shop@googlemail.com' })
      .review('r0', 'a2', 'bg-p1', -5, { body: T[3], orderDaysBefore: 8 })
      .review('r1', 'a1', 'p1', 0, { body: T[0], orderDaysBefore: 10 })
      .review('r2', 'a2', 'p1', 0.2, { body: T[1], orderDaysBefore: 0.1 })
      .run();
    const t = r.review('r2')!.verdict.reasons.find((x) => x.signal === 'linked-co-review')!;
    expect((t.evidence.links as Record<string, { tier: string }>).a1!.tier).to.equal('strong');
    expect(r.review('r2')!.verdict.decision).to.equal('held');
  });
});
