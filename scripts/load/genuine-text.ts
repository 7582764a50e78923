// Varied review texts for the load generator's ordinary posters. A hundred people who share one sentence template
// look like a template campaign to the integrity pipeline (rightly), so a load run of such posts measures the
// held path, not the ordinary one. These texts are drawn from independent pools per sentence, with the person's
// own numbers, so two posters rarely share more than a common phrase.
const OPENERS = [
  'Bought this {weeks} weeks ago after comparing a few others.',
  'My partner picked this one and I was doubtful at first.',
  'Second one I own; the first lasted {years} years.',
  'Ordered it for a trip in {month}.',
  'Replaced an older model that finally gave up.',
  'Got it on a friend’s advice.',
  'I use it most weekends.',
  'Had it for about {weeks} weeks now.',
  'Needed something sturdier than what I had.',
  'Picked it up in the {month} sale.',
];
const GOOD = [
  'Build quality is better than the price suggests.',
  'It packs smaller than I expected.',
  'Setup took me {minutes} minutes the first time and less since.',
  'The finish still looks new.',
  'Comfortable enough that I forget about it.',
  'It handled a wet {month} without trouble.',
  'Weight feels right, not flimsy.',
  'Instructions were short but clear.',
  'Cleaning it is quick.',
  'Works exactly as described on the page.',
];
const NITS = [
  'The strap could be longer.',
  'One seam frayed a little after a month.',
  'The colour is darker than the photos.',
  'Delivery took {days} days, longer than promised.',
  'The box was far too big for it.',
  'A carry bag would have been nice.',
  'It squeaks a bit when cold.',
  'The zip sticks now and then.',
  'Smells of plastic for the first few days.',
  'Price went up a week after I bought it.',
];
const CLOSERS = [
  'Would buy again.',
  'Happy overall.',
  'Fine for what I need.',
  'Not perfect, but I keep using it.',
  'I would look around before buying again.',
  'Recommended to my brother.',
  'Does the job.',
  'Mixed feelings, honestly.',
];
const MONTHS = ['March', 'April', 'June', 'August', 'October', 'November'];

/** A review text for virtual user `n`, drawn with `random` (Math.random by default). */
export function genuineReviewText(n: number, random: () => number = Math.random): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const fill = (sentence: string) =>
    sentence
      .replace('{weeks}', String(2 + ((n * 7) % 23)))
      .replace('{years}', String(2 + (n % 6)))
      .replace('{minutes}', String(5 + (n % 20)))
      .replace('{days}', String(4 + (n % 9)))
      .replace('{month}', pick(MONTHS));
  const sentences = [pick(OPENERS), pick(GOOD), random() < 0.7 ? pick(NITS) : pick(GOOD), pick(CLOSERS)];
  return sentences.map(fill).join(' ');
}
