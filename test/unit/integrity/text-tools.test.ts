import { expect } from 'chai';
import {
  diceCoefficient,
  emailNumber,
  emailShape,
  emailStem,
  hash32,
  jaroWinkler,
  localPartPattern,
  modelTokens,
  normalizeText,
  sentenceSkeleton,
  sentences,
  stem,
  tokenSpans,
  words,
} from '../../../server/integrity/text-tools.js';
import { highlightPhrases } from '../../../server/moderation/highlight.js';
import { tokenize } from '../../../server/integrity/text-model.js';

describe('text tools: one tokenizer, one hash', () => {
  it('when a text has accents, apostrophes and punctuation, then words are lower-case, accent-free and joined across apostrophes', () => {
    expect(words("Don’t buy the Café-Deluxe 2p — it's rock'n'roll!")).to.deep.equal(['dont', 'buy', 'the', 'cafe', 'deluxe', '2p', 'its', 'rocknroll']);
    expect(normalizeText('  Hello,   WORLD ')).to.equal('hello world');
  });
  it('when a text is decomposed (e + combining accent), then it gives the same words as the composed text', () => {
    expect(words('cafe\u0301 crème')).to.deep.equal(words('café crème'));
  });
  it('when the highlighter marks a phrase found by the signals, then it uses the same word boundaries (spans map back to the text)', () => {
    const text = 'The ZIPPER broke—after two weeks.';
    const spans = tokenSpans(text);
    expect(spans.map((s) => s.word)).to.deep.equal(words(text));
    expect(spans.map((s) => text.slice(s.start, s.end))).to.deep.equal(['The', 'ZIPPER', 'broke', 'after', 'two', 'weeks']);
    const marked = highlightPhrases(text, ['zipper broke after'])
      .filter((s) => s.mark)
      .map((s) => s.text);
    expect(marked).to.deep.equal(['ZIPPER broke—after']);
  });
  it('when the text model tokenizes, then it sees the same words plus punctuation, with apostrophes kept', () => {
    expect(tokenize("It's GREAT!!! Really.")).to.deep.equal(modelTokens("It's GREAT!!! Really."));
    expect(modelTokens('It’s GREAT!!! Really.')).to.deep.equal(["it's", 'great', '!!!', 'really', '.']);
  });
  it('when sentences are split, then each is a list of normalised words', () => {
    expect(sentences('One two. Three!\nFour; ')).to.deep.equal([['one', 'two'], ['three'], ['four']]);
  });
  it('when inflected forms are stemmed, then they share one stem (Porter, as natural gives)', () => {
    expect(['leak', 'leaks', 'leaked', 'leaking'].map(stem)).to.deep.equal(['leak', 'leak', 'leak', 'leak']);
    expect(['zipper', 'zippers'].map(stem)).to.deep.equal(['zipper', 'zipper']);
  });
  it('when two sentences rotate adjectives and nouns in one template, then their skeletons are equal; a different grammar differs', () => {
    const a = sentenceSkeleton(words('Absolutely stunning quality, the fabric feels premium and sturdy'));
    const b = sentenceSkeleton(words('Truly gorgeous build, the material seems luxurious and solid'));
    const c = sentenceSkeleton(words('The zipper broke after two weeks of light use'));
    expect(a).to.deep.equal(['_', 'the', '_', 'and', '_']);
    expect(b).to.deep.equal(a);
    expect(c).to.not.deep.equal(a);
  });
  it('when Jaro–Winkler and Dice are computed, then they equal the values natural 8.1.1 gives for the same pairs', () => {
    // Values printed by natural's JaroWinklerDistance and DiceCoefficient on this machine.
    const cases: [string, string, number, number][] = [
      ['martha', 'marhta', 0.9611111111111111, 0.4],
      ['dwayne', 'duane', 0.84, 0.2222222222222222],
      ['dixon', 'dicksonx', 0.8133333333333332, 0.36363636363636365],
      ['jsmith#', 'jsmyth#', 0.9333333333333333, 0.6666666666666666],
      ['abc', 'xyz', 0, 0],
    ];
    for (const [a, b, jw, dice] of cases) {
      expect(jaroWinkler(a, b), `${a}/${b}`).to.be.closeTo(jw, 1e-12);
      expect(diceCoefficient(a, b), `${a}/${b}`).to.be.closeTo(dice, 1e-12);
    }
  });
  it('when e-mail local parts follow one pattern, then their patterns are equal or close', () => {
    expect(localPartPattern('Anna.K+shop@mail.example')).to.equal('annak');
    expect(localPartPattern('jsmith1987@x.example')).to.equal(localPartPattern('jsmith2001@y.example'));
    expect(jaroWinkler(localPartPattern('k.lee.shop01@a.example'), localPartPattern('klee.shop07@b.example'))).to.equal(1);
  });
  it("when e-mails are reduced to their shape and opening letters, then a script's batch shares both and a plain name only its letters", () => {
    expect(emailShape('Tobias5769a@iCloud.com')).to.equal('A9999a@icloud.com');
    expect(emailShape('anna.k+shop@x.org')).to.equal('A.a@x.org');
    expect(emailShape('honestdoug013@hotmail.com')).to.equal(emailShape('honesttamsin014@hotmail.com'));
    expect(emailShape('honestdoug013@hotmail.com')).to.not.equal(emailShape('honestdoug13@hotmail.com'));
    expect(emailShape('no-at-sign')).to.equal(null);
    expect(emailShape('@x.org')).to.equal(null);
    expect(emailStem('daily.wiktoria66@icloud.com', 5, 4)).to.equal('daily');
    expect(emailStem('cozy.sven22@hotmail.com', 5, 4)).to.equal('cozy');
    expect(emailStem('tobias.rasmussen1997@gmail.com', 5, 4)).to.equal('tobias');
    expect(emailStem('Honest_Doug013@x.org', 5, 4)).to.equal('honest');
    expect(emailStem('honestdoug013@x.org', 5, 4)).to.equal('hones');
    expect(emailStem('jo.smith@x.org', 5, 4)).to.equal(null);
    expect(emailStem('jo42@x.org', 5, 4)).to.equal(null);
    expect(emailStem('42jo.smith@x.org', 5, 4)).to.equal(null);
    expect(emailNumber('honestdoug013@x.org')).to.equal(13);
    expect(emailNumber('tomaszh41f@web.de')).to.equal(41);
    expect(emailNumber('a1b22c333+77@x.org')).to.equal(333);
    expect(emailNumber('phone0123456789@x.org')).to.equal(null);
    expect(emailNumber('anna@x.org')).to.equal(null);
  });
  it('when a string is hashed, then the value is stable across runs (FNV-1a + murmur3 finaliser)', () => {
    expect(hash32('zipper broke')).to.equal(hash32('zipper broke'));
    // The value the fingerprints had before the tools were merged: stored LSH bands stay valid.
    expect(hash32('')).to.equal(2872998923);
    expect(hash32('a')).to.not.equal(hash32('b'));
  });
});
