import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import type { SignalResult } from '../../../server/integrity/types.js';

// Shared wording is judged against the product's own wording and against the reviewers who show independence (an
// order placed days before, on an account open for months): a defect everyone describes in the same words is not a
// template, between linked accounts or between strangers.

const DEFECT = 'The seam along the left side split open after the first night of rain';
const OPENERS = [
  'Bought this for a week in the Lakes.',
  'Second trip with it and already done.',
  'Used it twice in the Highlands.',
  'Took it to a festival last month.',
  'Weekend on the coast with the kids.',
  'Camped in the Peak District with it.',
  'Got it for a cycling tour.',
  'Family trip to Wales, four nights.',
];

/** Distinct closing sentences, so that each review is its own text apart from the shared sentence. */
const CLOSERS = [
  'Customer service offered a refund within the hour, which I took.',
  'Poles and pegs are fine, it is only the fabric that let go.',
  'We slept in the car for the rest of the weekend and drove home early.',
  'Packed size is great and it pitched quickly before that happened.',
  'Shame, because the porch and the ventilation were better than on our old one.',
  'I would not trust it again without resealing every seam myself first.',
  'Returned it through the shop and bought a heavier model from another brand.',
  'The kids thought it was an adventure, my sleeping bag did not agree.',
];

type Scene = ReturnType<typeof world>;

/** Six established customers (accounts open for a year, orders placed days before) describe the defect in the same words. */
function defectWave(w: Scene, rating: number) {
  for (let i = 0; i < 6; i++) {
    w.account(`old${i}`, { at: -400 + i * 20 });
    w.review(`or${i}`, `old${i}`, 'p1', -3 + i * 0.4, { rating, body: `${OPENERS[i]} ${DEFECT}. ${CLOSERS[i]}`, orderDaysBefore: 6 });
  }
  return w;
}

/** An office's address: five colleagues' accounts, opened over the past year, review other products from it. */
function office(w: Scene, ip: string) {
  for (let i = 0; i < 5; i++) {
    w.account(`off${i}`, { at: -360 + i * 60, ip });
    w.review(`offr${i}`, `off${i}`, `bg-p${i}`, -20 + i, {
      body: `Office order ${i}: ${['stove', 'lamp', 'mat', 'chair', 'flask'][i]} works as described, no complaints.`,
    });
  }
  return w;
}

const phraseSignal = (v: { reasons: SignalResult[] }, label: string) => v.reasons.find((x) => x.signal === 'shared-rare-phrase' && x.label === label);

describe('shared phrases against the product and independent reviewers', () => {
  for (const rating of [1, 5]) {
    it(`when two colleagues on one office address (accounts opened months apart) use the words six established customers used for one defect (${rating}★), then the phrase is no sockpuppet evidence and both are published`, () => {
      const w = world().merchant().product('p1').background(300);
      defectWave(w, rating);
      office(w, '198.51.100.40');
      w.account('h0', { at: -300, ip: '198.51.100.40' }).account('h1', { at: -120, ip: '198.51.100.40' });
      w.review('hr0', 'h0', 'p1', -0.5, { rating, body: `${OPENERS[6]} ${DEFECT}. ${CLOSERS[6]}` });
      w.review('hr1', 'h1', 'p1', -0.2, { rating, body: `${OPENERS[7]} ${DEFECT}. ${CLOSERS[7]}` });
      const r = w.run();
      for (const id of ['hr0', 'hr1']) {
        const v = r.review(id)!.verdict;
        expect(v.decision, id).to.equal('published');
        expect(phraseSignal(v, 'sockpuppet'), id).to.equal(undefined);
      }
    });
  }

  it('when two accounts on one office address (opened months apart) share a long phrase nobody else on the product wrote, then it is still sockpuppet evidence, with observed and expected recorded', () => {
    const w = world().merchant().product('p1').background(300);
    defectWave(w, 5);
    office(w, '198.51.100.60');
    w.account('k0', { at: -300, ip: '198.51.100.60' }).account('k1', { at: -100, ip: '198.51.100.60' });
    const unique = 'The guy ropes glow bright orange under a head torch which saved my ankles twice';
    w.review('kr0', 'k0', 'p1', -0.5, { body: `${OPENERS[6]} ${unique}. ${CLOSERS[6]}` });
    w.review('kr1', 'k1', 'p1', -0.3, { body: `${OPENERS[7]} ${unique}. ${CLOSERS[7]}` });
    const v = w.run().review('kr1')!.verdict;
    const s = phraseSignal(v, 'sockpuppet');
    expect(s, 'shared-rare-phrase (sockpuppet)').to.not.equal(undefined);
    const chance = (s!.evidence.againstChance as { observed: number; expected: number; tailProbability: number }[])[0]!;
    expect(chance.observed).to.equal(1);
    expect(chance.expected).to.be.below(0.05);
    expect(chance.tailProbability).to.be.at.most(0.01);
  });

  for (const rating of [1, 5]) {
    it(`when two people of one household (a home address only they hold) use the words six established customers used for the product (${rating}★), then chance explains the phrase and it is no sockpuppet evidence`, () => {
      const w = world().merchant().product('p1').background(300);
      defectWave(w, rating);
      w.account('hh0', { at: -300, ip: '203.0.113.77' }).account('hh1', { at: -200, ip: '203.0.113.77' });
      w.review('hh0r', 'hh0', 'p1', -0.5, { rating, body: `${OPENERS[6]} ${DEFECT}. ${CLOSERS[6]}`, orderDaysBefore: 5 });
      w.review('hh1r', 'hh1', 'p1', -0.2, { rating, body: `${OPENERS[7]} ${DEFECT}. ${CLOSERS[7]}`, orderDaysBefore: 5 });
      const v = w.run().review('hh1r')!.verdict;
      expect(phraseSignal(v, 'sockpuppet'), JSON.stringify(v.reasons)).to.equal(undefined);
      expect(v.decision).to.equal('published');
    });
  }

  it('when two people of one household share a long phrase nobody else on the product wrote, then it is still sockpuppet evidence, with its chance recorded', () => {
    const w = world().merchant().product('p1').background(300);
    defectWave(w, 5);
    w.account('hh0', { at: -300, ip: '203.0.113.78' }).account('hh1', { at: -200, ip: '203.0.113.78' });
    const unique = 'The guy ropes glow bright orange under a head torch which saved my ankles twice';
    w.review('hh0r', 'hh0', 'p1', -0.5, { body: `${OPENERS[6]} ${unique}. ${CLOSERS[6]}` });
    w.review('hh1r', 'hh1', 'p1', -0.3, { body: `${OPENERS[7]} ${unique}. ${CLOSERS[7]}` });
    const s = phraseSignal(w.run().review('hh1r')!.verdict, 'sockpuppet');
    expect(s, 'shared-rare-phrase (sockpuppet)').to.not.equal(undefined);
    const chance = (s!.evidence.againstChance as { observed: number; tailProbability: number }[])[0]!;
    expect(chance.observed).to.equal(1);
    expect(chance.tailProbability).to.be.at.most(0.01);
  });

  for (const rating of [1, 5]) {
    it(`when strangers share a long phrase (${rating}★), then fresh accounts without orders are template evidence but established customers who ordered days before are not`, () => {
      const phrase = 'The zip pull snapped clean off on the very first morning we used it';
      const fresh = world().merchant().product('p1').background(300);
      const established = world().merchant().product('p1').background(300);
      for (let i = 0; i < 3; i++) {
        fresh.account(`f${i}`, { at: -2 + i * 0.1 });
        fresh.review(`fr${i}`, `f${i}`, 'p1', -1.5 + i * 0.2, { rating, body: `${OPENERS[i]} ${phrase}.` });
        established.account(`f${i}`, { at: -300 + i * 40 });
        established.review(`fr${i}`, `f${i}`, 'p1', -1.5 + i * 0.2, { rating, body: `${OPENERS[i]} ${phrase}.`, orderDaysBefore: 8 });
      }
      for (const w of [fresh, established]) {
        w.account('me', { at: -200 });
        w.review('mine', 'me', 'p1', 0, { rating, body: `${OPENERS[5]} ${phrase}.`, orderDaysBefore: 4 });
      }
      const paidFresh = phraseSignal(fresh.run().review('mine')!.verdict, 'paid');
      expect(paidFresh, 'fresh sharers').to.not.equal(undefined);
      expect(paidFresh!.evidence.sharedPhrases as string[]).to.satisfy((p: string[]) => p.some((x) => x.includes('zip pull snapped')));
      const paidEstablished = phraseSignal(established.run().review('mine')!.verdict, 'paid');
      const kept = (paidEstablished?.evidence.sharedPhrases as string[] | undefined) ?? [];
      expect(
        kept.some((x) => x.includes('zip pull snapped')),
        'established sharers',
      ).to.equal(false);
    });
  }
});
