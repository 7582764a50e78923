import type { world } from './in-memory-context.js';
import { verifiedShop } from './verified-shop.js';

// Accounts posting on product p1 on day 0 (signals/throwaway-cohort.ts scenes): each with its own network, browser
// and words.
/** Reviewers' own words, one line each (shared by the scenes of signals that must not see a template). */
export const OWN_WORDS = [
  'Took it to the lake last weekend and it held up.',
  'Bought this for my daughter, she uses it daily.',
  'Second one I have owned, better than the first.',
  'Used it on a windy ridge in April, no trouble.',
  'We camp most summers and this is our pick now.',
  'Honest review after three trips: solid enough.',
  'It rained the whole first night, stayed dry.',
  'Smaller than I pictured but it does the job.',
  'Packed down small in the car boot, easy to carry.',
  'My partner set it up alone in ten minutes.',
];
export const HOUR = 1 / 24;

export type Scene = ReturnType<typeof world>;

/**
 * Product p1 and 160 verified reviews of 40 other products over the four months before day −2, by accounts with some
 * age: the shop's recent reviews have no throwaway account's among them. All of it comes before the scene's day 0, so a
 * replay in event order is also in time order (the database reads "the shop's most recent reviews" by time).
 */
export function pastShop(): Scene {
  return verifiedShop(20, -122);
}
/** `size` accounts, each opened `ageHours` before its review of p1 on day 0 (one every `spacingHours`), `ordered`: each with an order days before. */
export function crowd(w: Scene, rating: number, size: number, o: { ageHours?: number; spacingHours?: number; ordered?: boolean; prefix?: string } = {}) {
  const { ageHours = 6, spacingHours = 2, ordered = false, prefix = 't' } = o;
  for (let i = 0; i < size; i++) {
    const at = i * spacingHours * HOUR;
    // Each account on its own network (the prefix keeps two crowds apart).
    w.account(`${prefix}${i}`, { at: at - ageHours * HOUR, ip: `${20 + i * 13}.${prefix.charCodeAt(0)}.${i * 7}.${9 + i}` });
    w.review(`${prefix}${i}`, `${prefix}${i}`, 'p1', at, {
      rating,
      body: `${OWN_WORDS[i % OWN_WORDS.length]} Note ${i}.`,
      orderDaysBefore: ordered ? 5 + i : null,
    });
  }
  return w;
}
