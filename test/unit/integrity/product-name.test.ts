import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import type { Verdict } from '../../../server/integrity/types.js';

const OPEN = ['Finally got', 'Took out', 'Pitched', 'Tested', 'Camped in', 'Brought', 'Set up', 'Used'];
const CLOSE = [
  'during a windy lakeside weekend and stayed dry.',
  'on a muddy festival field, poles held firm overnight.',
  'alone in ten minutes before sunset, easy going.',
  'with my son near the river, ventilation kept condensation low.',
  'for three nights in the hills; roomy enough for gear.',
  'after work on a rainy evening, zero leaks.',
  'at a crowded campsite, packs down small afterwards.',
  'through a cold night, vestige of frost outside but cosy inside.',
];
const launchText = (i: number) => `${OPEN[i]} this Trail Tent 2P Pro ${CLOSE[i]}`;

function phrasesOf(v: Verdict): string {
  return JSON.stringify(v.reasons.map((r) => r.evidence.sharedPhrases ?? null));
}

describe('product names are not templates', () => {
  it('when verified buyers review a new product on its launch day all naming it, then they stay published and the name is not a shared phrase', () => {
    const w = world().merchant().product('p1', 'm1', 'Trail Tent 2P Pro');
    for (let i = 0; i < 8; i++) w.account(`b${i}`, { at: -500 - i * 13 });
    for (let i = 0; i < 8; i++) w.review(`l${i}`, `b${i}`, 'p1', 30 + i * 0.05, { orderDaysBefore: 6 + i, body: launchText(i) });
    const r = w.run();
    for (let i = 0; i < 8; i++) {
      const v = r.review(`l${i}`)!.verdict;
      expect(v.decision, `l${i}`).to.equal('published');
      expect(
        v.reasons.map((x) => x.signal),
        `l${i}`,
      ).not.to.include('window-template');
      expect(phrasesOf(v), `l${i}`).not.to.include('trail tent 2p pro');
    }
    expect(r.contextFor(r.review('l7')!.submission).product.name).to.equal('Trail Tent 2P Pro');
  });

  it('when a farm uses a template unrelated to the product name, then the template still counts', () => {
    const ADJ = ['superb', 'brilliant', 'fantastic', 'excellent', 'amazing', 'perfect'];
    const farm = (i: number, product: string) =>
      `This ${product} is ${ADJ[i % ADJ.length]}, highly recommend to every camper. Worth every penny, the zipper is ${ADJ[(i + 2) % ADJ.length]} and it arrived quickly.`;
    const w = world().merchant().product('p1', 'm1', 'Trail Tent').product('p2', 'm1', 'Camp Stove').background();
    for (let i = 0; i < 6; i++) w.account(`f${i}`, { at: -300 - i });
    for (let i = 0; i < 6; i++) w.review(`x${i}`, `f${i}`, 'p2', 10 + i * 0.3, { body: farm(i + 3, 'Camp Stove'), orderDaysBefore: 4 });
    for (let i = 0; i < 6; i++) w.review(`r${i}`, `f${i}`, 'p1', 14 + i * 0.3, { body: farm(i, 'Trail Tent'), orderDaysBefore: 3 });
    const v = w.run().review('r5')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.include('paid');
    const t = v.reasons.find((x) => x.signal === 'window-template')!;
    expect((t.evidence.sharedPhrases as { phrase: string }[]).map((p) => p.phrase).join(' ')).to.include('highly recommend to every camper');
  });
});
