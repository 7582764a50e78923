import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { isSurprising, phraseAgainstChance, sentencePieces } from '../../../server/integrity/text-chance.js';
import type { SignalResult } from '../../../server/integrity/types.js';

// A shared phrase that runs across a sentence end is judged by the pairs inside each of its sentences: the pair across
// the end ("… at night. Shame because …" → "night shame") only says in which order a writer put two sentences that
// this product's reviewers commonly write, and a few dozen reviews are too few to have seen that order.

const limits = defaultPolicy.text.chance;
const DEFECT = 'The monitor keeps losing connection at night';
const OTHER_DEFECTS = ['Camera disconnects every hour and the alarm beeps', 'Signal drops constantly and the screen says out of range'];
const OPENERS = ['Was fine at first.', 'Bought this in good faith.', 'Been using it a couple of weeks.', 'Ugh.', 'Second unit, same problem.'];
const CLOSERS = ['Returned for a refund.', 'Replacement did the same.', 'Contacted support, waiting.', 'Not acceptable at this price.'];
const PRAISE = ['the picture is clear even at night', 'soft fabric and washes well', 'warms a bottle in four minutes', 'the app is easy to set up'];

/**
 * A complaint wave on one baby monitor: wave buyers write the defect sentence with their own openers and closers, and
 * others end with "Shame because <praise> when it works" after another defect; nobody has written the defect sentence
 * followed by the "Shame because" sentence yet.
 */
function wave(rating: number) {
  const w = world().merchant().product('p1').background(300);
  for (let i = 0; i < 8; i++) {
    w.account(`d${i}`, { at: -300 + i * 30 });
    w.review(`dr${i}`, `d${i}`, 'p1', -6 + i * 0.5, {
      rating,
      body: `${OPENERS[i % 5]} ${DEFECT}. ${CLOSERS[i % 4]}`,
      orderDaysBefore: i % 2 ? 10 : undefined,
    });
  }
  for (let i = 0; i < 5; i++) {
    w.account(`s${i}`, { at: -280 + i * 35 });
    w.review(`sr${i}`, `s${i}`, 'p1', -5.8 + i * 0.6, {
      rating,
      body: `${OPENERS[(i + 2) % 5]} ${OTHER_DEFECTS[i % 2]}. Shame because ${PRAISE[i % 4]} when it works.`,
      orderDaysBefore: i % 2 ? undefined : 9,
    });
  }
  return w;
}

/** A carrier's NAT address: accounts of the shop opened over the past year review other products from it. */
function carrier(w: ReturnType<typeof world>, ip: string) {
  for (let i = 0; i < 4; i++) {
    w.account(`nat${i}`, { at: -330 + i * 70, ip });
    w.review(`natr${i}`, `nat${i}`, `bg-p${i + 3}`, -25 + i * 3, {
      body: `Carrier order ${i}: ${['kettle', 'torch', 'scarf', 'mug'][i]} arrived quickly, does the job.`,
    });
  }
  return w;
}

const phraseSignal = (v: { reasons: SignalResult[] }, label: string) => v.reasons.find((x) => x.signal === 'shared-rare-phrase' && x.label === label);

describe('shared phrases across sentence ends', () => {
  it('when a phrase runs across sentence ends of the text it was taken from, then it is split there, and kept whole otherwise', () => {
    const text = `Monitor connection failed\nWas fine at first. ${DEFECT}. Shame because it gives me peace of mind when it works.`;
    const phrase = 'the monitor keeps losing connection at night shame because'.split(' ');
    expect(sentencePieces(phrase, text)).to.deep.equal([
      ['the', 'monitor', 'keeps', 'losing', 'connection', 'at', 'night'],
      ['shame', 'because'],
    ]);
    expect(sentencePieces(['keeps', 'losing', 'connection'], text)).to.deep.equal([['keeps', 'losing', 'connection']]);
    expect(sentencePieces(['not', 'in', 'the', 'text'], text)).to.deep.equal([['not', 'in', 'the', 'text']]);
  });

  it("when two sentences this product's reviewers commonly write are side by side for the first time, then the phrase across them is explained by chance, not by its unseen pair", () => {
    const w = wave(1);
    w.account('me', { at: -200 });
    w.review('mine', 'me', 'p1', 0, { rating: 1, body: `Ugh. ${DEFECT}. Shame because the light is warm and not too bright when it works.` });
    const r = w.run();
    const s = r.review('mine')!.submission;
    const stats = r.contextFor(s).textStats!;
    const phrase = 'the monitor keeps losing connection at night shame because';
    const whole = phraseAgainstChance(phrase, 1, true, stats, limits)!;
    const bySentence = phraseAgainstChance(phrase, 1, true, stats, limits, undefined, `${s.title}\n${s.body}`)!;
    // The pair "night shame" alone (never seen on the product) would make it look rare.
    expect(bySentence.expected).to.be.above(whole.expected * 4);
    expect(bySentence.tailProbability).to.be.above(defaultPolicy.text.similarity.sharedNetworkPhraseMaxTail);
    expect(isSurprising(bySentence, { ...limits, maxTailProbability: defaultPolicy.text.similarity.sharedNetworkPhraseMaxTail })).to.equal(false);
  });

  for (const rating of [1, 5]) {
    it(`when two wave buyers behind one carrier address (accounts opened months apart) join the wave's defect sentence and its "Shame because" sentence alike (${rating}★), then that is no sockpuppet evidence and both are published`, () => {
      const ip = '84.236.95.143';
      const w = carrier(wave(rating), ip);
      w.account('h0', { at: -240, ip }).account('h1', { at: -2, ip: '84.236.95.9' });
      w.review('hr0', 'h0', 'p1', -1, {
        rating,
        body: `Was fine at first. ${DEFECT}. Shame because it gives me peace of mind when it works.`,
        ip: '84.236.95.3',
      });
      w.review('hr1', 'h1', 'p1', 0, { rating, body: `Ugh. ${DEFECT}. Shame because the light is warm and not too bright when it works.`, ip });
      const r = w.run();
      for (const id of ['hr0', 'hr1']) {
        const v = r.review(id)!.verdict;
        expect(phraseSignal(v, 'sockpuppet'), id).to.equal(undefined);
        expect(v.decision, id).to.equal('published');
      }
    });

    it(`when two accounts behind one carrier address share several sentences nobody else on the product wrote (${rating}★), then the phrase across them is still sockpuppet evidence, with observed and expected recorded`, () => {
      const ip = '84.236.95.143';
      const w = carrier(wave(rating), ip);
      const template = 'The night light glows a soft amber that never wakes the twins. Pairing took one button press on the parent unit';
      w.account('k0', { at: -240, ip }).account('k1', { at: -90, ip });
      // Each writes its own first and last sentences, so that the texts are not near-duplicates: only the phrase is shared.
      w.review('kr0', 'k0', 'p1', -1, {
        rating,
        body: `We ordered it after our old one died during the move to the new flat. ${template}. The battery lasts about a full day and the clip holds on the cot rail without slipping.`,
      });
      w.review('kr1', 'k1', 'p1', 0, {
        rating,
        body: `My sister recommended this brand when the twins arrived in March. ${template}. Range covers the garden and the kitchen downstairs even with the thick stone walls.`,
      });
      const v = w.run().review('kr1')!.verdict;
      const s = phraseSignal(v, 'sockpuppet');
      expect(s, 'shared-rare-phrase (sockpuppet)').to.not.equal(undefined);
      expect(s!.evidence.sharedPhrases as string[]).to.satisfy((p: string[]) => p.some((x) => x.includes('wakes the twins pairing took')));
      expect(v.decision).to.equal('held');
      const chance = (s!.evidence.againstChance as { observed: number; expected: number; tailProbability: number }[])[0]!;
      expect(chance.observed).to.equal(1);
      expect(chance.tailProbability).to.be.at.most(defaultPolicy.text.similarity.sharedNetworkPhraseMaxTail);
    });
  }
});
