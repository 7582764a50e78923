// Texts for the demo shop. Candor sells trust, so its demo must read like real, different people: details that
// fit the exact product, openings and endings that agree with the star rating, and no sentence that every
// reviewer of a product shares. Sentences already used on a product are picked last (see seed-demo.ts).

/** First sentences by star rating; none names a product, none contradicts the rating. */
export const OPENERS: Record<number, string[]> = {
  5: [
    'Honestly one of the best purchases I have made this year.',
    'Exceeded what I expected for the price.',
    'Bought this after a lot of comparison shopping and I am glad I did.',
    'This replaced one I had for years, and it is better in every way I care about.',
    'Arrived two days after ordering and has been great since.',
    'I do not usually write reviews, but this one earned it.',
    'A gift for my brother that I ended up ordering for myself as well.',
    'Three months in and still no regrets.',
    'Everything about it feels well thought out.',
    'My second order from this shop, and again a good one.',
    'A friend recommended it and she was right.',
    '',
  ],
  4: [
    'Very good overall, with one or two small niggles.',
    'Mostly what I hoped for.',
    'Does the job well; a couple of details could be better.',
    'Happy with it after a month of regular use.',
    'Good value, if not perfect.',
    'I nearly gave five stars.',
    'Better than I expected, with one real flaw.',
    'Good, not great, and I am still happy I bought it.',
    '',
  ],
  3: [
    'It is fine, but nothing special.',
    'Mixed feelings about this one.',
    'Works, though I expected a bit more at this price.',
    'Some good points, some annoying ones.',
    'Perfectly usable, just not exciting.',
    '',
  ],
  2: [
    'Disappointed after the first few weeks.',
    'Started well, then the problems appeared.',
    'Not great. I would look at alternatives first.',
    'Two stars because parts of it are fine.',
    '',
  ],
  1: [
    'I wanted to like this, I really did.',
    'Poor quality for the money; it is going back.',
    'Mine failed on the first proper use.',
    'Save your money.',
    'Very disappointed.',
  ],
};

/** What people noticed about each product, good and bad: specific to that product, never to its category. */
export const PRODUCT_DETAILS: Record<string, { good: string[]; bad: string[] }> = {
  'trail-tent-2p': {
    good: [
      'Used it on a three-night trip in the Cairngorms; the porch swallowed two packs and our boots.',
      'The inner clips to the fly, so on a dry evening I pitched just the inner on the beach.',
      'My partner is 1.90 m and could lie flat without touching either end.',
      'Survived a surprise hailstorm on a Dolomites campsite with no leaks at all.',
      'Pitching it alone took about ten minutes the first time and five after that.',
      'The colour-coded poles meant the kids could help set it up without arguing.',
      'Ventilation is good; very little condensation on the inner wall even after a damp night.',
      'Light enough that I stopped leaving it at home on solo overnighters.',
      'Two mesh pockets inside are handy for a headtorch and glasses.',
    ],
    bad: [
      'The pegs that come with it are thin and bent on the first rocky pitch.',
      'One of the pole sleeves started to fray after the third trip.',
      'The guy lines are thin and tangle easily in the bag.',
      'It is heavier than the listing suggests once you add the footprint.',
      'The zip on the side door snagged and then split.',
      'The seams needed re-sealing after one season.',
    ],
  },
  'summit-sleeping-bag': {
    good: [
      'Kept me warm down to about two degrees on a windy ridge in October.',
      'The hood cinches well around the face and the draft collar actually works.',
      'Packs into its compression sack at about the size of a loaf of bread.',
      'Roomy enough at the shoulders for a side sleeper like me.',
      'The two-way zip lets me vent my feet on milder nights.',
      'Lofted back up within minutes of coming out of the stuff sack.',
      'Washed it once on a gentle cycle and the filling stayed even.',
    ],
    bad: [
      'Below freezing I needed a liner and a fleece to sleep well.',
      'The zip catches the baffle fabric unless you hold it away.',
      'The stuff sack is tight; getting it back in takes patience.',
      'It is bulkier than my friend’s down bag of a similar rating.',
      'The footbox is narrow if you have big feet.',
    ],
  },
  'ridge-daypack-28': {
    good: [
      'The mesh back panel kept my shirt noticeably drier on a hot climb.',
      'Hip belt pockets fit a phone and a bag of sweets.',
      'The side pockets hold a one-litre bottle I can reach without taking it off.',
      'There is a sleeve for a hydration bladder and a hose port on both sides.',
      'The built-in rain cover lives in its own zipped pocket at the bottom.',
      'Carried a full day of kit on the Snowdon horseshoe without sore shoulders.',
      'Fits as cabin luggage on budget flights.',
    ],
    bad: [
      'A buckle on the hip belt cracked in cold weather in January.',
      'The main zip is stiff around the corners.',
      'The frame pushes the load away from the back, so it sways on scrambles.',
      'The sternum strap slides down on its rail during the day.',
      'The lid pocket is too small for a map and gloves together.',
    ],
  },
  'glow-camp-lantern': {
    good: [
      'Hangs from the tent loop and lights the whole inside evenly.',
      'Three brightness levels cover reading and a soft night light for the kids.',
      'Charges over USB-C, so one cable does for everything we take.',
      'Lasted a whole festival weekend on the middle setting.',
      'The warm light mode does not attract as many insects as my old head torch.',
      'Doubles as a power bank; it topped up my phone once at the campsite.',
    ],
    bad: [
      'The hook is flimsy and bent the first time it caught on a branch.',
      'It takes a long time to charge fully from a small power bank.',
      'The button is easy to press by accident in a rucksack, so it arrives flat.',
      'The cool white setting is harsh at close range.',
      'The diffuser cracked when it rolled off the picnic table.',
      'The battery level indicator jumps from full to empty with no warning.',
    ],
  },
  'cast-iron-skillet-26': {
    good: [
      'Sears steak beautifully and goes straight from the hob into the oven.',
      'Our old non-stick pan warped within a year; this one is still flat after months.',
      'Cornbread comes out with a proper crust.',
      'Works on our induction hob as well as on the camping stove.',
      'The pre-seasoning was decent; eggs stopped sticking after a week of use.',
      'Holds heat so well that the second batch of pancakes cooks like the first.',
    ],
    bad: [
      'The seasoning wore off in patches after a few tomato sauces.',
      'It is heavy; lifting it one-handed when full is hard work.',
      'The handle gets hot enough that you always need a cloth.',
      'A few rust spots appeared when I left it to soak overnight.',
      'The pouring lips are small and drip down the side.',
    ],
  },
  'chef-knife-20': {
    good: [
      'Chops onions without crushing them, even after weeks without sharpening.',
      'Feels balanced in the hand, with the weight just in front of the bolster.',
      'Goes through a butternut squash without any drama.',
      'The blade is still sharp after three months of daily use.',
      'Thin enough behind the edge to slice tomatoes cleanly.',
      'The handle is comfortable even for my partner’s small hands.',
    ],
    bad: [
      'The tip chipped when it knocked against the sink.',
      'It needed sharpening sooner than my old German knife did.',
      'The handle scales have a small gap where water gets in.',
      'It arrived in a flimsy sleeve; a proper guard would help.',
      'The edge was uneven near the heel out of the box.',
    ],
  },
  'espresso-maker-duo': {
    good: [
      'Makes a proper crema, better than the pod machine it replaced.',
      'The steam wand gets a silky milk foam in under a minute.',
      'Heats up faster than I expected: coffee in about two minutes from cold.',
      'Small enough for our galley kitchen next to the kettle.',
      'Descaling is simple and the tank lifts out from the front.',
      'Two cups at once is handy on weekday mornings.',
    ],
    bad: [
      'The drip tray fills quickly and is easy to forget.',
      'It is louder than I expected in a small flat.',
      'The portafilter is plastic-lined and feels cheap.',
      'The cup clearance is too low for a travel mug.',
      'The steam wand dribbles water before the steam starts.',
    ],
  },
  'pulse-wireless-earbuds': {
    good: [
      'Calls on the train sound clear, according to the people I talk to.',
      'The fit stays secure during runs, which my old pair never managed.',
      'The transparency mode makes it easy to hear station announcements.',
      'Noise cancelling is good enough for long train journeys.',
      'Switching between my laptop and phone happens without any fiddling.',
      'The case is small enough for a jeans coin pocket.',
      'Battery easily lasts a full working week of commuting.',
    ],
    bad: [
      'The touch controls trigger when I adjust my hat.',
      'The left earbud drops its connection every so often.',
      'One bud drains faster than the other after a few months.',
      'The case hinge feels flimsy.',
      'Microphone quality on calls is poor in a busy street.',
    ],
  },
  'arc-over-ear-headphones': {
    good: [
      'Comfortable even after a three-hour film on a flight.',
      'Sound is balanced enough for podcasts and jazz alike.',
      'Multipoint works: the laptop and the phone both stay connected.',
      'They fold flat into a case that fits my work bag.',
      'The wired mode still works when the battery is flat.',
      'The app lets you tune the equaliser, which I use a lot.',
    ],
    bad: [
      'The cushions get warm on a long summer flight.',
      'The headband creaks when I turn my head.',
      'There is a faint hiss in quiet passages.',
      'They leak sound at high volume in a quiet office.',
      'The clamping force was tight for the first two weeks.',
    ],
  },
  'beam-desk-speaker': {
    good: [
      'Stereo separation is surprisingly wide for a speaker this size.',
      'Fills a small study without turning it up past half.',
      'Bass is punchy without drowning the vocals.',
      'The optical input means the TV and the laptop can both use it.',
      'Wakes up from standby as soon as the laptop sends sound.',
      'The volume knob on top has a satisfying click to it.',
    ],
    bad: [
      'The volume at the lowest step is still a bit loud at night.',
      'There is a faint hum from the power brick when nothing is playing.',
      'The standby light is too bright in a dark bedroom.',
      'Bluetooth pairing had to be redone after a firmware update.',
      'It takes up more desk depth than the photos suggest.',
    ],
  },
};

/** Closing sentences that agree with the rating: a 1★ review does not end "I would buy it again". */
export const CLOSERS: Record<'positive' | 'mixed' | 'negative', string[]> = {
  positive: ['Would recommend to a friend.', 'I would buy it again.', 'Hope this helps someone deciding.', 'Worth the money.', '', '', ''],
  mixed: ['Time will tell how it lasts.', 'Worth it if you can find it on sale.', 'Fine for occasional use.', '', ''],
  negative: ['I would not buy it again.', 'Look elsewhere.', 'I have asked for a refund.', '', ''],
};

export const TITLES: Record<number, string[]> = {
  5: ['Excellent', 'Love it', 'Great value', 'Does exactly what it says', 'Five stars from me', 'Really impressed', 'Brilliant', 'No complaints at all'],
  4: ['Very good', 'Almost perfect', 'Good buy', 'Solid', 'Pleased with it', 'Nearly there'],
  3: ['OK', 'Mixed feelings', 'Fine for the price', 'Average', 'Does the basics'],
  2: ['Disappointing', 'Not as described', 'Expected better', 'Did not last'],
  1: ['Broke quickly', 'Avoid', 'Poor quality', 'Returned it', 'Not fit for purpose'],
};

export const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kemi',
  'Liam',
  'Maya',
  'Nikhil',
  'Olga',
  'Pablo',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Umar',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Aiden',
  'Bea',
  'Carlos',
  'Dana',
  'Emil',
  'Fatima',
  'Gus',
  'Hana',
  'Ivan',
  'Julia',
  'Kai',
  'Lena',
  'Marco',
  'Nora',
];

export const COMMENTS = [
  'Thanks, this was exactly the detail I was looking for.',
  'Did you try contacting the seller about it?',
  'Same experience here after about a month.',
  'How does it compare with the previous model?',
  'Useful review, especially the part about the size.',
  'Mine has been fine so far, maybe a bad batch?',
];

/** Merchant replies, each written for the kind of review it answers (picked by its rating). */
export const MERCHANT_REPLIES: Record<'positive' | 'mixed' | 'negative', string[]> = {
  positive: [
    'Thanks for taking it on a proper trip and telling others how it went. Enjoy the next one!',
    'Great to hear it has held up. If you ever need a spare part, our support team keeps them in stock.',
    'Thank you! We passed your note on to the designers, who were very pleased to read it.',
    'Glad it earned its place in your kit. Happy camping this summer.',
  ],
  mixed: [
    'Thank you for the fair review. The points you raised have gone to our product team for the next batch.',
    'Thanks for the detail. If the problem you mention gets worse, write to support and we will replace the part.',
  ],
  negative: [
    'Sorry to read this. That is not how it should behave; please contact our support team with your order number and we will replace it or refund you.',
    'We are sorry it let you down. Our support team has been in touch by email to arrange a return.',
  ],
};

export function sentimentOf(rating: number): 'positive' | 'mixed' | 'negative' {
  return rating >= 4 ? 'positive' : rating === 3 ? 'mixed' : 'negative';
}
