import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const RING = 'Honestly a game changer for our family, trust me you will not regret this purchase at all.';

function ring(rating: number) {
  return world()
    .merchant()
    .product('p1')
    .account('a1', { at: -3, ip: '198.51.100.7', ua: 'RareUA/1', email: 'j.smith@gmail.com' })
    .account('a2', { at: -2.9, ip: '198.51.100.7', ua: 'RareUA/1', email: 'jsmith+2@gmail.com' })
    .account('a3', { at: -2.8, ip: '198.51.100.7', ua: 'RareUA/1', email: 'js.mith@gmail.com' })
    .review('r1', 'a1', 'p1', 0, { rating, body: `${RING} The zipper feels solid.` })
    .review('r2', 'a2', 'p1', 0.2, { rating, body: `Great tent overall. ${RING}` })
    .review('r3', 'a3', 'p1', 0.4, { rating, body: `${RING} Setup took five minutes.` })
    .run();
}

describe('shared identity', () => {
  for (const rating of [1, 5]) {
    it(`when accounts sharing a mailbox and ip review one product with recycled phrasing (${rating}★), then they are held as sockpuppets, earlier ones too`, () => {
      const r = ring(rating);
      for (const id of ['r1', 'r2', 'r3']) {
        expect(r.review(id)!.verdict.decision, id).to.equal('held');
        expect(r.review(id)!.verdict.labels).to.include('sockpuppet');
      }
      const identity = r.review('r3')!.verdict.reasons.find((x) => x.signal === 'shared-identity')!;
      expect(identity.evidence.accounts).to.have.members(['a1', 'a2']);
    });
  }
  it('when a household shares an ip but writes different texts, then nothing is held even on the same product', () => {
    const r = world()
      .merchant()
      .product('p1')
      .product('p2')
      .account('a1', { at: -400, ip: '203.0.113.5', ua: 'Safari/17' })
      .account('a2', { at: -100, ip: '203.0.113.5', ua: 'Safari/17' })
      .review('r1', 'a1', 'p1', 0, { body: 'Kept the kids dry on a rainy scout weekend, the porch is handy for boots.', orderDaysBefore: 12 })
      .review('r2', 'a2', 'p1', 2, { rating: 2, body: 'The zip on mine jams constantly and one pole arrived bent, returning it.', orderDaysBefore: 12 })
      .review('r3', 'a2', 'p2', 3, { body: 'Warm enough down to freezing, bulky once packed but comfortable.' })
      .run();
    for (const id of ['r1', 'r2', 'r3']) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });
  it('when many accounts behind a mobile NAT review different products, then nothing is held', () => {
    const w = world().merchant();
    for (let i = 0; i < 6; i++) w.product(`p${i}`).account(`a${i}`, { at: -400 + i * 37, ip: '172.58.12.9', ua: 'iPhone Safari' });
    const own = ['The lid seals well', 'Battery lasts a week', 'Colour faded fast', 'Lovely soft fabric', 'Too loud for me', 'Kids play with it daily'];
    for (let i = 0; i < 6; i++)
      w.review(`r${i}`, `a${i}`, `p${i}`, i, {
        rating: i % 2 ? 2 : 5,
        body: `${own[i]}, ${['my son', 'the dog', 'we', 'my wife', 'I', 'grandma'][i]} ${['agree', 'approve', 'think so too', 'noticed', 'am sure', 'says so'][i]}. Would definitely recommend this to anyone.`,
      });
    const r = w.run();
    for (let i = 0; i < 6; i++) expect(r.review(`r${i}`)!.verdict.decision).to.equal('published');
  });
  for (const [what, otherHolders, placeOnly] of [
    ["a network 20 other accounts of the shop use (a provider's, a place)", 20, ['a1', 'a2', 'a3']],
    ['a block only these accounts use (theirs, not a place)', 0, undefined],
  ] as const) {
    it(`when linked accounts share only a /24 with the author and it is ${what}, then placeOnly names ${placeOnly ? 'them' : 'nobody'}; one that shares an address is never in it`, () => {
      const w = world().merchant().product('p1').background(300, 40);
      for (let i = 0; i < otherHolders; i++) w.account(`n${i}`, { at: -300 + i * 5, ip: `73.18.109.${100 + i}` });
      // Opened within the creation window of each other: a /24 too common to follow still links them.
      for (let i = 0; i < 4; i++) w.account(`a${i}`, { at: -3 + i * 0.5, ip: `73.18.109.${10 + i}`, ua: `UA-${i}` });
      w.account('a4', { at: -1, ip: '73.18.109.10', ua: 'UA-4' });
      const texts = [
        'Kept us dry through a stormy night.',
        'Pitched it alone in ten minutes.',
        'Solid zips and a roomy porch.',
        'Warm enough in spring.',
        'The zip stuck.',
      ];
      for (let i = 0; i < 5; i++) w.review(`r${i}`, `a${i}`, 'p1', i * 0.5, { rating: 1, body: texts[i]! });
      const identity = w
        .run()
        .review('r4')!
        .verdict.reasons.find((x) => x.signal === 'shared-identity')!;
      expect(identity.evidence.accounts).to.have.members(['a0', 'a1', 'a2', 'a3']);
      if (placeOnly) expect(identity.evidence.placeOnly).to.have.members([...placeOnly]);
      else expect(identity.evidence).to.not.have.property('placeOnly');
    });
  }
});
