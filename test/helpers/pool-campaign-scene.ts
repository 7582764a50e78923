import { world } from './in-memory-context.js';

// A farm serving two clients of unrelated shops (signals/reviewer-graph.ts, reviewer pools): its accounts review client
// B's product within a few days, and client A's product one every `spacingDays` over two or three weeks. The shop
// around them: 300 reviews of 40 other products over the five months before (posted before the scene, so that a
// database, which counts what was posted by the check, sees the same shop), and `bLaunchBuyers` genuine buyers who
// review client B's product in the same days as the farm (a launch that makes its co-reviews likelier by chance).

const LINES = ['Kept us dry on the coast.', 'Packs small, pitches fast.', 'The zip runs smoothly now.', 'Good value, sturdy poles.'];

export function twoClientCampaign(rating: number, o: { accounts?: number; spacingDays?: number; bLaunchBuyers?: number } = {}) {
  const accounts = o.accounts ?? 8;
  const spacing = o.spacingDays ?? 2.5;
  const w = world().merchant('m1', 'shop-one.example').merchant('m2', 'shop-two.example').product('client-a', 'm1').product('client-b', 'm2');
  w.background(300, 40, -150, -1);
  for (let i = 0; i < (o.bLaunchBuyers ?? 0); i++)
    w.account(`bbuyer${i}`).review(`bbuyer${i}-b`, `bbuyer${i}`, 'client-b', 0.1 + i * 0.12, {
      body: `Launch buyer ${i}: ${['light', 'warm', 'quiet', 'handy', 'bright'][i % 5]} and simple, arrived in ${2 + (i % 5)} days.`,
      orderDaysBefore: 6,
    });
  for (let i = 0; i < accounts; i++) w.account(`farm${i}`, { at: -700 + i * 40 });
  for (let i = 0; i < accounts; i++)
    w.review(`farm${i}-b`, `farm${i}`, 'client-b', i * 0.4, { rating, body: `${LINES[i % 4]} Item B note ${i} in my own words.`, orderDaysBefore: 5 });
  for (let i = 0; i < accounts; i++)
    w.review(`farm${i}-a`, `farm${i}`, 'client-a', 5 + i * spacing, {
      rating,
      body: `${LINES[(i + 1) % 4]} Item A note ${i}, nothing copied here.`,
      orderDaysBefore: 5,
    });
  return w;
}

/**
 * Genuine customers of the same two shops: `bLaunchBuyers` buyers review client B's launch within five days, and twelve
 * customers review client A's product over three weeks after it, three of whom also bought the launch (regulars of
 * both shops). Each orders days before and writes in their own words.
 */
export function regularsOfTwoShops(rating: number, bLaunchBuyers = 40) {
  const w = world().merchant('m1', 'shop-one.example').merchant('m2', 'shop-two.example').product('client-a', 'm1').product('client-b', 'm2');
  w.background(300, 40, -150, -1);
  for (let i = 0; i < bLaunchBuyers; i++)
    w.account(`bbuyer${i}`).review(`bbuyer${i}-b`, `bbuyer${i}`, 'client-b', 0.1 + i * 0.12, {
      body: `Launch buyer ${i}: ${['light', 'warm', 'quiet', 'handy', 'bright'][i % 5]} and simple, arrived in ${2 + (i % 5)} days.`,
      orderDaysBefore: 6,
    });
  for (let i = 0; i < 12; i++) {
    const id = i < 3 ? `bbuyer${i * 7}` : `acust${i}`;
    if (i >= 3) w.account(id);
    w.review(`${id}-a`, id, 'client-a', 5 + i * 1.7, {
      rating: i === 11 ? rating : [4, 2, 5, 3, 5, 4, 1, 5, 4, 3, 5][i]!,
      body: `${LINES[i % 4]} Customer note ${i} about item A, used it ${i + 2} times.`,
      orderDaysBefore: 7,
    });
  }
  return w;
}

/**
 * A slow farm serving two clients of unrelated shops: account i reviews client A's product on day i × gapDays and
 * client B's lagDays later, each account having reviewed one unrelated product weeks before (so that a pool test is
 * possible at its first check). Each check at posting time sees only the accounts that came before it; the ones after
 * arrive over the next weeks. `laterPostDay` adds an unrelated review then (a replay re-checks only as time passes).
 */
export function slowTwoClientFarm(rating: number, o: { accounts?: number; gapDays?: number; lagDays?: number; laterPostDay?: number | null } = {}) {
  const accounts = o.accounts ?? 8;
  const gap = o.gapDays ?? 3;
  const lag = o.lagDays ?? 1;
  const w = world().merchant('m1', 'shop-one.example').merchant('m2', 'shop-two.example').product('client-a', 'm1').product('client-b', 'm2');
  w.background(300, 40, -150, -1);
  for (let i = 0; i < accounts; i++) w.account(`farm${i}`, { at: -700 + i * 40 });
  for (let i = 0; i < accounts; i++)
    w.review(`farm${i}-c`, `farm${i}`, `bg-p${(i * 5) % 40}`, -60 + i * 3, { body: `Earlier purchase ${i}, a plain note about a thing.`, orderDaysBefore: 4 });
  for (let i = 0; i < accounts; i++) {
    w.review(`farm${i}-a`, `farm${i}`, 'client-a', i * gap, { rating, body: `${LINES[i % 4]} Item A note ${i} in my own words.`, orderDaysBefore: 5 });
    w.review(`farm${i}-b`, `farm${i}`, 'client-b', i * gap + lag, {
      rating,
      body: `${LINES[(i + 1) % 4]} Item B note ${i}, nothing copied.`,
      orderDaysBefore: 5,
    });
  }
  const later = o.laterPostDay === undefined ? accounts * gap + 30 : o.laterPostDay;
  if (later !== null) w.account('later').review('later-x', 'later', 'bg-p1', later, { body: 'A later review, weeks after, about something else entirely.' });
  return w;
}
