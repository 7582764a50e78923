// Sentence pools for the demo data: enough variety that genuine demo reviews do not look templated.

export const OPENERS: Record<number, string[]> = {
  5: [
    'Honestly one of the best purchases I have made this year.',
    'Exceeded what I expected for the price.',
    'Bought this after a lot of comparison shopping and I am glad I did.',
    'Second one I have owned, the first lasted years.',
    'Arrived quickly and has been great since day one.',
  ],
  4: [
    'Very good overall, with one or two small niggles.',
    'Solid choice and mostly what I hoped for.',
    'Does the job well, a few details could be better.',
    'Happy with it after a month of regular use.',
  ],
  3: [
    'It is fine, but nothing special.',
    'Mixed feelings about this one.',
    'Works, though I expected a bit more at this price.',
    'Average. Some good points, some annoying ones.',
  ],
  2: [
    'Disappointed, it did not hold up as advertised.',
    'Started well but problems appeared after a few weeks.',
    'Not great. I would look at alternatives first.',
  ],
  1: [
    'Stopped working far too soon and support was slow.',
    'Would not buy again, it failed on first real use.',
    'Poor quality for the money, returning it.',
  ],
};

export const DETAILS: Record<string, { good: string[]; bad: string[] }> = {
  camping: {
    good: [
      "Used it on a three-night trip in the Cairngorms; the porch swallowed two packs and boots.",
      "The inner clips to the fly, so on a dry evening I only pitched the inner on the beach.",
      "My partner is 1.90 m and could lie flat without touching either end.",
      "Packed away wet in the morning and dried out quickly on the washing line at home.",
      "The colour-coded poles meant my kids could help set it up without arguing.",
      "Survived a surprise hailstorm on a Dolomites campsite with no leaks at all.",
      "Light enough that I stopped leaving it at home on solo overnighters.",
      "The hood cinches well around the face and the draft collar actually works.",
      "Two mesh pockets inside are handy for a headtorch and glasses.",
      "After twenty nights the floor shows no wear, even on gravel pitches.",
      'Pitching it alone took about ten minutes the first time and five after that.',
      'We had a night of heavy rain on the coast and everything inside stayed dry.',
      'The pack size is small enough to strap under my rucksack lid.',
      'Zips run smoothly even with cold hands in the morning.',
      'Ventilation is good, very little condensation on the inner wall.',
      'Kept me warm down to about two degrees on a windy ridge.',
      'The stuff sack has compression straps, which I did not expect.',
    ],
    bad: [
      "The pegs that come with it are thin and bent on the first rocky pitch.",
      "Condensation collected at the foot end on a cold, still night.",
      "The stuff sack is tight; getting it back in takes patience.",
      "A buckle on the hip belt cracked in cold weather in January.",
      "Instructions are a single diagram and it took a while to work out the pole order.",
      'One of the pole sleeves started to fray after the third trip.',
      'The guy lines are thin and tangle easily.',
      'It is heavier than the listing suggests once you add the footprint.',
      'The seams needed re-sealing after one season.',
      'The zip on the side door snagged and then split.',
    ],
  },
  kitchen: {
    good: [
      "Sears steak beautifully and goes straight from the hob into the oven.",
      "Chops onions without crushing them, even after weeks without sharpening.",
      "The milk frother gets a silky foam in under a minute.",
      "Our old pan warped within a year; this one is still flat after months.",
      "Small enough for our galley kitchen but still fits a family-sized omelette.",
      "Descaling is simple and the tank lifts out from the front.",
      "The handle is comfortable even for my partner's small hands.",
      "Heats up faster than I expected, coffee in about two minutes from cold.",
      'Heats evenly and the handle stays cool on the hob.',
      'Cleans up in a minute with warm water and a soft sponge.',
      'The blade is still sharp after three months of daily use.',
      'Feels sturdy and well balanced in the hand.',
      'Makes a proper crema, better than our old machine.',
      'Fits in the dishwasher without taking over the top rack.',
    ],
    bad: [
      "The seasoning wore off in patches after a few acidic tomato sauces.",
      "It is heavy; lifting it one-handed when full is hard work.",
      "The drip tray fills quickly and is easy to forget.",
      "The tip chipped when it hit the sink, which surprised me.",
      'The non-stick coating started flaking around the edge.',
      'The lid rattles when the water boils.',
      'It is louder than I expected in a small flat.',
      'The handle loosened and needs tightening every few weeks.',
      'Rust spots appeared after a couple of washes.',
    ],
  },
  audio: {
    good: [
      "Calls on the train sound clear according to the people I talk to.",
      "The fit stays secure during runs, which my old pair never managed.",
      "Sound is balanced enough for podcasts and jazz alike.",
      "The transparency mode makes it easy to hear station announcements.",
      "Switching between my laptop and phone happens without any fiddling.",
      "The case is small enough for a jeans coin pocket.",
      "Stereo separation is surprisingly wide for a speaker this size.",
      "A firmware update added a low-latency mode that helps with video.",
      'Bass is punchy without drowning the vocals.',
      'Battery easily lasts a full working week of commuting.',
      'Pairing with my phone and laptop switches automatically.',
      'Noise cancelling is good enough for long train journeys.',
      'Comfortable even after a three hour film.',
      'The app lets you tune the equaliser, which I use a lot.',
    ],
    bad: [
      "The touch controls trigger when I adjust my hat.",
      "Volume at the lowest step is still a bit loud at night.",
      "The cushions got warm on a long summer flight.",
      "One bud drains faster than the other after a few months.",
      'The left earbud drops connection every so often.',
      'Microphone quality on calls is poor in the street.',
      'The case hinge feels flimsy.',
      'Charging stopped working through the case after two months.',
      'There is a faint hiss when nothing is playing.',
    ],
  },
  home: {
    good: [
      "Three brightness levels cover reading and a soft night light.",
      "Charges over USB-C, so one cable does for everything.",
      "Hangs from the tent loop and lights the whole inside evenly.",
      "Battery lasted a full weekend festival on the middle setting.",
      'The light is warm and does not flicker at low brightness.',
      'Assembly took twenty minutes with the included tools.',
      'Looks more expensive than it was.',
      'Stable on our uneven floor once the feet were adjusted.',
    ],
    bad: [
      "The hook is flimsy and bent the first time it caught on a branch.",
      "Takes a long time to charge fully from a small power bank.",
      'One of the screws was missing from the box.',
      'The finish scratches very easily.',
      'The remote stopped responding after a week.',
    ],
  },
};

export const CLOSERS = [
  'Would recommend to a friend.',
  'Happy enough with it.',
  'Time will tell how it lasts.',
  'Overall I would buy it again.',
  'Worth it if you can find it on sale.',
  'Hope this helps someone deciding.',
  '',
  '',
];

export const TITLES: Record<number, string[]> = {
  5: ['Excellent', 'Love it', 'Great value', 'Does exactly what it says', 'Five stars from me', 'Really impressed'],
  4: ['Very good', 'Almost perfect', 'Good buy', 'Solid', 'Pleased with it'],
  3: ['OK', 'Mixed feelings', 'Fine for the price', 'Average'],
  2: ['Disappointing', 'Not as described', 'Expected better'],
  1: ['Broke quickly', 'Avoid', 'Poor quality', 'Returned it'],
};

export const FIRST_NAMES = [
  'Ana', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Nikhil',
  'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Umar', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Aiden', 'Bea',
  'Carlos', 'Dana', 'Emil', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Julia', 'Kai', 'Lena', 'Marco', 'Nora',
];

export const COMMENTS = [
  'Thanks, this was exactly the detail I was looking for.',
  'Did you try contacting the seller about it?',
  'Same experience here after about a month.',
  'How does it compare with the previous model?',
  'Useful review, especially the part about the size.',
  'Mine has been fine so far, maybe a bad batch?',
];
