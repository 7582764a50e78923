// Evaluate the text model on the labelled datasets in ../shared/data (read at run time, never copied).
//   npm run evaluate                                  grouped k-fold CV on every dataset folder of the data folder
//   --data DIR            the data folder: DIR/<dataset>/dev.csv or dev.jsonl (default ../shared/data beside the
//                         repository, or $CANDOR_SHARED_DATA)
//   npm run evaluate -- --train A.jsonl --test B.csv  train on one file, test on the other
//   --json                one JSON object per dataset per line on stdout
//   --dataset SUBSTR      only dataset folders whose name contains SUBSTR (default mode)
//   --folds K             folds for datasets without their own fold column (default 5)
//   --seed N              seed for fold assignment and SGD order (default 1)
//   --model-options JSON  override model options, e.g. '{"epochs":8}' (for tuning with CV)
// Progress goes to stderr; the table or JSON lines go to stdout.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FNV_OFFSET, hash32 } from '../server/integrity/text-tools.js';
import { prepareExamples, trainPrepared, type TrainedTextModel, type TextModelOptions, type TrainingExample } from '../server/integrity/text-model.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Row = Record<string, unknown>;

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Reading data

/** RFC 4180: comma separated, optional double-quoted fields with "" escapes and embedded newlines. */
function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (quoted) throw new UsageError('CSV ends inside a quoted field');
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function readRows(file: string): Row[] {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
  const raw = fs.readFileSync(file, 'utf8');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    return raw.split('\n').flatMap((line, n) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as Row];
      } catch {
        throw new UsageError(`${file}:${n + 1}: not valid JSON`);
      }
    });
  }
  if (ext === '.csv') {
    const [header, ...body] = parseCsv(raw);
    if (!header) throw new UsageError(`${file}: empty CSV`);
    return body.map((cells, n) => {
      if (cells.length !== header.length) throw new UsageError(`${file}: row ${n + 2} has ${cells.length} fields, header has ${header.length}`);
      return Object.fromEntries(header.map((h, k) => [h, cells[k]]));
    });
  }
  throw new UsageError(`${file}: unsupported extension '${ext}' (use .csv or .jsonl)`);
}

// ---------------------------------------------------------------------------------------------------------
// Dataset kinds

interface DatasetSpec {
  kind: string;
  /** The folder name in ../shared/data, used as the dataset name in output. */
  name: string;
  anchor: string;
  /** Accuracy goal. */
  goal: number | null;
  required: string[];
  labelColumn: string;
  modelOptions: Partial<TextModelOptions>;
  toExample(row: Row): TrainingExample;
  /** CV group: a fixed fold number, or a key whose rows must stay in one fold. */
  group(row: Row): { fold: number } | { key: string };
}

const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : Number(String(v ?? '').trim());
  return Number.isFinite(n) ? n : NaN;
};
const text = (row: Row) => String(row.text ?? '');
const label = (row: Row, col: string): boolean => {
  const v = num(row[col]);
  if (v !== 0 && v !== 1) throw new UsageError(`column ${col} must be 0 or 1, got ${JSON.stringify(row[col])}`);
  return v === 1;
};
const monthIndex = (s: unknown): number => {
  const m = /^(\d{4})-(\d{2})/.exec(String(s ?? ''));
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : NaN;
};
const log1p = (v: unknown) => {
  const n = num(v);
  return Number.isFinite(n) ? Math.log1p(Math.max(0, n)) : NaN;
};

/** Mukherjee et al. (2013)-style behaviour features from the YelpChi reviewer snapshot and the review. */
function yelpBehaviourFeatures(row: Row): Record<string, number> {
  const rating = num(row.rating);
  const restaurant = num(row.restaurant_rating);
  const reviews = num(row.reviewer_review_count);
  const age = monthIndex(row.date) - monthIndex(row.reviewer_join_month);
  const f: Record<string, number> = {
    reviewCount: log1p(row.reviewer_review_count),
    friendCount: log1p(row.reviewer_friend_count),
    fanCount: log1p(row.reviewer_fan_count),
    firstCount: log1p(row.reviewer_first_count),
    tipCount: log1p(row.reviewer_tip_count),
    complimentCount: log1p(row.reviewer_compliment_count),
    usefulCount: log1p(row.reviewer_useful_count),
    coolCount: log1p(row.reviewer_cool_count),
    funnyCount: log1p(row.reviewer_funny_count),
    reviewUseful: log1p(row.review_useful_count),
    accountAgeMonths: Number.isFinite(age) ? Math.log1p(Math.max(0, age)) : NaN,
    reviewsPerMonth: Number.isFinite(age) && Number.isFinite(reviews) ? Math.log1p(reviews / (Math.max(0, age) + 1)) : NaN,
    reviewLength: log1p(row.review_length),
    rating,
    ratingExtremity: Number.isFinite(rating) ? Math.abs(rating - 3) : NaN,
    ratingDeviation: Number.isFinite(rating) && Number.isFinite(restaurant) ? Math.abs(rating - restaurant) : NaN,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => Number.isFinite(v)));
}

const SPECS: DatasetSpec[] = [
  {
    kind: 'ott',
    name: 'ott-deceptive-opinion-spam',
    anchor: 'Ott 2011 SVM LIWC+bigrams ≈ 89.8%',
    goal: 0.9,
    required: ['text', 'is_fake', 'hotel', 'fold', 'polarity'],
    labelColumn: 'is_fake',
    // Chosen by hotel-disjoint CV on dev; differences between nearby settings are within about one point.
    modelOptions: { l2: 3e-5, denseScale: 0.2, rareWords: false },
    toExample: (r) => ({ text: text(r), fake: label(r, 'is_fake') }),
    group: (r) => ({ fold: num(r.fold) }),
  },
  {
    kind: 'yelpchi',
    name: 'yelpchi-restaurant-sample',
    anchor: 'Mukherjee 2013 behaviour ≈ 83–86%',
    goal: 0.86,
    required: ['text', 'is_fake', 'reviewer_id', 'reviewer_review_count', 'reviewer_join_month', 'date', 'rating'],
    labelColumn: 'is_fake',
    // Word unigrams with strong L2 only: the preprocessed text adds little beyond behaviour, and char n-grams overfit.
    modelOptions: { wordNgrams: [1, 1], charNgrams: [0, 0], l2: 1e-3 },
    toExample: (r) => ({ text: text(r), fake: label(r, 'is_fake'), features: yelpBehaviourFeatures(r) }),
    group: (r) => ({ key: String(r.reviewer_id) }),
  },
  {
    kind: 'youtube',
    name: 'youtube-spam-collection',
    anchor: 'TubeSpam / TF-IDF LinearSVC ≈ 95%',
    goal: 0.95,
    required: ['text', 'is_spam', 'author'],
    labelColumn: 'is_spam',
    modelOptions: {},
    toExample: (r) => ({ text: text(r), fake: label(r, 'is_spam') }),
    group: (r) => ({
      key: String(r.author ?? '')
        .normalize('NFKC')
        .toLowerCase()
        .trim(),
    }),
  },
  {
    kind: 'salminen',
    name: 'salminen-fake-reviews-sample',
    anchor: 'Salminen 2022 NB-SVM 95%',
    goal: 0.95,
    required: ['text', 'is_fake'],
    labelColumn: 'is_fake',
    // Binned style features let the linear model use thresholds (short and cut-off texts, no rare words).
    modelOptions: { wordNgrams: [1, 3], styleBins: true },
    toExample: (r) => ({ text: text(r), fake: label(r, 'is_fake') }),
    // Identical texts stay in one fold so duplicates do not leak between train and test.
    group: (r) => ({ key: text(r).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim() }),
  },
];

/** Infer the dataset kind from the columns; the first spec whose required columns are all present wins. */
function detectSpec(columns: string[]): DatasetSpec {
  const have = new Set(columns);
  if (!have.has('text')) throw new UsageError(`unknown columns (${columns.join(', ')}): a 'text' column is required`);
  if (!have.has('is_fake') && !have.has('is_spam'))
    throw new UsageError(`unknown columns (${columns.join(', ')}): a label column 'is_fake' or 'is_spam' is required`);
  const spec = SPECS.find((s) => s.required.every((c) => have.has(c)));
  if (!spec) throw new UsageError(`unknown columns (${columns.join(', ')})`);
  return spec;
}

// ---------------------------------------------------------------------------------------------------------
// Metrics and folds

interface Metrics {
  dataset: string;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  n: number;
}

function metrics(dataset: string, truth: boolean[], scores: number[]): Metrics {
  let tp = 0,
    fp = 0,
    tn = 0,
    fn = 0;
  truth.forEach((t, i) => {
    const p = scores[i] >= 0.5;
    if (p && t) tp++;
    else if (p && !t) fp++;
    else if (!p && t) fn++;
    else tn++;
  });
  const n = truth.length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { dataset, accuracy: n ? (tp + tn) / n : 0, precision, recall, f1, n };
}

// The integrity core's one string hash (FNV-1a + fmix32), seeded per fold assignment.
const hashString = (s: string, seed: number): number => hash32(s, (FNV_OFFSET ^ seed) >>> 0);

/** Fold number (0..k-1) per row: the dataset's own fold column, or groups spread over k folds by seeded hash. */
function assignFolds(rows: Row[], spec: DatasetSpec, k: number, seed: number): number[] {
  const groups = rows.map((r) => spec.group(r));
  if (groups.every((g) => 'fold' in g)) {
    const ids = [...new Set(groups.map((g) => (g as { fold: number }).fold))].sort((a, b) => a - b);
    return groups.map((g) => ids.indexOf((g as { fold: number }).fold));
  }
  // Sort groups by a seeded hash, then deal them round-robin so folds get near-equal group counts.
  const keys = [...new Set(groups.map((g) => ('key' in g ? g.key : String(g.fold))))];
  keys.sort((a, b) => hashString(a, seed) - hashString(b, seed) || (a < b ? -1 : 1));
  const foldOf = new Map(keys.map((key, i) => [key, i % k]));
  return groups.map((g) => foldOf.get('key' in g ? g.key : String(g.fold))!);
}

// ---------------------------------------------------------------------------------------------------------
// Runs

function toExamples(rows: Row[], spec: DatasetSpec, file: string): TrainingExample[] {
  return rows.map((r, i) => {
    try {
      return spec.toExample(r);
    } catch (e) {
      throw new UsageError(`${file}: row ${i + 1}: ${(e as Error).message}`);
    }
  });
}

function crossValidate(dir: string, spec: DatasetSpec, folds: number, seed: number, overrides: Partial<TextModelOptions>): Metrics {
  const file = ['dev.jsonl', 'dev.csv'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new UsageError(`${dir}: no dev.jsonl or dev.csv`);
  const rows = readRows(file);
  const examples = toExamples(rows, spec, file);
  const options = { ...spec.modelOptions, seed, ...overrides };
  const prepared = prepareExamples(examples, options);
  const fold = assignFolds(rows, spec, folds, seed);
  const k = Math.max(...fold) + 1;
  const scores = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < k; f++) {
    const trainIdx = fold.flatMap((x, i) => (x === f ? [] : [i]));
    const testIdx = fold.flatMap((x, i) => (x === f ? [i] : []));
    const t0 = performance.now();
    const model = trainPrepared(prepared, options, trainIdx);
    for (const i of testIdx) scores[i] = scoreOne(model, examples[i]);
    log(`  ${spec.name} fold ${f + 1}/${k}: train ${trainIdx.length}, test ${testIdx.length}, ${(performance.now() - t0).toFixed(0)} ms`);
  }
  return metrics(
    spec.name,
    examples.map((e) => e.fake),
    scores,
  );
}

function scoreOne(model: TrainedTextModel, e: TrainingExample): number {
  return model.scoreExample({ text: e.text, features: e.features });
}

function trainTest(trainFile: string, testFile: string, seed: number, overrides: Partial<TextModelOptions>): { spec: DatasetSpec; m: Metrics } {
  const trainRows = readRows(trainFile);
  const testRows = readRows(testFile);
  if (!trainRows.length) throw new UsageError(`${trainFile}: no rows`);
  if (!testRows.length) throw new UsageError(`${testFile}: no rows`);
  const spec = detectSpec(Object.keys(trainRows[0]));
  const testSpec = detectSpec(Object.keys(testRows[0]));
  if (testSpec.kind !== spec.kind) throw new UsageError(`train file looks like ${spec.kind}, test file like ${testSpec.kind}`);
  const train = toExamples(trainRows, spec, trainFile);
  const test = toExamples(testRows, spec, testFile);
  const options = { ...spec.modelOptions, seed, ...overrides };
  const t0 = performance.now();
  const model = trainPrepared(prepareExamples(train, options), options);
  log(`  ${spec.name}: trained on ${train.length} rows in ${(performance.now() - t0).toFixed(0)} ms (${model.version})`);
  const scores = test.map((e) => scoreOne(model, e));
  return {
    spec,
    m: metrics(
      spec.name,
      test.map((e) => e.fake),
      scores,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Output

const log = (msg: string) => process.stderr.write(msg + '\n');
const pct = (x: number) => (100 * x).toFixed(1) + '%';

function printTable(results: { spec: DatasetSpec; m: Metrics }[]): void {
  const header = ['dataset', 'n', 'accuracy', 'precision', 'recall', 'F1', 'published anchor', 'goal', 'met?'];
  const body = results.map(({ spec, m }) => [
    m.dataset,
    String(m.n),
    pct(m.accuracy),
    pct(m.precision),
    pct(m.recall),
    pct(m.f1),
    spec.anchor,
    spec.goal === null ? '—' : `≥ ${pct(spec.goal)}`,
    spec.goal === null ? '—' : m.accuracy >= spec.goal ? 'yes' : 'no',
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |';
  process.stdout.write([line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join('\n') + '\n');
}

function printJson(results: { spec: DatasetSpec; m: Metrics }[]): void {
  for (const { spec, m } of results) {
    const met = spec.goal === null ? null : m.accuracy >= spec.goal;
    process.stdout.write(
      JSON.stringify({ dataset: m.dataset, accuracy: m.accuracy, precision: m.precision, recall: m.recall, f1: m.f1, n: m.n, goal: spec.goal, met }) + '\n',
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// CLI

interface Args {
  train?: string;
  test?: string;
  json: boolean;
  dataset?: string;
  data?: string;
  folds: number;
  seed: number;
  overrides: Partial<TextModelOptions>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, folds: 5, seed: 1, overrides: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--train') args.train = path.resolve(value());
    else if (a === '--test') args.test = path.resolve(value());
    else if (a === '--dataset') args.dataset = value();
    else if (a === '--data') args.data = path.resolve(value());
    else if (a === '--folds') args.folds = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--model-options') {
      try {
        args.overrides = JSON.parse(value()) as Partial<TextModelOptions>;
      } catch {
        throw new UsageError('--model-options must be a JSON object');
      }
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: npm run evaluate -- [--data DIR] [--train FILE --test FILE] [--json] [--dataset SUBSTR] [--folds K] [--seed N] [--model-options JSON]\n',
      );
      process.exit(0);
    } else throw new UsageError(`unknown argument: ${a}`);
  }
  if (!!args.train !== !!args.test) throw new UsageError('--train and --test go together');
  if (args.data && args.train) throw new UsageError('--data is for cross-validation; --train/--test name their files');
  if (!Number.isInteger(args.folds) || args.folds < 2) throw new UsageError('--folds must be an integer >= 2');
  if (!Number.isInteger(args.seed)) throw new UsageError('--seed must be an integer');
  return args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const results: { spec: DatasetSpec; m: Metrics }[] = [];
  const t0 = performance.now();
  if (args.train && args.test) {
    results.push(trainTest(args.train, args.test, args.seed, args.overrides));
  } else {
    const dataDir = args.data ?? (process.env.CANDOR_SHARED_DATA ? path.resolve(process.env.CANDOR_SHARED_DATA) : path.resolve(projectRoot, '../shared/data'));
    if (!fs.existsSync(dataDir) || !fs.statSync(dataDir).isDirectory()) {
      throw new UsageError(
        `data folder not found: ${dataDir}. Pass --data DIR, where DIR holds one folder per dataset with a dev.csv or dev.jsonl (see "Evaluation on labelled datasets" in the README).`,
      );
    }
    const dirs = fs
      .readdirSync(dataDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && (!args.dataset || d.name.includes(args.dataset)))
      .map((d) => d.name)
      .sort();
    if (!dirs.length) throw new UsageError(`no dataset folders in ${dataDir}${args.dataset ? ` matching '${args.dataset}'` : ''}`);
    for (const name of dirs) {
      const dir = path.join(dataDir, name);
      const file = ['dev.jsonl', 'dev.csv'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
      if (!file) {
        log(`skipping ${name}: no dev.jsonl or dev.csv`);
        continue;
      }
      const first = readRows(file)[0];
      if (!first) {
        log(`skipping ${name}: empty`);
        continue;
      }
      const spec = detectSpec(Object.keys(first));
      const ts = performance.now();
      log(`${name}: ${args.folds}-fold grouped CV (${spec.kind})`);
      const m = crossValidate(dir, spec, args.folds, args.seed, args.overrides);
      log(`${name}: accuracy ${pct(m.accuracy)} in ${((performance.now() - ts) / 1000).toFixed(1)} s`);
      results.push({ spec, m });
    }
  }
  if (args.json) printJson(results);
  else printTable(results);
  log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`evaluate: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
}
