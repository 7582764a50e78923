import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const ADJ = ['superb', 'brilliant', 'fantastic', 'excellent', 'amazing', 'perfect'];
const farm = (i: number, product: string) =>
  `This ${product} is ${ADJ[i % ADJ.length]}, highly recommend to every camper. Worth every penny, the zipper is ${ADJ[(i + 2) % ADJ.length]} and it arrived quickly.`;

function heldAsPaid() {
  const w = world().merchant().product('p1', 'm1', 'Trail Tent').product('p2', 'm1', 'Camp Stove').product('p3', 'm1', 'Head Lamp').background();
  for (let i = 0; i < 6; i++) w.account(`f${i}`, { at: -300 - i, ip: `81.7.${i}.9` });
  for (let i = 0; i < 6; i++) w.review(`x${i}`, `f${i}`, 'p2', 10 + i * 0.3, { body: farm(i + 3, 'Camp Stove'), orderDaysBefore: 4 });
  for (let i = 0; i < 6; i++) w.review(`r${i}`, `f${i}`, 'p1', 14 + i * 0.3, { body: farm(i, 'Trail Tent'), orderDaysBefore: 3 });
  return w;
}

describe('re-labelling held reviews', () => {
  it('when a review held as paid is later shown to belong to a ring of linked accounts, then it stays held and its labels follow the evidence', () => {
    const base = heldAsPaid().run().review('r5')!.verdict;
    expect(base.decision).to.equal('held');
    expect(base.labels).to.deep.equal(['paid']);

    // Sock puppets on the author's own address and browser repeat its review nearly word for word.
    const w = heldAsPaid();
    const text = farm(5, 'Trail Tent');
    for (let i = 0; i < 3; i++) w.account(`s${i}`, { at: 15 + i * 0.01, ip: '81.7.5.9', ua: 'UA-f5' });
    for (let i = 0; i < 3; i++)
      w.review(`s${i}r`, `s${i}`, 'p1', 16 + i * 0.05, { body: text.replace('quickly', i % 2 ? 'fast' : 'quickly!'), ip: '81.7.5.9', ua: 'UA-f5' });
    const r = w.run();
    const later = r.review('s2r')!.verdict;
    expect(later.decision).to.equal('held');
    expect(later.labels).to.include('sockpuppet');
    const v = r.review('r5')!.verdict;
    expect(v.decision).to.equal('held');
    expect(v.labels).to.include('sockpuppet');
  });
});
