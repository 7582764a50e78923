import { expect } from 'chai';
import { jaccard, lshBands, minhashSignature, normalizeText, sentenceKeys, sharedPhrases, wordShingles } from '../../../server/integrity/text-fingerprint.js';

const A = 'Honestly the best tent I have ever owned, it stayed dry all night in heavy rain and packs down small.';
const B = 'This is the best tent I have ever owned! It stayed dry all night in heavy rain, setup was quick.';

describe('text fingerprints', () => {
  it('when text differs only in case, accents and punctuation, then it normalises to the same string', () => {
    expect(normalizeText('Café — GREAT, isn’t it?!')).to.equal(normalizeText('cafe great isnt it'));
  });
  it('when a text has fewer words than k, then it has no shingles and no bands', () => {
    expect(wordShingles('great product', 3).size).to.equal(0);
    expect(lshBands('great product')).to.deep.equal([]);
  });
  it('when the same text is fingerprinted twice, then the signature and bands are identical (no randomness)', () => {
    expect([...minhashSignature(A)]).to.deep.equal([...minhashSignature(A)]);
    expect(lshBands(A)).to.deep.equal(lshBands(A));
    expect(lshBands(A).filter((b) => b.startsWith('b'))).to.have.length(16);
    expect(lshBands(A)[3]).to.match(/^b03:[0-9a-f]{8}$/);
  });
  it('when two different texts share a whole sentence, then they share its sentence key (short sentences have none)', () => {
    const x = 'Stayed dry in a storm. Instructions were confusing but I figured it out.';
    const y = 'Zip broke on day two! instructions were confusing, but I figured it out';
    expect(sentenceKeys(x)).to.have.length(1);
    expect(sentenceKeys(y)).to.deep.equal(sentenceKeys(x));
    expect(lshBands(y)).to.include(sentenceKeys(x)[0]);
    expect(sentenceKeys('Love it. Great tent!')).to.deep.equal([]);
  });
  it('when two texts are near-duplicates, then they share a band; unrelated texts do not', () => {
    const near = A.replace('packs down small', 'packs down very small');
    const shared = lshBands(A).filter((b) => lshBands(near).includes(b));
    expect(shared.length).to.be.greaterThan(0);
    const other = lshBands('The blender motor burnt out after two weeks and support never answered my emails at all.');
    expect(lshBands(A).filter((b) => other.includes(b))).to.deep.equal([]);
  });
  it('when comparing shingle sets, then jaccard is |A∩B|/|A∪B|', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).to.be.closeTo(1 / 3, 1e-9);
    expect(jaccard(new Set(), new Set())).to.equal(0);
  });
  it('when two texts share word sequences, then the longest maximal ones are returned first', () => {
    const p = sharedPhrases(A, B, 3);
    expect(p[0]).to.equal('the best tent i have ever owned it stayed dry all night in heavy rain');
    expect(sharedPhrases('one two three', 'four five six')).to.deep.equal([]);
  });
  it('when texts repeat words and runs, then the shared runs are those of a comparison of every pair of places', () => {
    // The reference: every maximal common run, by comparing each place of one text with each place of the other.
    const reference = (a: string[], b: string[], k: number): string[] => {
      const found = new Set<string>();
      for (let i = 0; i < a.length; i++)
        for (let j = 0; j < b.length; j++) {
          if (i > 0 && j > 0 && a[i - 1] === b[j - 1]) continue;
          let n = 0;
          while (i + n < a.length && j + n < b.length && a[i + n] === b[j + n]) n++;
          if (n >= k) found.add(a.slice(i, i + n).join(' '));
        }
      const sorted = [...found].sort((x, y) => y.split(' ').length - x.split(' ').length || (x < y ? -1 : 1));
      return sorted.filter((p, n) => !sorted.slice(0, n).some((q) => ` ${q} `.includes(` ${p} `)));
    };
    // Few distinct words, so runs repeat, overlap and recur inside one text.
    const vocabulary = ['tent', 'dry', 'rain', 'the', 'zip', 'broke', 'night'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) % vocabulary.length;
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: 5 + (round % 40) }, () => vocabulary[next()]!);
      const b = Array.from({ length: 3 + ((round * 7) % 50) }, () => vocabulary[next()]!);
      for (const k of [2, 3, 4]) expect(sharedPhrases(a.join(' '), b.join(' '), k), `round ${round}, k ${k}`).to.deep.equal(reference(a, b, k));
    }
  });
});
