// One integrity check timed the way the submit path runs it: load the context from the database, then assess.
import { assess } from '../../server/integrity/assess.js';
import { defaultPolicy } from '../../server/integrity/policy.js';
import type { Submission } from '../../server/integrity/types.js';
import { loadContext } from '../../server/storage/context-loader.js';
import type { Database } from '../../server/storage/database.js';
import { rng, SPAN_DAYS, START } from './catalogue.js';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** p50/p99/mean in ms of `checks` checks of near-duplicate submissions against a filled catalogue. */
export async function timeIntegrityChecks(
  db: Database,
  catalogue: { templates: string[]; products: number; accounts: number },
  n: number,
  checks: number,
): Promise<{ n: number; p50: number; p99: number; mean: number }> {
  const { templates, products, accounts } = catalogue;
  const r = rng(42);
  const times: number[] = [];
  for (let i = 0; i < checks + 20; i++) {
    const template = templates[Math.floor(r() * templates.length)]!;
    const words = template.split(' ');
    words[Math.floor(r() * words.length)] = 'changed';
    const accountId = `a${1 + Math.floor(r() * accounts)}`;
    const product = 1 + Math.floor(r() * products);
    const at = new Date(START + SPAN_DAYS * 86_400_000 * r());
    const submission: Submission = {
      id: `bench_${i}`,
      kind: 'review',
      accountId,
      productId: `p${product}`,
      merchantId: `m${1 + (product % 50)}`,
      orderId: null,
      orderAt: null,
      rating: 1 + Math.floor(r() * 5),
      title: 'Title 1',
      body: words.join(' '),
      at,
      ip: '81.1.2.3',
      userAgent: 'ua7',
      incentive: null,
    };
    const start = process.hrtime.bigint();
    const context = await loadContext(db, submission, defaultPolicy, null, at);
    assess(submission, context, defaultPolicy, at);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= 20) times.push(ms); // the first checks warm caches and JIT
  }
  times.sort((a, b) => a - b);
  return { n, p50: percentile(times, 50), p99: percentile(times, 99), mean: times.reduce((a, b) => a + b, 0) / times.length };
}
