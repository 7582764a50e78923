import { world } from './in-memory-context.js';

// A slow ring: four accounts on one provider block with one browser build, reviewing one product three weeks apart,
// each from its own /24 (a reassigned address). The build is common in the shop (too common to link accounts by
// itself) but only the ring holds it on this block, so the block-and-build test alone is beyond the drip line. The
// ring's earlier reviews are weeks old: outside the burst window, and their wording is a phrase inside sentences that
// differ (no shared sentence key, no shared LSH band), so no list of the context but the product history carries them.
export const DRIP_PHRASE = 'my brother in law swears by this one';
const OPENERS = ['Bought it for the garden shed and', 'Took a while to arrive but', 'Ordered the grey one because', 'Second time buying from this shop,'];
const ENDINGS = [
  'the hinges feel solid and the paint has not chipped after a wet month outdoors.',
  'the lid seals well enough that the cushions stayed dry through three storms.',
  'it fits under the window without blocking the tap, which the old box did.',
  'assembly took twenty minutes with one screwdriver and no spare parts left over.',
];

export interface DripSceneOptions {
  rating?: number;
  /** What the ring's reviews share; null: nothing. */
  shared?: string | null;
  /** A sentence every buyer of the product writes (then chance explains it). */
  buyersSay?: string;
}

/** The events of the scene (world), to be run in memory (`.run()`) or replayed on a database (`.events`). */
export function dripScene(o: DripSceneOptions = {}) {
  const w = world().merchant().product('p1').background(300, 40, -150, 30);
  // The product's buyers over the months, each on its own network and build.
  for (let i = 0; i < 8; i++) {
    w.account(`g${i}`, { at: -300 - i * 5 });
    w.review(`g${i}-p1`, `g${i}`, 'p1', -140 + i * 14, {
      body: `${ENDINGS[i % ENDINGS.length]} ${o.buyersSay ?? ''} Buyer ${i}, week ${i + 2} with it.`,
      orderDaysBefore: 5,
    });
  }
  // The build is common in the shop: twelve accounts elsewhere hold it (so it links no one by itself).
  for (let i = 0; i < 12; i++) w.account(`c${i}`, { at: -420 + i, ip: `77.${10 + i}.4.${i + 2}`, ua: 'Phone-Build/18.1' });
  for (let i = 0; i < 4; i++) w.account(`a${i}`, { at: -160 + i * 21, ip: `98.207.${i * 37 + 5}.${i + 20}`, ua: 'Phone-Build/18.1' });
  for (let i = 0; i < 4; i++) {
    const shared = o.shared === null ? 'it does the job' : (o.shared ?? DRIP_PHRASE);
    w.review(`r${i}`, `a${i}`, 'p1', -120 + i * 21, {
      rating: o.rating ?? 5,
      ip: `98.207.${i * 41 + 11}.${i + 40}`,
      body: `${OPENERS[i]} ${shared}, ${ENDINGS[(i + 1) % ENDINGS.length]}`,
    });
  }
  return w;
}
