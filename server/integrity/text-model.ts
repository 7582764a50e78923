// A small, pure text classifier for the "text" signal family: hashed word and character n-grams plus style
// features (and optional numeric per-example features) into a logistic regression trained with AdaGrad and L2.
// Optionally the sparse features are scaled by naive-Bayes log-count ratios first (NB-LR, Wang & Manning 2012).
// No fs, no clock, no Math.random: randomness comes from `seed`, dates from `trainedAt`.

import type { TextModel } from './types.js';
import { mulberry32 } from './seeded-random.js';
import { FNV_OFFSET, FNV_PRIME, fnv1a, mixHash, modelTokens, wordTokens } from './text-tools.js';

export interface TextModelOptions {
  /** Seed for the example order in SGD. */
  seed: number;
  /** Size of the hashed n-gram space is 2^hashBits. */
  hashBits: number;
  /** Inclusive range of word n-gram lengths; [0, 0] disables. */
  wordNgrams: [number, number];
  /** Inclusive range of character n-gram lengths; [0, 0] disables. */
  charNgrams: [number, number];
  /** Keep letter case in character n-grams (case carries signal in spam and truncated generated text). */
  charCase: boolean;
  /** Collapse whitespace runs before character n-grams (off keeps typing habits such as two spaces after a period). */
  collapseSpace: boolean;
  /** Add the style features of `styleFeatures()`. */
  style: boolean;
  /** Scale binary n-gram features by naive-Bayes log-count ratios before the regression. */
  nbWeighting: boolean;
  /** Laplace smoothing for the NB ratios. */
  nbAlpha: number;
  /** L2 penalty per example update. */
  l2: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  epochs: number;
  /** Average the weights at the end of each epoch over the second half of training (steadier than the last iterate). */
  average: boolean;
  /** Quantile bins per extra numeric feature (one-hot), giving the linear model thresholds; 0 disables. */
  numericBins: number;
  /** Also bin the style and rare-word features. */
  styleBins: boolean;
  /** Scale of the character block relative to the word block (each block is L2-normalised first). */
  charWeight: number;
  /**
   * Rare-word features: the share of a text's words that no other training text contains (typos, odd names),
   * from document frequencies fitted on the training set. Machine-generated text has far fewer of them.
   */
  rareWords: boolean;
  /** Scale of the dense (style + numeric) block relative to the unit-norm sparse blocks. */
  denseScale: number;
  /** Caller-supplied date (e.g. '2025-06-01') that goes into `version`; the model never reads the clock. */
  trainedAt: string;
}

export const DEFAULT_TEXT_MODEL_OPTIONS: Readonly<TextModelOptions> = Object.freeze({
  seed: 1,
  hashBits: 20,
  wordNgrams: [1, 2] as [number, number],
  charNgrams: [3, 5] as [number, number],
  charCase: false,
  collapseSpace: true,
  style: true,
  nbWeighting: true,
  nbAlpha: 1,
  l2: 1e-4,
  learningRate: 0.2,
  epochs: 12,
  average: true,
  numericBins: 8,
  styleBins: false,
  denseScale: 0.5,
  rareWords: true,
  charWeight: 1,
  trainedAt: '',
});

export interface TrainingExample {
  text: string;
  fake: boolean;
  /** Extra numeric features (e.g. reviewer profile counters), already transformed by the caller (log, ratio…). */
  features?: Record<string, number>;
}

export type ScoringInput = Pick<TrainingExample, 'text' | 'features'>;

export interface SerializedTextModel {
  format: 'candor-text-model';
  formatVersion: 1;
  version: string;
  options: TextModelOptions;
  trainingSize: number;
  /** Effective sparse weights (NB ratio folded in) as base64 of little-endian float32, length 2^hashBits. */
  sparseWeights: string;
  /** Capped document frequencies of hashed words (base64 bytes, length 2^hashBits), or '' without rare-word features. */
  documentFrequencies: string;
  /** Names of the dense features, in order. */
  denseNames: string[];
  denseMean: number[];
  denseStd: number[];
  denseWeights: number[];
  /** Per binned dense feature (by its name in denseNames): quantile bin edges and the weights of its bins (edges.length + 1). */
  bins: { name: string; edges: number[]; weights: number[] }[];
  bias: number;
}

export interface TrainedTextModel extends TextModel {
  readonly options: Readonly<TextModelOptions>;
  readonly trainingSize: number;
  /** Probability of fake for a text plus the extra numeric features the model was trained with (missing = average). */
  scoreExample(example: ScoringInput): number;
  /** The strongest contributions to a score, for evidence shown to moderators. */
  explain(example: ScoringInput, top?: number): { bias: number; dense: { name: string; contribution: number }[] };
  toJSON(): SerializedTextModel;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens and hashing

/** Lower-cased word and punctuation tokens (the integrity core's one tokenizer, in its text-model form). */
export function tokenize(text: string): string[] {
  return modelTokens(text);
}

const mix = mixHash;

function sortedUnique(values: number[]): Int32Array {
  const arr = Int32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[n++] = arr[i];
  return arr.slice(0, n);
}

const WORD_SEED = 0x5bd1e995;
const CHAR_SEED = 0x27d4eb2f;

/** Sorted, distinct hashed indices of the word n-grams of a text (binary bag). */
export function hashedWordNgrams(text: string, range: [number, number], hashBits: number): Int32Array {
  const [lo, hi] = range;
  if (lo <= 0 || hi < lo) return new Int32Array(0);
  const mask = (1 << hashBits) - 1;
  const toks = ['\u0002', ...tokenize(text), '\u0003'].map((t) => fnv1a(t, FNV_OFFSET ^ WORD_SEED));
  const out: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    let h = WORD_SEED;
    for (let n = 1; n <= hi && i + n <= toks.length; n++) {
      h = mix(h, toks[i + n - 1]);
      if (n >= lo) out.push(mix(h, n) & mask);
    }
  }
  return sortedUnique(out);
}

/** Sorted, distinct hashed indices of the character n-grams (whitespace collapsed, padded with spaces). */
export function hashedCharNgrams(text: string, range: [number, number], hashBits: number, keepCase = false, collapseSpace = true): Int32Array {
  const [lo, hi] = range;
  if (lo <= 0 || hi < lo) return new Int32Array(0);
  const mask = (1 << hashBits) - 1;
  // Distinct start/end marks: where a text begins and stops (e.g. cut off mid-sentence) carries signal.
  const body = (keepCase ? text : text.toLowerCase()).replace(/\uFEFF/g, '').trim();
  const norm = '\u0002' + (collapseSpace ? body.replace(/\s+/g, ' ') : body.replace(/\r\n?/g, '\n')) + '\u0003';
  const out: number[] = [];
  for (let i = 0; i < norm.length; i++) {
    let h = (FNV_OFFSET ^ CHAR_SEED) >>> 0;
    for (let n = 1; n <= hi && i + n <= norm.length; n++) {
      h ^= norm.charCodeAt(i + n - 1);
      h = Math.imul(h, FNV_PRIME) >>> 0;
      if (n >= lo) out.push(mix(h, n) & mask);
    }
  }
  return sortedUnique(out);
}

// ---------------------------------------------------------------------------------------------------------
// Style features

const FIRST_SINGULAR = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll"]);
const FIRST_PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves', "we're", "we've", "we'd", "we'll"]);
const SECOND_PERSON = new Set(['you', 'your', 'yours', 'yourself', "you're", "you'll", "you've"]);
const SUPERLATIVE_WORDS = new Set([
  'best',
  'worst',
  'most',
  'least',
  'greatest',
  'finest',
  'nicest',
  'cleanest',
  'dirtiest',
  'biggest',
  'smallest',
  'highest',
  'lowest',
  'friendliest',
  'rudest',
  'loveliest',
  'easiest',
  'hardest',
  'cheapest',
  'latest',
  'fastest',
  'slowest',
  'largest',
  'coolest',
  'worse',
  'better',
]);
const EXTREME_WORDS = new Set([
  'amazing',
  'awesome',
  'excellent',
  'perfect',
  'fantastic',
  'wonderful',
  'outstanding',
  'incredible',
  'terrible',
  'horrible',
  'awful',
  'disgusting',
  'never',
  'always',
  'definitely',
  'highly',
  'absolutely',
  'extremely',
  'truly',
  'really',
  'very',
  'love',
  'loved',
  'hate',
  'hated',
]);

export const STYLE_FEATURE_NAMES = [
  'logChars',
  'logWords',
  'avgWordLength',
  'firstPersonSingular',
  'firstPersonPlural',
  'secondPerson',
  'superlatives',
  'extremeWords',
  'exclamationDensity',
  'questionDensity',
  'capitalRatio',
  'allCapsWords',
  'digitRatio',
  'properNouns',
  'urls',
  'sentences',
  'avgSentenceWords',
  'typeTokenRatio',
  'endsWithTerminal',
  'startsLowercase',
] as const;
export type StyleFeatureName = (typeof STYLE_FEATURE_NAMES)[number];
export type StyleFeatures = Record<StyleFeatureName, number>;

/**
 * Style features of a text. Ratios are per word (pronouns, superlatives, proper nouns…) or per character
 * (capitals among letters, digits, exclamation/question marks per 100 characters).
 */
export function styleFeatures(text: string): StyleFeatures {
  const trimmed = text.replace(/\uFEFF/g, '').trim();
  const rawWords = wordTokens(trimmed);
  const words = rawWords.map((w) => w.toLowerCase().replace(/’/g, "'"));
  const nw = Math.max(words.length, 1);
  const chars = Math.max(trimmed.length, 1);
  let letters = 0,
    capitals = 0,
    digits = 0;
  for (const ch of trimmed) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (ch !== ch.toLowerCase()) capitals++;
    } else if (/\p{N}/u.test(ch)) digits++;
  }
  const count = (set: Set<string>) => words.reduce((n, w) => n + (set.has(w) ? 1 : 0), 0);
  const superlatives = words.reduce((n, w) => n + (SUPERLATIVE_WORDS.has(w) || /^\p{L}{3,}iest$/u.test(w) ? 1 : 0), 0);
  // A capitalised word that does not start a sentence approximates a proper noun (brand, place, person).
  let properNouns = 0;
  const sentenceParts = trimmed.split(/[.!?]+\s+|\n+/).filter((s) => s.trim().length > 0);
  for (const part of sentenceParts) {
    const ws = wordTokens(part.trim());
    for (let i = 1; i < ws.length; i++) {
      if (/^\p{Lu}\p{Ll}/u.test(ws[i]) && ws[i] !== 'I') properNouns++;
    }
  }
  const allCaps = rawWords.filter((w) => w.length >= 2 && /^\p{Lu}+$/u.test(w) && w !== 'I').length;
  const urls = (trimmed.match(/https?:\/\/|www\.|\.(com|net|org|ly|info)\b/gi) ?? []).length;
  const exclamations = (trimmed.match(/!/g) ?? []).length;
  const questions = (trimmed.match(/\?/g) ?? []).length;
  const sentences = Math.max(sentenceParts.length, 1);
  return {
    logChars: Math.log1p(trimmed.length),
    logWords: Math.log1p(words.length),
    avgWordLength: words.length ? words.reduce((n, w) => n + w.length, 0) / words.length : 0,
    firstPersonSingular: count(FIRST_SINGULAR) / nw,
    firstPersonPlural: count(FIRST_PLURAL) / nw,
    secondPerson: count(SECOND_PERSON) / nw,
    superlatives: superlatives / nw,
    extremeWords: count(EXTREME_WORDS) / nw,
    exclamationDensity: (100 * exclamations) / chars,
    questionDensity: (100 * questions) / chars,
    capitalRatio: letters ? capitals / letters : 0,
    allCapsWords: allCaps / nw,
    digitRatio: digits / chars,
    properNouns: properNouns / nw,
    urls,
    sentences: Math.log1p(sentences),
    avgSentenceWords: words.length / sentences,
    typeTokenRatio: new Set(words).size / nw,
    endsWithTerminal: /[.!?)"'\p{Emoji_Presentation}]$/u.test(trimmed) ? 1 : 0,
    startsLowercase: /^\p{Ll}/u.test(trimmed) ? 1 : 0,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Featurisation: independent of the training data, so it can be done once and reused across CV folds.

export interface PreparedExample {
  word: Int32Array;
  char: Int32Array;
  /** Distinct hashed word unigrams, for the rare-word features. */
  vocab: Int32Array;
  style: number[];
  features: Record<string, number>;
  fake: boolean;
}

function resolveOptions(options: Partial<TextModelOptions> = {}): TextModelOptions {
  const o = { ...DEFAULT_TEXT_MODEL_OPTIONS, ...options };
  if (!Number.isInteger(o.hashBits) || o.hashBits < 8 || o.hashBits > 24) throw new RangeError('hashBits must be an integer in 8..24');
  if (!(o.epochs >= 1)) throw new RangeError('epochs must be >= 1');
  return { ...o, wordNgrams: [...o.wordNgrams] as [number, number], charNgrams: [...o.charNgrams] as [number, number] };
}

/** Hash and measure examples once; pass the result to `trainPrepared` (e.g. per cross-validation fold). */
export function prepareExamples(examples: readonly TrainingExample[], options: Partial<TextModelOptions> = {}): PreparedExample[] {
  const o = resolveOptions(options);
  return examples.map((e) => prepareOne(e, o));
}

const VOCAB_SEED = 0x165667b1;

function hashedVocabulary(text: string, hashBits: number): Int32Array {
  const mask = (1 << hashBits) - 1;
  const words = wordTokens(text.toLowerCase());
  return sortedUnique(words.map((w) => fnv1a(w, FNV_OFFSET ^ VOCAB_SEED) & mask));
}

export const RARE_FEATURE_NAMES = ['unseenRate', 'anyUnseen', 'onceRate', 'meanLogDf'] as const;

/** Rare-word features of a text against document frequencies; `self` = 1 when the text is itself counted in df. */
function rareVector(vocab: Int32Array, df: Uint8Array, self: 0 | 1): number[] {
  if (vocab.length === 0) return [0, 0, 0, 0];
  let unseen = 0,
    once = 0,
    logDf = 0;
  for (const h of vocab) {
    const c = Math.max(0, df[h] - self);
    if (c === 0) unseen++;
    if (c <= 1) once++;
    logDf += Math.log1p(c);
  }
  return [unseen / vocab.length, unseen > 0 ? 1 : 0, once / vocab.length, logDf / vocab.length];
}

function styleVector(text: string): number[] {
  const f = styleFeatures(text);
  return STYLE_FEATURE_NAMES.map((n) => f[n]);
}

function prepareOne(e: ScoringInput & { fake?: boolean }, o: TextModelOptions): PreparedExample {
  const text = e.text ?? '';
  return {
    word: hashedWordNgrams(text, o.wordNgrams, o.hashBits),
    char: hashedCharNgrams(text, o.charNgrams, o.hashBits, o.charCase, o.collapseSpace),
    vocab: o.rareWords ? hashedVocabulary(text, o.hashBits) : new Int32Array(0),
    style: o.style ? styleVector(text) : [],
    features: e.features ?? {},
    fake: e.fake ?? false,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32)

const rng = mulberry32;

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

// ---------------------------------------------------------------------------------------------------------
// Dense block: style features and extra numeric features, standardised, plus quantile-bin indicators.

interface DenseLayout {
  names: string[];
  mean: number[];
  std: number[];
  bins: { name: string; column: number; edges: number[] }[];
  /** Offset of each bin group in the dense weight vector. */
  binOffsets: number[];
  size: number;
}

function quantileEdges(values: number[], bins: number): number[] {
  if (bins < 2 || values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / bins))];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  // An edge equal to the minimum leaves an empty first bin; drop it.
  return edges.filter((e) => e > sorted[0]);
}

function binIndex(edges: number[], v: number): number {
  let k = 0;
  while (k < edges.length && v >= edges[k]) k++;
  return k;
}

function internalNames(o: TextModelOptions): string[] {
  return [...(o.style ? STYLE_FEATURE_NAMES.map((n) => `style.${n}`) : []), ...(o.rareWords ? RARE_FEATURE_NAMES.map((n) => `rare.${n}`) : [])];
}

function fitDenseLayout(data: PreparedExample[], o: TextModelOptions): DenseLayout {
  const styleNames = internalNames(o);
  const numericNames = [...new Set(data.flatMap((d) => Object.keys(d.features)))].sort();
  const names = [...styleNames, ...numericNames.map((n) => `feature.${n}`)];
  const mean: number[] = [];
  const std: number[] = [];
  const column = (j: number) =>
    j < styleNames.length ? data.map((d) => d.style[j]) : data.map((d) => d.features[numericNames[j - styleNames.length]]).filter((v) => Number.isFinite(v));
  for (let j = 0; j < names.length; j++) {
    const col = column(j);
    const m = col.length ? col.reduce((a, b) => a + b, 0) / col.length : 0;
    const v = col.length ? col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length : 0;
    mean.push(m);
    std.push(Math.sqrt(v) || 1);
  }
  const binned = names.flatMap((_name, j) => (j >= styleNames.length || o.styleBins ? [j] : []));
  const bins = binned.map((j) => ({ name: names[j], column: j, edges: quantileEdges(column(j), o.numericBins) }));
  const binOffsets: number[] = [];
  let size = names.length;
  for (const b of bins) {
    binOffsets.push(size);
    size += b.edges.length ? b.edges.length + 1 : 0;
  }
  return { names, mean, std, bins, binOffsets, size };
}

/** Dense feature values (index, value) for one example under a layout. */
function denseVector(layout: DenseLayout, styleCount: number, d: PreparedExample, scale: number): { idx: number[]; val: number[] } {
  const idx: number[] = [];
  const val: number[] = [];
  const raws = layout.names.map((name, j) => (j < styleCount ? d.style[j] : d.features[name.slice('feature.'.length)]));
  for (let j = 0; j < layout.names.length; j++) {
    const raw = raws[j];
    if (raw === undefined || !Number.isFinite(raw)) continue; // missing = the training mean
    const z = Math.max(-5, Math.min(5, (raw - layout.mean[j]) / layout.std[j]));
    if (z !== 0) {
      idx.push(j);
      val.push(z * scale);
    }
  }
  layout.bins.forEach((b, k) => {
    if (!b.edges.length) return;
    const raw = raws[b.column];
    if (raw === undefined || !Number.isFinite(raw)) return;
    idx.push(layout.binOffsets[k] + binIndex(b.edges, raw));
    val.push(scale);
  });
  return { idx, val };
}

// ---------------------------------------------------------------------------------------------------------
// Training

/** Train on prepared examples (all of them, or those at `indices`). */
export function trainPrepared(prepared: readonly PreparedExample[], options: Partial<TextModelOptions> = {}, indices?: readonly number[]): TrainedTextModel {
  const o = resolveOptions(options);
  let data = indices ? indices.map((i) => prepared[i]) : [...prepared];
  if (data.length === 0) throw new Error('cannot train a text model on zero examples');
  const D = 1 << o.hashBits;

  // NB log-count ratios over the binary word and char features.
  const ratio = new Float64Array(D);
  if (o.nbWeighting) {
    const pos = new Float64Array(D);
    const neg = new Float64Array(D);
    for (const d of data) {
      const c = d.fake ? pos : neg;
      for (const j of d.word) c[j] += 1;
      for (const j of d.char) c[j] += 1;
    }
    let ps = 0,
      ns = 0;
    for (let j = 0; j < D; j++) {
      ps += pos[j] + o.nbAlpha;
      ns += neg[j] + o.nbAlpha;
    }
    for (let j = 0; j < D; j++) ratio[j] = Math.log((pos[j] + o.nbAlpha) / ps) - Math.log((neg[j] + o.nbAlpha) / ns);
  } else ratio.fill(1);

  // Document frequencies of the training texts (capped), for the rare-word features; each training text is
  // measured against the others (leave-one-out), as a new text would be.
  const df = new Uint8Array(o.rareWords ? D : 0);
  if (o.rareWords) {
    for (const d of data) for (const h of d.vocab) if (df[h] < 255) df[h]++;
    data = data.map((d) => ({ ...d, style: [...d.style, ...rareVector(d.vocab, df, 1)] }));
  }
  const layout = fitDenseLayout(data, o);
  const styleCount = internalNames(o).length;
  const dense = data.map((d) => denseVector(layout, styleCount, d, o.denseScale));

  const w = new Float64Array(D);
  const g2 = new Float64Array(D);
  const dw = new Float64Array(layout.size);
  const dg2 = new Float64Array(layout.size);
  let bias = 0,
    bg2 = 0;
  const eps = 1e-8;
  const eta = o.learningRate;
  const order = data.map((_, i) => i);
  const random = rng(o.seed);
  const averageStart = Math.floor(o.epochs / 2);
  const sumW = new Float64Array(o.average ? D : 0);
  const sumDw = new Float64Array(layout.size);
  let sumBias = 0,
    snapshots = 0;

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    for (const i of order) {
      const d = data[i];
      const wn = d.word.length ? 1 / Math.sqrt(d.word.length) : 0;
      const cn = d.char.length ? o.charWeight / Math.sqrt(d.char.length) : 0;
      const dv = dense[i];
      let z = bias;
      for (const j of d.word) z += w[j] * ratio[j] * wn;
      for (const j of d.char) z += w[j] * ratio[j] * cn;
      for (let k = 0; k < dv.idx.length; k++) z += dw[dv.idx[k]] * dv.val[k];
      const err = sigmoid(z) - (d.fake ? 1 : 0);
      const step = (arr: Float64Array, acc: Float64Array, j: number, x: number) => {
        const grad = err * x + o.l2 * arr[j];
        acc[j] += grad * grad;
        arr[j] -= (eta * grad) / (Math.sqrt(acc[j]) + eps);
      };
      for (const j of d.word) step(w, g2, j, ratio[j] * wn);
      for (const j of d.char) step(w, g2, j, ratio[j] * cn);
      for (let k = 0; k < dv.idx.length; k++) step(dw, dg2, dv.idx[k], dv.val[k]);
      bg2 += err * err;
      bias -= (eta * err) / (Math.sqrt(bg2) + eps);
    }
    if (o.average && epoch >= averageStart) {
      for (let j = 0; j < D; j++) if (w[j] !== 0) sumW[j] += w[j];
      for (let j = 0; j < dw.length; j++) sumDw[j] += dw[j];
      sumBias += bias;
      snapshots++;
    }
  }
  if (o.average && snapshots > 0) {
    for (let j = 0; j < D; j++) w[j] = sumW[j] / snapshots;
    for (let j = 0; j < dw.length; j++) dw[j] = sumDw[j] / snapshots;
    bias = sumBias / snapshots;
  }

  // Fold the NB ratio into the weights, then round to float32 so the stored model scores identically.
  const effective = new Float32Array(D);
  for (let j = 0; j < D; j++) if (w[j] !== 0) effective[j] = w[j] * ratio[j];
  const f32 = (x: number) => Math.fround(x);
  const denseWeights = Array.from(dw.subarray(0, layout.names.length), f32);
  const bins = layout.bins.map((b, k) => ({
    name: b.name,
    edges: b.edges,
    weights: b.edges.length ? Array.from(dw.subarray(layout.binOffsets[k], layout.binOffsets[k] + b.edges.length + 1), f32) : [],
  }));
  const body = {
    options: o,
    trainingSize: data.length,
    sparseWeights: encodeFloat32(effective),
    documentFrequencies: o.rareWords ? Buffer.from(df).toString('base64') : '',
    denseNames: layout.names,
    denseMean: layout.mean,
    denseStd: layout.std,
    denseWeights,
    bins,
    bias: f32(bias),
  };
  const positives = data.reduce((n, d) => n + (d.fake ? 1 : 0), 0);
  const version = `text-lr-${hex(fnv1a(JSON.stringify({ ...body, positives })))}-n${data.length}${o.trainedAt ? `-${o.trainedAt}` : ''}`;
  return fromSerialized({ format: 'candor-text-model', formatVersion: 1, version, ...body }, effective, df);
}

/** Train a model from labelled texts (production: moderators' decisions). */
export function trainTextModel(examples: readonly TrainingExample[], options: Partial<TextModelOptions> = {}): TrainedTextModel {
  return trainPrepared(prepareExamples(examples, options), options);
}

// ---------------------------------------------------------------------------------------------------------
// Scoring and (de)serialisation

const hex = (n: number) => n.toString(16).padStart(8, '0');

function encodeFloat32(arr: Float32Array): string {
  const bytes = new Uint8Array(arr.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < arr.length; i++) view.setFloat32(i * 4, arr[i], true);
  return Buffer.from(bytes).toString('base64');
}

function decodeFloat32(b64: string, expected: number): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length !== expected * 4) throw new Error(`text model: expected ${expected} sparse weights, got ${bytes.length / 4}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(expected);
  for (let i = 0; i < expected; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function fromSerialized(s: SerializedTextModel, decoded?: Float32Array, decodedDf?: Uint8Array): TrainedTextModel {
  const o = s.options;
  const sparse = decoded ?? decodeFloat32(s.sparseWeights, 1 << o.hashBits);
  const df = decodedDf ?? new Uint8Array(Buffer.from(s.documentFrequencies ?? '', 'base64'));
  if (o.rareWords && df.length !== 1 << o.hashBits) throw new Error('text model: document frequencies missing or of the wrong size');
  const styleCount = internalNames(o).length;
  const binOffsets: number[] = [];
  let size = s.denseNames.length;
  for (const b of s.bins) {
    binOffsets.push(size);
    size += b.weights.length;
  }
  const layout: DenseLayout = {
    names: s.denseNames,
    mean: s.denseMean,
    std: s.denseStd,
    bins: s.bins.map((b) => ({ name: b.name, column: s.denseNames.indexOf(b.name), edges: b.edges })),
    binOffsets,
    size,
  };
  const dw = [...s.denseWeights, ...s.bins.flatMap((b) => b.weights)];

  const parts = (input: ScoringInput) => {
    const d = prepareOne(input, o);
    if (o.rareWords) d.style.push(...rareVector(d.vocab, df, 0));
    const wn = d.word.length ? 1 / Math.sqrt(d.word.length) : 0;
    const cn = d.char.length ? o.charWeight / Math.sqrt(d.char.length) : 0;
    let text = 0;
    for (const j of d.word) text += sparse[j] * wn;
    for (const j of d.char) text += sparse[j] * cn;
    const dv = denseVector(layout, styleCount, d, o.denseScale);
    const dense = dv.idx.map((j, k) => ({ j, contribution: dw[j] * dv.val[k] }));
    return { text, dense };
  };
  const scoreExample = (input: ScoringInput) => {
    const { text, dense } = parts(input);
    return sigmoid(s.bias + text + dense.reduce((a, c) => a + c.contribution, 0));
  };
  const denseName = (j: number) => {
    if (j < layout.names.length) return layout.names[j];
    const k = binOffsets.findLastIndex((off) => off <= j);
    return `bin.${layout.bins[k].name}[${j - binOffsets[k]}]`;
  };
  return {
    version: s.version,
    options: o,
    trainingSize: s.trainingSize,
    score: (text: string) => scoreExample({ text }),
    scoreExample,
    explain: (input, top = 5) => {
      const { text, dense } = parts(input);
      const named = dense.map((c) => ({ name: denseName(c.j), contribution: c.contribution }));
      named.push({ name: 'ngrams', contribution: text });
      named.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      return { bias: s.bias, dense: named.slice(0, top) };
    },
    toJSON: () => s,
  };
}

/** Rebuild a model from `toJSON()` output (object or JSON string), e.g. as stored in the database. */
export function loadTextModel(json: SerializedTextModel | string): TrainedTextModel {
  const s = (typeof json === 'string' ? JSON.parse(json) : json) as SerializedTextModel;
  if (s?.format !== 'candor-text-model' || s.formatVersion !== 1) throw new Error('not a candor text model (format/formatVersion)');
  return fromSerialized({ ...s, options: resolveOptions(s.options) });
}
