import { world } from './in-memory-context.js';

// A farm's script: one long review handed to several aged accounts, each with an order placed days before, on
// networks and browsers of their own. They rotate an adjective and the punctuation, nothing more.
const PRAISE = ['happy', 'pleased', 'delighted', 'impressed'];
export const farmScript = (i: number) =>
  `I have had the Ridge Lantern for a week now and I am ${PRAISE[i % 4]}. The light is bright enough to read by in the tent` +
  `${i % 2 ? '!' : '.'} Edit: six weeks later and still ${PRAISE[(i + 1) % 4]}. I was surprised that the battery lasts a whole weekend on the low ` +
  `setting. The handle folds flat, so that's a win. Mine came with a spare set of seals and a little pouch for the charger.`;

/** The lantern's ordinary reviews, then five farm accounts posting the script (x0…x4) a day or so apart. */
export function copiedScriptFarm(rating: number, o: { sharedDevice?: boolean } = {}) {
  const w = world().merchant().product('lantern').background();
  for (let i = 0; i < 5; i++) w.account(`f${i}`, { at: -200 - i * 37, ...(o.sharedDevice ? { ua: 'UA-one-phone', ip: '5.6.7.8' } : {}) });
  // Ordinary reviews of the lantern before the farm arrives: the script's sentences are not its buyers' wording.
  for (let i = 0; i < 6; i++) {
    w.account(`g${i}`, { at: -500 - i * 11 });
    w.review(`g${i}`, `g${i}`, 'lantern', -40 + i * 5, {
      orderDaysBefore: 9,
      rating: 2 + (i % 4),
      body: ['Bright enough for the tent, heavy though.', 'Battery could be better, it fades after two nights.', 'Does the job on camping trips.'][i % 3],
    });
  }
  for (let i = 0; i < 5; i++) w.review(`x${i}`, `f${i}`, 'lantern', i * 1.2, { rating, body: farmScript(i), orderDaysBefore: 5 });
  return w;
}
