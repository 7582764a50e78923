// The one tokenizer and the one hash of the integrity core. Fingerprints (MinHash bands, sentence keys), the text
// signals, the text model and the moderator highlighting all cut text into words here, so a phrase found by one is
// found by the others; and every hash is FNV-1a finished by the murmur3 finaliser, so storage and the pure checks
// compute the same keys. Nothing here may depend on the clock, randomness or locale.
//
// Library choice (measured, see the README's dependency table): stemming uses the `stemmer` package (Porter 1,
// 36 KB, ESM, imports in a few milliseconds). On the 15,485 distinct words of the Salminen dev set it gives
// exactly the stems of natural's PorterStemmer, which costs 80–170 ms to import through a deep import and about
// 6 s through `natural` itself on this machine. Jaro–Winkler and Dice are a few lines each and written here (the
// integrity core is the one place we prefer our own code), checked against natural's values in the unit tests.
// natural's Brill POS tagger was measured for sentence skeletons and not used: see sentenceSkeleton.
import { stemmer } from 'stemmer';
import { rememberedByText } from './text-memo.js';

// ---------------------------------------------------------------------------------------------------------
// Tokens

/** A word: letters (with their combining marks) and digits, with inner apostrophes ("don't", "rock'n'roll"). */
const WORD = "[\\p{L}\\p{M}\\p{N}]+(?:['’`][\\p{L}\\p{M}]+)*";
const WORD_RE = new RegExp(WORD, 'gu');
/** Words and the punctuation the text model weighs (exclamation runs, quotes, currency, brackets). */
const WORD_OR_MARK_RE = new RegExp(String.raw`${WORD}|[!?]+|[.,;:$%&*"()#@/]`, 'gu');

/** One word in its comparable form: accents and apostrophes removed, lower case ("Don’t" → "dont", "Café" → "cafe"). */
export function normalizeWord(token: string): string {
  return token
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface TokenSpan {
  start: number;
  end: number;
  /** The normalised word (normalizeWord). */
  word: string;
}

/** Words of the original text with their offsets, for marking phrases in the text as written. */
export function tokenSpans(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const word = normalizeWord(m[0]);
    if (word) out.push({ start: m.index, end: m.index + m[0].length, word });
  }
  return out;
}

/** The words of a text as written (case, accents and apostrophes kept), for style features. */
export function wordTokens(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/**
 * The normalised words of a text: what shingles, phrases, sentence keys and highlighting compare. The same words as
 * tokenSpans gives (a unit test holds them equal), computed on the whole string at once because it runs on every
 * candidate text of every check.
 */
export function words(text: string): string[] {
  return wordsOf(text).slice();
}

/** The same words, not copied: for callers that only read them. */
export function wordsToRead(text: string): readonly string[] {
  return wordsOf(text);
}

/**
 * The same candidate texts come back in check after check (a product's recent reviews, an account's history), and
 * normalising them was the integrity core's largest cost in a replay profile: their words are kept by text
 * (text-memo.ts). A pure function of its input, so the memo cannot go stale; `words` gives callers their own copy.
 */
const wordsOf = rememberedByText((text): readonly string[] => splitWords(text));

function splitWords(text: string): string[] {
  const n = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return n === '' ? [] : n.split(' ');
}

/** The words joined by single spaces (the normalised text). */
export function normalizeText(text: string): string {
  return words(text).join(' ');
}

/**
 * Tokens for the text model: the same words, lower-cased but with accents and apostrophes kept (they carry style),
 * plus punctuation tokens.
 */
export function modelTokens(text: string): string[] {
  return (text.toLowerCase().match(WORD_OR_MARK_RE) ?? []).map((t) => t.replace(/[’`]/g, "'"));
}

/** Sentences of a text (split at . ! ? ; and line ends), each as its normalised words; empty sentences dropped. */
export function sentences(text: string): string[][] {
  return text
    .split(/[.!?;\n]+/)
    .map(words)
    .filter((w) => w.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// Stop words, stems and skeletons

/**
 * Function words: the grammar of a sentence, not its topic. Skeletons keep them and mask everything else, and a
 * phrase needs content words besides them to be evidence.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but if of to in on at for with from by as is are was were be been being it its this that these those i me my mine we us our you your he him his she her they them their not no nor so too very just than then there here have has had having do does did doing will would can could should shall may might must about into over under after before up down out off all any some more most also only really am im ive id ill dont doesnt didnt isnt wasnt werent wont cant couldnt wouldnt shouldnt what which who whom when where why how because while until again once such own same other each both few s t`.split(
    ' ',
  ),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Porter stem of a normalised word ("zippers" → "zipper", "broken" → "broken", "leaking" → "leak"). */
export function stem(word: string): string {
  return stemmer(word);
}

/** Content words of a phrase (no stop words, at least `minLength` letters), optionally excluding some. */
export function contentWords(ws: readonly string[], minLength: number, exclude?: ReadonlySet<string>): string[] {
  return ws.filter((w) => w.length >= minLength && !STOPWORDS.has(w) && !exclude?.has(w));
}

/** The placeholder a skeleton puts where a content word stood. */
export const SKELETON_MASK = '_';

/**
 * A sentence's skeleton: its function words kept, every content word masked, runs of masks collapsed to one
 * ("Absolutely stunning quality, the fabric feels premium and sturdy" → "_ the _ and _"). A farm that rotates
 * adjectives and nouns in one template keeps its skeleton. Measured alternative: natural's Brill tagger (7 s to load
 * here, 0.27 ms a sentence) tags a rotated pair differently ("premium" NN, "luxurious" JJ), so tag skeletons of the
 * pair differ where the stop-word skeleton matches; masking every tag into one class gives the stop-word skeleton back.
 */
export function sentenceSkeleton(sentenceWords: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of sentenceWords) {
    const token = STOPWORDS.has(w) ? w : SKELETON_MASK;
    if (token === SKELETON_MASK && out[out.length - 1] === SKELETON_MASK) continue;
    out.push(token);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Hashing

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units, without a finaliser (a building block: the text model mixes these itself). */
export function fnv1a(s: string, offset: number = FNV_OFFSET): number {
  let h = offset >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** The murmur3 32-bit finaliser: the one finaliser of the integrity core. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash of a string: FNV-1a then fmix32. Cheap and stable across processes and machines. */
export function hash32(s: string, seed: number = FNV_OFFSET): number {
  return fmix32(fnv1a(s, seed));
}

/** Combines two hashes (n-grams from token hashes): golden-ratio multiply, xor, fmix32. */
export function mixHash(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

/** A short stable key for a text value (8 hex digits). */
export function hashKey(s: string): string {
  return hash32(s).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------------------
// String similarity for names and e-mail local parts

/** Jaro–Winkler similarity in 0..1 (prefix scale 0.1, prefix up to 4 characters), as in natural's JaroWinklerDistance. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatch = new Array<boolean>(a.length).fill(false);
  const bMatch = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(b.length - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (bMatch[j] || a[i] !== b[j]) continue;
      aMatch[i] = bMatch[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Sørensen–Dice coefficient of character bigrams in 0..1 ("anna.k" vs "anna.kx"). */
export function diceCoefficient(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i + 2 <= s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  if (total === 0) return a === b && a.length > 0 ? 1 : 0;
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / total;
}

/**
 * The pattern of an e-mail local part for comparing sign-ups: lower case, dots and plus-tags removed, digits
 * replaced by one '#' per run ("Anna.K+shop@x" → "annak", "jsmith1987" → "jsmith#").
 */
export function localPartPattern(email: string): string {
  const local = email.toLowerCase().split('@')[0] ?? '';
  return local.split('+')[0]!.replace(/\./g, '').replace(/\d+/g, '#');
}

/** ASCII-only lower case, as SQL's translate() does it: the marks below must read the same in both. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** An e-mail's local part as compared for patterns: ASCII lower case, up to the first '@', plus-tag removed. */
function localPart(email: string): string {
  return asciiLower(email).split('@')[0]!.split('+')[0]!;
}

/**
 * The shape of an e-mail address: in the local part each run of two or more letters becomes 'A', a single letter 'a',
 * each digit '9', other characters kept; then the domain ("tobias5769a@icloud.com" → "A9999a@icloud.com",
 * "anna.k+shop@x.org" → "A.a@x.org"). Accounts a script opens share one shape; how many of the shop's accounts hold a
 * shape says how much sharing it means (a plain "A@gmail.com" is everyone's). Null without a local part. Mirrored in
 * SQL by candor_email_shape (migration 2580).
 */
export function emailShape(email: string): string | null {
  if (email.indexOf('@') <= 0) return null;
  const shape = localPart(email)
    .replace(/[a-z]{2,}/g, 'A')
    .replace(/[a-z]/g, 'a')
    .replace(/[0-9]/g, '9');
  return `${shape}@${asciiLower(email.slice(email.lastIndexOf('@') + 1))}`;
}

/**
 * An e-mail's domain, ASCII lower case (what emailShape appends), or null without a local part. Mirrored in SQL by
 * candor_email_domain (migration 2620).
 */
export function emailDomain(email: string): string | null {
  if (email.indexOf('@') <= 0) return null;
  return asciiLower(email.slice(email.lastIndexOf('@') + 1));
}

/**
 * The opening word of an e-mail's local part: the letters before its first separator (. _ -) when there are at least
 * `wordLetters` of them ("cozy.sven22" → "cozy", "daily.wiktoria66" → "daily"); else, when the local part opens with
 * at least `letters` letters, the first `letters` of them ("honestdoug013" → "hones"); else null. A script's fixed
 * prefix is shared by its accounts; a first name is shared by chance, as often as the shop's accounts show. Mirrored in
 * SQL by candor_email_stem (migration 2580).
 */
export function emailStem(email: string, letters: number, wordLetters: number): string | null {
  const local = localPart(email);
  const word = /^([a-z]+)[._-]/.exec(local);
  if (word && word[1]!.length >= wordLetters) return word[1]!;
  const run = /^[a-z]+/.exec(local);
  return run && run[0].length >= letters ? run[0].slice(0, letters) : null;
}

/**
 * The last run of digits in an e-mail's local part, as a number ("honestdoug013" → 13, "rasmussen1997" → 1997,
 * "tomaszh41f" → 41), or null; runs longer than six digits (phone numbers) are not counters. Mirrored in SQL by
 * candor_email_number (migration 2580).
 */
export function emailNumber(email: string): number | null {
  const runs = localPart(email).match(/[0-9]+/g);
  const last = runs?.[runs.length - 1];
  return last !== undefined && last.length <= 6 ? Number(last) : null;
}
