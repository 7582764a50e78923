import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import type { AssessmentContext, SignalResult, WeakIdentityFacts } from '../../../server/integrity/types.js';
import { emailNearKey, scorePair } from '../../../server/integrity/signals/weak-links.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';

// Several weak marks between accounts that share no single identifier, each compared with how common it is in the
// shop: accounts opened minutes apart, e-mail local parts of one pattern, one browser build, sequential addresses.
const RARE_BUILD = 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/91.0 RingBuild';
const BODIES = [
  'Pitched it in minutes and stayed dry through a storm, the poles feel solid and light.',
  'Roomy for two people, the vestibule keeps boots dry and the zips run smoothly every time.',
  'Packs down small enough for my bike bags and the fly went up quickly in the wind.',
  'Survived a windy night on the coast, condensation was low and the pegs held firm.',
  'Heavier than I hoped, but my kids love the big door and the two side windows.',
  'Setup confused me at first; the colour-coded clips helped once I noticed them.',
];

function ring(rating: number) {
  const w = world().merchant().product('p1').background(300, 40);
  // Opened about a quarter of an hour apart, one mailbox pattern, one rare build, neighbouring addresses: no
  // address, mailbox or device is shared by any two of them.
  for (let i = 0; i < 4; i++)
    w.account(`s${i}`, { at: -20 + i * 0.01, email: `lena.k.shop${i + 1}${i + 3}@mail.example`, ip: `93.184.216.${20 + i}`, ua: RARE_BUILD });
  for (let i = 0; i < 4; i++) w.review(`s${i}-p1`, `s${i}`, 'p1', i * 0.2, { rating, body: BODIES[i] });
  return w.run();
}

const weakLink = (reasons: SignalResult[]) => reasons.find((r) => r.signal === 'weak-link-combination');

describe('weak links combined against chance', () => {
  for (const rating of [1, 5]) {
    it(`when accounts that share no identifier show several rare marks and review one product (${rating}★), then they are linked and held as sockpuppets`, () => {
      const r = ring(rating);
      const last = r.review('s3-p1')!;
      const signal = weakLink(last.verdict.reasons);
      expect(signal, JSON.stringify(last.verdict.reasons)).to.not.equal(undefined);
      expect(signal!.label).to.equal('sockpuppet');
      expect(signal!.evidence.accounts).to.have.members(['s0', 's1', 's2']);
      expect(last.verdict.decision).to.equal('held');
      expect(last.verdict.labels).to.include('sockpuppet');
      // Earlier members are re-checked once the ring is visible.
      expect(r.review('s0-p1')!.verdict.decision).to.equal('held');
    });
  }

  it('when the ring is linked, then every mark records what was seen and its chance in this shop against an operator', () => {
    const signal = weakLink(ring(5).review('s3-p1')!.verdict.reasons)!;
    const pairs = signal.evidence.pairs as {
      account: string;
      logOdds: number;
      marks: { mark: string; observed: string; chanceShare: number; linkedShare: number; logOdds: number }[];
    }[];
    const threshold = signal.evidence.threshold as number;
    expect(signal.evidence.accountsTested).to.be.at.least(3);
    for (const p of pairs) {
      expect(p.logOdds).to.be.at.least(threshold);
      expect(p.marks.map((m) => m.mark)).to.include.members(['creation', 'email', 'ua', 'network']);
      for (const m of p.marks) {
        expect(m.observed).to.be.a('string').and.not.equal('');
        expect(m.chanceShare).to.be.below(m.linkedShare);
        expect(m.logOdds).to.be.closeTo(Math.log(m.linkedShare / Math.max(m.chanceShare, 1e-6)), 0.05 + (m.logOdds >= 6.9 ? 10 : 0));
      }
      const ua = p.marks.find((m) => m.mark === 'ua')!;
      expect(ua.observed).to.match(/used by 4 accounts of \d+/);
    }
  });

  it('when the same marks are common in the shop (a sign-up wave, one popular build, one carrier /24), then nobody is linked', () => {
    const w = world().merchant().product('p1').product('p2').background(300, 40);
    const POPULAR = 'Mozilla/5.0 (Linux; Android 14) Chrome/126 Mobile Popular';
    // A sale day: 40 accounts opened within two hours on one carrier range with the common phone browser.
    const first = ['maria', 'tom', 'ines', 'olu', 'petra', 'sam', 'yuki', 'dev'];
    const last = ['garcia', 'nowak', 'okafor', 'lindqvist', 'brown', 'rossi', 'tanaka', 'kaur', 'moreau', 'silva'];
    for (let i = 0; i < 40; i++)
      w.account(`w${i}`, {
        at: -20 + i * 0.002,
        email: `${first[i % 8]}.${last[i % 10]}${i % 3 ? '' : 1980 + i}@mail.example`,
        ip: `100.64.1.${(i * 3) % 250}`,
        ua: POPULAR,
      });
    for (let i = 0; i < 40; i++)
      w.review(`w${i}-p2`, `w${i}`, 'p2', -10 + i * 0.02, { body: `Sale buy number ${i}, the ${['torch', 'stove', 'mug', 'mat'][i % 4]} works fine for now.` });
    // Six of them review p1 too, launch-day style.
    for (let i = 0; i < 6; i++) w.review(`w${i}-p1`, `w${i}`, 'p1', i * 0.1, { rating: i % 2 ? 1 : 5, body: BODIES[i] });
    const r = w.run();
    for (let i = 0; i < 6; i++) {
      const v = r.review(`w${i}-p1`)!.verdict;
      expect(weakLink(v.reasons), JSON.stringify(weakLink(v.reasons)?.evidence)).to.equal(undefined);
    }
  });

  it('when two accounts used one address, then the pair is left to shared identity and not counted again here', () => {
    const w = world().merchant().product('p1').background(300, 40);
    for (let i = 0; i < 3; i++) w.account(`h${i}`, { at: -20 + i * 0.01, email: `lena.k.shop${i + 1}@mail.example`, ip: '93.184.216.20', ua: RARE_BUILD });
    for (let i = 0; i < 3; i++) w.review(`h${i}-p1`, `h${i}`, 'p1', i * 0.2, { body: BODIES[i] });
    const r = w.run();
    expect(weakLink(r.review('h2-p1')!.verdict.reasons)).to.equal(undefined);
    expect(r.review('h2-p1')!.verdict.reasons.some((x) => x.signal === 'shared-identity')).to.equal(true);
  });

  it('when two buyers each ordered days before, then their marks are not tested (two purchases, not one operator)', () => {
    const w = world().merchant().product('p1').background(300, 40);
    for (let i = 0; i < 4; i++)
      w.account(`b${i}`, { at: -20 + i * 0.01, email: `lena.k.shop${i + 1}@mail.example`, ip: `93.184.216.${20 + i}`, ua: RARE_BUILD });
    for (let i = 0; i < 4; i++) w.review(`b${i}-p1`, `b${i}`, 'p1', i * 0.2, { body: BODIES[i], orderDaysBefore: 6 });
    const r = w.run();
    for (let i = 0; i < 4; i++) expect(weakLink(r.review(`b${i}-p1`)!.verdict.reasons)).to.equal(undefined);
  });
  // Opened hours apart rather than minutes: the gap is compared with the shop's own sign-ups in that many hours.
  function hoursApart(o: { wave?: boolean; rating?: number }) {
    const w = world().merchant().product('p1').product('p2').background(300, 40);
    if (o.wave)
      for (let i = 0; i < 40; i++) {
        w.account(`w${i}`, { at: -20.3 + i * 0.02 });
        w.review(`w${i}-p2`, `w${i}`, 'p2', -10 + i * 0.02, {
          body: `Sale buy number ${i}, the ${['torch', 'stove', 'mug', 'mat'][i % 4]} works fine for now.`,
        });
      }
    const names = ['olu.garcia', 'petra_n', 'samrossi'];
    for (let i = 0; i < 3; i++) w.account(`h${i}`, { at: -20 + i * 0.2, email: `${names[i]}@mail.example`, ip: `93.184.216.${20 + i}`, ua: RARE_BUILD });
    for (let i = 0; i < 3; i++) w.review(`h${i}-p1`, `h${i}`, 'p1', i * 0.2, { rating: o.rating ?? 5, body: BODIES[i] });
    return w.run();
  }

  for (const rating of [1, 5]) {
    it(`when accounts with one rare build on one /24 (no shared address) were opened hours apart in a quiet shop (${rating}★), then the hours are a creation mark against the sign-ups in those hours and they are linked`, () => {
      const v = hoursApart({ rating }).review('h2-p1')!.verdict;
      const signal = weakLink(v.reasons);
      expect(signal, JSON.stringify(v.reasons)).to.not.equal(undefined);
      const pairs = signal!.evidence.pairs as { account: string; marks: { mark: string; observed: string; chanceShare: number }[] }[];
      expect(pairs.map((p) => p.account)).to.have.members(['h0', 'h1']);
      const creation = pairs.find((p) => p.account === 'h0')!.marks.find((m) => m.mark === 'creation')!;
      expect(creation.observed).to.match(/hours apart \(within 12 hours\)/);
      expect(creation.chanceShare).to.be.below(0.02);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
    });
  }

  it('when a sign-up wave opened many accounts in those same hours, then a gap of hours is common and the same accounts are not linked', () => {
    const v = hoursApart({ wave: true }).review('h2-p1')!.verdict;
    expect(weakLink(v.reasons), JSON.stringify(weakLink(v.reasons)?.evidence)).to.equal(undefined);
  });
});

// E-mail marks against the shop's accounts: a script's batch of addresses ("honestmira013@…", "honestjonas014@…") is
// no Jaro–Winkler pair, yet shares one shape and one opening; how many of the shop's accounts hold either is the chance.
describe('e-mail marks against chance', () => {
  const identity = (email: string) => ({ createdAt: new Date('2026-03-01T00:00:00Z'), email, ips: [], prefixes: [], uas: [] });
  const facts = (holders: Record<string, number>, accounts = 1000): WeakIdentityFacts => ({ shopAccounts: accounts, accounts: {}, holders });
  const context = {} as AssessmentContext;
  const emailOf = (a: string, b: string, holders: Record<string, number>) =>
    scorePair(identity(a), identity(b), 'other', facts(holders), context, defaultPolicy).matched.find((m) => m.mark === 'email');

  it('when a batch of addresses shares a rare opening and one shape, then the e-mail mark counts, with the rarer holder count as its chance', () => {
    const m = emailOf('honestmira013@post.example', 'honestjonas014@post.example', {
      'email_shape:A999@post.example': 9,
      'email_stem:hones': 4,
    });
    expect(m, 'a mark').to.not.equal(undefined);
    expect(m!.observed).to.equal('e-mail local parts opening with "hones", as 4 accounts of 1000 do');
    expect(m!.chanceShare).to.equal(0.004);
    expect(m!.logOdds).to.be.closeTo(Math.log(defaultPolicy.weakLinks.linkedShare.email / 0.004), 1e-3);
    // Jaro–Winkler alone sees no pattern in them.
    expect(emailOf('honestmira013@post.example', 'honestjonas014@post.example', {})).to.equal(undefined);
  });

  it('when addresses of a common shape carry numbers one apart, then the accounts of that shape numbered that close are the chance', () => {
    const a = 'tobias.rasmussen1997@gmail.com';
    const b = 'soren.sato1998@gmail.com';
    const near = emailNearKey(a, b)!;
    expect(near.key).to.equal('email_near:A.A9999@gmail.com:1997:1');
    const m = emailOf(a, b, { 'email_shape:A.A9999@gmail.com': 600, [near.key]: 5 });
    expect(m!.observed).to.equal('e-mail addresses of one shape "A.A9999@gmail.com" numbered 1997 and 1998, as close as 5 accounts of 1000');
    expect(m!.chanceShare).to.equal(0.005);
    // Birth years a decade apart are what most such addresses show: as common as the shape, no mark.
    const far = emailNearKey(a, 'soren.sato1987@gmail.com')!;
    expect(emailOf(a, 'soren.sato1987@gmail.com', { 'email_shape:A.A9999@gmail.com': 600, [far.key]: 420 })).to.equal(undefined);
    expect(emailNearKey(a, 'soren.sato@gmail.com')).to.equal(null);
  });

  it('when the shared shape or opening is common in the shop, then it is no mark, and no missing mark either', () => {
    const pair = scorePair(
      identity('maria.lee1@post.example'),
      identity('maria.kim2@post.example'),
      'other',
      facts({ 'email_shape:A.A9@post.example': 400, 'email_stem:maria': 350 }),
      context,
      defaultPolicy,
    );
    expect(pair.matched.map((m) => m.mark)).to.not.include('email');
    expect(pair.missing.map((m) => m.mark)).to.not.include('email');
  });

  it('when two addresses share neither shape nor opening nor a close pattern, then the e-mail mark counts against a link', () => {
    const pair = scorePair(identity('mira@post.example'), identity('oleg77@mailbox.example'), 'other', facts({}), context, defaultPolicy);
    expect(pair.missing.map((m) => m.mark)).to.include('email');
  });
});
