import { expect } from 'chai';
import { mulberry32 } from '../../../server/integrity/seeded-random.js';
import { loadTextModel, styleFeatures, tokenize, trainTextModel, type TextModelOptions, type TrainingExample } from '../../../server/integrity/text-model.js';

// Small, seeded synthetic data: fakes use a marker vocabulary, genuine reviews a different one.
const seeded = mulberry32;

const SHARED = ['the', 'room', 'was', 'and', 'staff', 'hotel', 'we', 'stay', 'bed', 'breakfast', 'view', 'night'];
const FAKE_MARKERS = ['luxurious', 'unforgettable', 'experience', 'amazing', 'husband', 'vacation', 'definitely'];
const REAL_MARKERS = ['elevator', 'parking', 'floor', 'street', 'bathroom', 'location', 'price'];

function toySet(n: number, seed: number): TrainingExample[] {
  const random = seeded(seed);
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: n }, (_, i) => {
    const fake = i % 2 === 0;
    const words = Array.from({ length: 12 + Math.floor(random() * 10) }, () => (random() < 0.3 ? pick(fake ? FAKE_MARKERS : REAL_MARKERS) : pick(SHARED)));
    return { text: words.join(' ') + '.', fake };
  });
}

const FAST: Partial<TextModelOptions> = { hashBits: 16, epochs: 6, seed: 3 };

function accuracy(model: { score(text: string): number }, data: TrainingExample[]): number {
  return data.filter((e) => model.score(e.text) >= 0.5 === e.fake).length / data.length;
}

describe('text model', () => {
  const train = toySet(300, 1);
  const test = toySet(200, 2);

  it('when fakes share a marker vocabulary, then it separates held-out texts with high accuracy', () => {
    const model = trainTextModel(train, FAST);
    expect(accuracy(model, test)).to.be.greaterThan(0.95);
  });

  it('when the labels are shuffled, then held-out accuracy is near chance', () => {
    const random = seeded(9);
    const labels = train.map((e) => e.fake);
    for (let i = labels.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [labels[i], labels[k]] = [labels[k], labels[i]];
    }
    const model = trainTextModel(
      train.map((e, i) => ({ text: e.text, fake: labels[i] })),
      FAST,
    );
    const acc = accuracy(model, test);
    expect(acc).to.be.within(0.35, 0.65);
  });

  it('when serialised and loaded again, then every score is identical', () => {
    const model = trainTextModel(train, { ...FAST, trainedAt: '2025-06-01' });
    const stored = JSON.stringify(model.toJSON());
    for (const loaded of [loadTextModel(stored), loadTextModel(JSON.parse(stored))]) {
      expect(loaded.version).to.equal(model.version);
      for (const e of test.slice(0, 30)) expect(loaded.score(e.text)).to.equal(model.score(e.text));
      expect(loaded.score('')).to.equal(model.score(''));
    }
  });

  it('when trained twice with the same seed and data, then the version and the scores are the same', () => {
    const a = trainTextModel(train, FAST);
    const b = trainTextModel(train, FAST);
    expect(a.version).to.equal(b.version);
    expect(test.map((e) => a.score(e.text))).to.deep.equal(test.map((e) => b.score(e.text)));
  });

  it('when the options, the data or the date change, then the version changes', () => {
    const base = trainTextModel(train, FAST).version;
    expect(trainTextModel(train, { ...FAST, seed: 4 }).version).to.not.equal(base);
    expect(trainTextModel(train.slice(1), FAST).version).to.not.equal(base);
    const dated = trainTextModel(train, { ...FAST, trainedAt: '2025-06-01' }).version;
    expect(dated).to.not.equal(base);
    expect(dated).to.match(/^text-lr-[0-9a-f]{8}-n300-2025-06-01$/);
  });

  it('when examples carry numeric features that decide the label, then it learns them even from uninformative text', () => {
    const random = seeded(5);
    const make = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const fake = i % 2 === 0;
        const accountAgeMonths = fake ? random() * 2 : 6 + random() * 30;
        return { text: 'good food nice place', fake, features: { accountAgeMonths, friends: random() * 10 } };
      });
    const model = trainTextModel(make(200), FAST);
    const held = make(100);
    const correct = held.filter((e) => model.scoreExample(e) >= 0.5 === e.fake).length;
    expect(correct / held.length).to.be.greaterThan(0.95);
    // Without its features the example scores as an average account.
    expect(model.score('good food nice place')).to.be.within(0.2, 0.8);
    const explained = model.explain(held[0], 3);
    expect(explained.dense.map((d) => d.name).join(' ')).to.match(/accountAgeMonths/);
  });

  it('when given no examples or a foreign object, then it throws', () => {
    expect(() => trainTextModel([], FAST)).to.throw(/zero examples/);
    expect(() => loadTextModel('{"format":"other"}')).to.throw(/not a candor text model/);
  });
});

describe('style features', () => {
  it('when a text has pronouns, superlatives, exclamations and capitals, then the ratios count them', () => {
    const f = styleFeatures('I love my room! Best stay EVER at the Hilton.');
    // words: I love my room Best stay EVER at the Hilton = 10
    expect(f.logWords).to.be.closeTo(Math.log1p(10), 1e-12);
    expect(f.firstPersonSingular).to.be.closeTo(2 / 10, 1e-12);
    expect(f.superlatives).to.be.closeTo(1 / 10, 1e-12);
    expect(f.allCapsWords).to.be.closeTo(1 / 10, 1e-12);
    expect(f.exclamationDensity).to.be.closeTo(100 / 'I love my room! Best stay EVER at the Hilton.'.length, 1e-12);
    expect(f.properNouns).to.be.closeTo(1 / 10, 1e-12); // Hilton; "Best" starts a sentence
    expect(f.endsWithTerminal).to.equal(1);
    expect(f.startsLowercase).to.equal(0);
    expect(f.urls).to.equal(0);
  });

  it('when a text is cut off mid-sentence, has digits and a link, then those features show it', () => {
    const f = styleFeatures('check out www.example.com for 50 free');
    expect(f.endsWithTerminal).to.equal(0);
    expect(f.startsLowercase).to.equal(1);
    expect(f.urls).to.be.greaterThanOrEqual(1);
    expect(f.digitRatio).to.be.closeTo(2 / 'check out www.example.com for 50 free'.length, 1e-12);
    expect(f.capitalRatio).to.equal(0);
  });

  it('when a text is empty, then every feature is a finite number', () => {
    for (const v of Object.values(styleFeatures(''))) expect(Number.isFinite(v)).to.equal(true);
  });

  it('when tokenising, then words are lower-cased and punctuation runs are tokens', () => {
    expect(tokenize('We LOVED it!!! Don’t go.')).to.deep.equal(['we', 'loved', 'it', '!!!', "don't", 'go', '.']);
  });
});
