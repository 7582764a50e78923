import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// Two buyers of a faulty kettle on one carrier's address (a mobile NAT shares one address among strangers) write
// near-duplicate reviews, in the words the whole complaint wave uses. Until 2026.33 a near-duplicate between linked
// accounts was not judged against chance, and such a pair was held as one person's two accounts.
const OPENINGS = ['Was fine at first.', 'Really disappointed.', 'Bought this last month.', 'Not happy.'];
const CLOSINGS = ['Looks like a lot of people have the same issue.', 'Returned it.', 'Contacting the seller.', 'Avoid.'];
const TITLES = ['Kettle base issue', 'Stopped working', 'Faulty', 'Base failed'];
const NAT = '92.39.183.61';

function waveWithPair(pairText: (i: number) => string) {
  const w = world().merchant().product('kettle').background();
  for (let i = 0; i < 24; i++) {
    w.account(`b${i}`, { at: -300 - i * 13 });
    w.review(`c${i}`, `b${i}`, 'kettle', i * 0.5, {
      rating: 1 + (i % 2),
      orderDaysBefore: 12,
      title: TITLES[i % 4],
      body: `${OPENINGS[i % 4]} The base stopped heating after ${6 + (i % 9)} days. ${CLOSINGS[(i >> 2) % 4]}`,
    });
  }
  // The carrier's address: strangers who reviewed other things from it over the months.
  for (let i = 0; i < 5; i++) w.account(`m${i}`, { at: -250 + i * 40, ip: NAT }).review(`m${i}`, `m${i}`, `bg-p${i}`, -200 + i * 41, { orderDaysBefore: 5 });
  // The pair: accounts of their own ages on that address, no order (bought in a shop).
  w.account('n1', { at: -90, ip: NAT, ua: 'UA-phone-a' }).account('n2', { at: -20, ip: NAT, ua: 'UA-phone-b' });
  w.review('p1', 'n1', 'kettle', 5, { rating: 1, title: 'Kettle base issue', body: pairText(1) });
  w.review('p2', 'n2', 'kettle', 6.5, { rating: 2, title: 'Kettle base issue', body: pairText(2) });
  return w.run();
}

describe('near-duplicates between linked accounts, against chance (integrity-2026.33)', () => {
  it('when two strangers on one carrier address describe the wave’s defect in the wave’s words, then the near-duplicate is explained by chance and neither is held', () => {
    const r = waveWithPair(
      (i) => `Was fine at first. The base stopped heating after 10 days. ${i === 1 ? 'Looks like a lot of people have the same issue.' : 'Returned it.'}`,
    );
    for (const id of ['p1', 'p2']) {
      const v = r.review(id)!.verdict;
      expect(v.decision, id).to.equal('published');
      expect(
        v.reasons.filter((s) => s.signal === 'near-duplicate-text').map((s) => s.label),
        id,
      ).not.to.include('sockpuppet');
    }
  });

  it('when the two linked accounts share wording nobody else uses, then the near-duplicate still counts as one person’s', () => {
    const r = waveWithPair(() => 'My grandmother’s brass whistling teapot outlived three of these sad plastic kettles before it finally gave up heating.');
    const v = r.review('p2')!.verdict;
    const near = v.reasons.find((s) => s.signal === 'near-duplicate-text' && s.label === 'sockpuppet');
    expect(near, JSON.stringify(v.reasons.map((s) => s.signal))).to.not.equal(undefined);
    expect(near!.evidence.accounts).to.deep.equal(['n1']);
  });

  it('when two linked accounts post near-identical everyday wording on two different products, then the near-duplicate is not judged against a product’s topic and counts as one person’s', () => {
    const w = world().merchant().product('kettle').product('toaster').background();
    w.account('h1', { at: -300, ip: '203.0.113.9', ua: 'UA-one-laptop' }).account('h2', { at: -250, ip: '203.0.113.9', ua: 'UA-one-laptop' });
    const generic = 'I compared a few options and this one had the best reviews, they were right. Five minutes out of the box and it was ready to go.';
    w.review('k1', 'h1', 'kettle', 0, { body: generic, orderDaysBefore: 6 });
    w.review('t2', 'h2', 'toaster', 2, { body: `${generic} Happy.`, orderDaysBefore: 6 });
    const near = w
      .run()
      .review('t2')!
      .verdict.reasons.find((s) => s.signal === 'near-duplicate-text');
    expect(near?.label).to.equal('sockpuppet');
    expect(near!.evidence.products).to.deep.equal(['kettle']);
    expect(near!.evidence).not.to.have.property('againstChance');
  });
});
