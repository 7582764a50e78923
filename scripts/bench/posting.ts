// Posting reviews over HTTP through the whole pipeline (sign-in session, CSRF, rate limits, integrity checks,
// one transaction per review), as browsers do: each poster is a separate person with an address of their own.
import { createAccount, hashPassword } from '../../server/accounts/accounts.js';
import type { Database } from '../../server/storage/database.js';
import { percentile } from './integrity-checks.js';
import { rng } from './catalogue.js';

const PASSWORD = 'bench password 2026';
/** The review limit is 10 an hour per account: each poster account writes fewer than that. */
const POSTS_PER_ACCOUNT = 9;

export interface PosterAccount {
  email: string;
  ip: string;
  index: number;
}

/** Accounts the posters sign in with (created directly: sign-up speed is not what is measured). */
export async function createPosterAccounts(db: Database, count: number): Promise<PosterAccount[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const accounts: PosterAccount[] = [];
  for (let i = 0; i < count; i++) {
    const ip = `100.${64 + (i % 60)}.${(i * 7) % 250}.${1 + (i % 250)}`;
    const email = `poster${i}@bench-mail${i}.example`;
    await createAccount(db, {
      displayName: `Bench Poster ${i}`,
      email,
      passwordHash,
      ip,
      userAgent: `BenchBrowser/${i}`,
      at: new Date('2025-01-01T00:00:00Z'),
    });
    accounts.push({ email, ip, index: i });
  }
  return accounts;
}

class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly account: PosterAccount,
  ) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; json?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = {
      'X-Forwarded-For': this.account.ip,
      // Candor runs behind TLS in production: its session cookie is Secure, so the proxy says https.
      'X-Forwarded-Proto': 'https',
      'User-Agent': `BenchBrowser/${this.account.index}`,
      Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (init.json) headers.Accept = 'application/json';
    let body: string | undefined;
    if (init.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.base + path, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  async token(path: string): Promise<string> {
    const res = await this.request(path);
    const match = /name="_csrf" value="([^"]+)"/.exec(await res.text());
    if (res.status !== 200 || !match) throw new Error(`no form token on ${path} (status ${res.status})`);
    return match[1]!;
  }
}

interface SignedIn {
  browser: Browser;
  token: string;
  account: PosterAccount;
}

async function signIn(base: string, account: PosterAccount, firstProductSlug: string): Promise<SignedIn> {
  const browser = new Browser(base, account);
  const signinToken = await browser.token('/signin');
  const res = await browser.request('/signin', { method: 'POST', form: { _csrf: signinToken, email: account.email, password: PASSWORD } });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  // The session id changes at sign-in: the token comes from the signed-in session's own form.
  return { browser, token: await browser.token(`/products/${firstProductSlug}/reviews/new`), account };
}

const WORDS = (
  'tent pitched rain wind night dry warm packed light heavy zip pole stake fly inner door vestibule floor ' +
  'sturdy flimsy roomy tight easy quick slow colour bright dark loud quiet strap buckle seam stitch fabric'
).split(' ');

function reviewText(r: () => number): { title: string; body: string; rating: string } {
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!).join(' ');
  return { title: words(4), body: `${words(14 + Math.floor(r() * 20))}.`, rating: String(1 + Math.floor(r() * 5)) };
}

export interface PostingResult {
  posters: number;
  reviews: number;
  reviewsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  status5xx: number;
  /** How many failed posts got each status (e.g. 429 from a rate limit, 409 for a second review). */
  failedStatuses: Record<string, number>;
  /** The first answer's message for each failed status, so a report says why, not only how many. */
  failedMessages: Record<string, string>;
}

/**
 * `posters` people post concurrently for `durationSec`, each through sign-in sessions prepared beforehand
 * (sign-in is not part of the figure). Every accepted post answers 201, whatever the verdict.
 */
export async function measurePosting(input: {
  base: string;
  accounts: PosterAccount[];
  productSlugs: string[];
  posters: number;
  durationSec: number;
  seed: number;
}): Promise<PostingResult> {
  const sessions: SignedIn[] = [];
  for (let i = 0; i < input.accounts.length; i += 4) {
    sessions.push(...(await Promise.all(input.accounts.slice(i, i + 4).map((a) => signIn(input.base, a, input.productSlugs[0]!)))));
  }
  const r = rng(input.seed);
  const latencies: number[] = [];
  let errors = 0;
  let status5xx = 0;
  const failedStatuses: Record<string, number> = {};
  const failedMessages: Record<string, string> = {};
  const started = performance.now();
  const deadline = started + input.durationSec * 1000;
  const poster = async () => {
    while (performance.now() < deadline) {
      const session = sessions.shift();
      if (!session) return; // every prepared account has posted its share
      for (let j = 0; j < POSTS_PER_ACCOUNT && performance.now() < deadline; j++) {
        const slug = input.productSlugs[(session.account.index * POSTS_PER_ACCOUNT + j) % input.productSlugs.length]!;
        const t0 = performance.now();
        const res = await session.browser.request(`/products/${slug}/reviews`, {
          method: 'POST',
          json: true,
          form: { ...reviewText(r), _csrf: session.token },
        });
        const text = await res.text();
        if (res.status === 201) latencies.push(performance.now() - t0);
        else {
          errors++;
          failedStatuses[res.status] = (failedStatuses[res.status] ?? 0) + 1;
          failedMessages[res.status] ??= `${session.account.email}: ${text.slice(0, 300)}`;
          if (res.status >= 500) status5xx++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: input.posters }, poster));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    posters: input.posters,
    reviews: latencies.length,
    reviewsPerSec: latencies.length / elapsed,
    p50: latencies.length ? percentile(latencies, 50) : NaN,
    p99: latencies.length ? percentile(latencies, 99) : NaN,
    errors,
    status5xx,
    failedStatuses,
    failedMessages,
  };
}
