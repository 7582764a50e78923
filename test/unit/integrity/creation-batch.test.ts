import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// A /24 held by more accounts than commonIdentifierAccountLimit is not followed (a carrier range, a campus), except
// for the accounts opened in one batch with the author: several accounts created within hours from one /24.
const UA = 'Mozilla/5.0 (Linux; Android 14; SM-S918B) Common Build';
const ip = (i: number) => `31.48.181.${10 + i * 7}`;

function batchRing(rating: number) {
  // A shop of hundreds of accounts on other networks: the batch is compared with the shop's sign-ups and the /24's
  // share of its accounts (in a shop whose every account is on this /24, a batch on it would be chance).
  const w = world().merchant().product('p1').product('p2').background(300);
  // Neighbours on the same carrier range, opened months apart, reviewing other things.
  for (let i = 0; i < 6; i++)
    w.account(`n${i}`, { at: -300 + i * 40, ip: ip(20 + i), ua: UA }).review(`n${i}`, `n${i}`, 'p2', -100 + i * 9, {
      body: `Neighbour ${i} writes about the lantern on a camping weekend and the battery.`,
    });
  // Five accounts opened within a day from the range, reviewing p1 within hours of each other.
  for (let i = 0; i < 5; i++) w.account(`s${i}`, { at: -30 + i * 0.2, ip: ip(i), ua: UA });
  const bodies = [
    'Pitched it in minutes and stayed dry through a storm, the poles feel solid and light.',
    'Roomy for two people, the vestibule keeps boots dry and the zips run smoothly every time.',
    'Packs down small enough for my bike bags and the fly went up quickly in the wind.',
    'Survived a windy night on the coast, condensation was low and the pegs held firm.',
    'Good ventilation on warm nights, the mesh panels are large and the floor is tough.',
  ];
  for (let i = 0; i < 5; i++) w.review(`s${i}-p1`, `s${i}`, 'p1', i * 0.05, { rating, body: bodies[i], ip: ip(i) });
  return w.run();
}

describe('accounts opened in one batch on one network', () => {
  for (const rating of [1, 5]) {
    it(`when accounts created within hours on one busy /24 review one product within hours (${rating}★), then they are linked and held as sockpuppets`, () => {
      const r = batchRing(rating);
      const last = r.review('s4-p1')!;
      const linked = r.contextFor(last.submission).linkedAccounts.map((l) => l.account.id);
      expect(linked).to.include.members(['s0', 's1', 's2', 's3']);
      expect(linked).to.not.include('n0');
      expect(last.verdict.decision).to.equal('held');
      expect(last.verdict.labels).to.include('sockpuppet');
      const co = last.verdict.reasons.find((x) => x.signal === 'linked-co-review' && x.label === 'sockpuppet');
      expect(co, JSON.stringify(last.verdict.reasons)).to.not.equal(undefined);
    });
  }
  for (const rating of [1, 5]) {
    it(`when neighbours on a busy /24 opened months apart review one product the same day (${rating}★), then nothing is held`, () => {
      const w = world().merchant().product('p1');
      for (let i = 0; i < 10; i++) w.account(`n${i}`, { at: -300 + i * 25, ip: ip(i), ua: UA });
      const bodies = [
        'Took it to the lake district and the fly kept the rain out all night.',
        'Heavier than I hoped, but my kids love the big door and the windows.',
        'Second season with it now, one pole section bent and the rest is fine.',
        'Setup confused me at first; the colour-coded clips helped once I noticed them.',
        'We used it at a festival, loud neighbours but the tent itself was great.',
        'Fits my air mattress exactly, with room for a bag at the feet.',
        'The groundsheet is thin so I bought a footprint separately.',
        'Sturdy in a gale on Dartmoor, I slept better than expected.',
        'Bright orange makes it easy to find in a crowded campsite.',
        'Good for short trips; for a week away I would want more space.',
      ];
      for (let i = 0; i < 10; i++) w.review(`n${i}-p1`, `n${i}`, 'p1', i * 0.1, { rating, body: bodies[i], orderDaysBefore: 5 });
      const r = w.run();
      for (let i = 0; i < 10; i++) expect(r.review(`n${i}-p1`)!.verdict.decision, `n${i}`).to.equal('published');
      expect(r.contextFor(r.review('n9-p1')!.submission).linkedAccounts.map((l) => l.account.id)).to.deep.equal([]);
    });
  }
});
