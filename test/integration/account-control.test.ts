import { expect } from 'chai';
import request from 'supertest';
import { requestPasswordReset } from '../../server/accounts/account-control.js';
import { signUp as signUpAccount } from '../../server/accounts/accounts.js';
import { confirmAndSignIn, confirmFromMail, latestLink, mailsTo, signInWith } from '../helpers/account-mail.js';
import { createTestContext, csrfToken, type TestContext } from '../helpers/test-app.js';

const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long passphrase';

describe('accounts people control: confirmation, reset, changes, sign-out everywhere', () => {
  let ctx: TestContext;
  let sequence = 0;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  type Agent = ReturnType<typeof request.agent>;
  const browser = (): Agent => {
    sequence++;
    return request.agent(ctx.app).set('X-Forwarded-For', `198.51.100.${sequence}`).set('User-Agent', `ControlBrowser/${sequence}`) as unknown as Agent;
  };
  // The token is fetched before the post is built: an agent attaches the cookies it has when a request is created.
  const post = async (agent: Agent, path: string, form: Record<string, string>, page = '/account/settings') => {
    const _csrf = await csrfToken(agent, page);
    return agent
      .post(path)
      .type('form')
      .send({ _csrf, ...form });
  };
  const signUp = async (agent: Agent, email: string, displayName = 'Robin Example') =>
    post(agent, '/signup', { displayName, email, password: PASSWORD }, '/signup');
  /** A person who signed up on the web, confirmed the address and is signed in. */
  const person = async (email: string) => {
    const agent = browser();
    expect((await signUp(agent, email)).status).to.equal(303);
    await confirmAndSignIn(agent, ctx.db, email, PASSWORD);
    return agent;
  };
  const accountOf = async (email: string) =>
    (
      await ctx.db.query<{ id: string; email: string; display_name: string; email_verified_at: Date | null }>(
        'SELECT id, email, display_name, email_verified_at FROM accounts WHERE lower(email) = lower($1)',
        [email],
      )
    ).rows[0];
  const signedIn = async (agent: Agent) => (await agent.get('/account')).status === 200;
  const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('token')!;

  it('when a person signs up, then the address starts unconfirmed, the e-mail carries a link that confirms it once, and a used link is refused', async () => {
    const agent = browser();
    await signUp(agent, 'confirm.me@mail.example');
    expect((await accountOf('confirm.me@mail.example'))!.email_verified_at).to.equal(null);
    const link = await latestLink(ctx.db, 'confirm.me@mail.example', '/verify-email');
    // Opening the link shows a button; only pressing it confirms (mail scanners that fetch links use nothing up).
    const page = await agent.get(link);
    expect(page.status).to.equal(200);
    expect((await accountOf('confirm.me@mail.example'))!.email_verified_at).to.equal(null);
    await confirmFromMail(agent, ctx.db, 'confirm.me@mail.example');
    expect((await accountOf('confirm.me@mail.example'))!.email_verified_at).not.to.equal(null);
    const reuse = await post(agent, '/verify-email', { token: tokenOf(link) }, '/signin');
    expect(reuse.status).to.equal(400);
    expect(reuse.text).to.include('This link does not work any more');
    expect((await agent.get(link)).status).to.equal(400);
  });

  it('when a password reset is asked for, then the answer is the same for a known and an unknown address, and only the known one gets mail', async () => {
    await person('known@mail.example');
    const known = await post(browser(), '/forgot-password', { email: 'known@mail.example' }, '/forgot-password');
    const unknown = await post(browser(), '/forgot-password', { email: 'nobody.here@mail.example' }, '/forgot-password');
    expect(known.status).to.equal(200);
    expect(unknown.status).to.equal(known.status);
    expect(unknown.text.replace(/name="_csrf" value="[^"]+"/g, '')).to.equal(known.text.replace(/name="_csrf" value="[^"]+"/g, ''));
    expect((await mailsTo(ctx.db, 'nobody.here@mail.example')).length).to.equal(0);
    expect((await mailsTo(ctx.db, 'known@mail.example')).at(-1)!.subject).to.equal('Reset your Candor password');
    const json = await request(ctx.app).post('/forgot-password').set('accept', 'application/json').send({ email: 'nobody.here@mail.example' });
    // No session, no CSRF token: refused like every other form post.
    expect(json.status).to.equal(403);
  });

  it('when the reset link is used, then the new password signs in, the old one does not, every session ends, and the link works only once', async () => {
    const other = await person('resetter@mail.example');
    expect(await signedIn(other)).to.equal(true);
    const visitor = browser();
    await post(visitor, '/forgot-password', { email: 'resetter@mail.example' }, '/forgot-password');
    const link = await latestLink(ctx.db, 'resetter@mail.example', '/reset-password');
    expect((await visitor.get(link)).status).to.equal(200);
    const reset = await post(visitor, '/reset-password', { token: tokenOf(link), password: NEW_PASSWORD }, link);
    expect(reset.status).to.equal(303);
    expect(reset.headers.location).to.equal('/signin');
    expect(await signedIn(other)).to.equal(false);
    expect((await signInWith(browser(), 'resetter@mail.example', PASSWORD)).status).to.equal(401);
    expect((await signInWith(browser(), 'resetter@mail.example', NEW_PASSWORD)).status).to.equal(303);
    const again = await post(visitor, '/reset-password', { token: tokenOf(link), password: 'a third long password' }, '/signin');
    expect(again.status).to.equal(400);
    expect((await signInWith(browser(), 'resetter@mail.example', NEW_PASSWORD)).status).to.equal(303);
    expect((await mailsTo(ctx.db, 'resetter@mail.example')).at(-1)!.subject).to.equal('Your Candor password was changed');
  });

  it('when a reset link is older than its hour, or a newer one was sent, then it is refused and the password stays', async () => {
    await person('slow.reader@mail.example');
    const now = ctx.services.clock();
    await requestPasswordReset(ctx.db, 'slow.reader@mail.example', { at: new Date(now.getTime() - 61 * 60_000), baseUrl: 'http://candor.test' });
    const expired = await latestLink(ctx.db, 'slow.reader@mail.example', '/reset-password');
    expect((await browser().get(expired)).status).to.equal(400);
    const tryExpired = await post(browser(), '/reset-password', { token: tokenOf(expired), password: NEW_PASSWORD }, '/signin');
    expect(tryExpired.status).to.equal(400);
    await requestPasswordReset(ctx.db, 'slow.reader@mail.example', { at: now, baseUrl: 'http://candor.test' });
    const first = await latestLink(ctx.db, 'slow.reader@mail.example', '/reset-password');
    await requestPasswordReset(ctx.db, 'slow.reader@mail.example', { at: now, baseUrl: 'http://candor.test' });
    const tryRetired = await post(browser(), '/reset-password', { token: tokenOf(first), password: NEW_PASSWORD }, '/signin');
    expect(tryRetired.status).to.equal(400);
    expect((await signInWith(browser(), 'slow.reader@mail.example', PASSWORD)).status).to.equal(303);
    // Only a hash of each token is stored: the database alone opens no account.
    const stored = (await ctx.db.query<{ token_hash: string }>('SELECT token_hash FROM account_tokens')).rows.map((r) => r.token_hash);
    expect(stored).not.to.include(tokenOf(first));
    expect(stored.every((h) => /^[0-9a-f]{64}$/.test(h))).to.equal(true);
  });

  it('when the name is changed, then it shows on the account; a name that passes for staff is refused', async () => {
    const agent = await person('renamer@mail.example');
    const res = await post(agent, '/account/name', { displayName: 'Robin Renamed' });
    expect(res.status).to.equal(303);
    expect((await agent.get('/account')).text).to.include('Robin Renamed');
    const bad = await post(agent, '/account/name', { displayName: 'Candor Support' });
    expect(bad.status).to.equal(422);
    expect((await accountOf('renamer@mail.example'))!.display_name).to.equal('Robin Renamed');
  });

  it('when the e-mail is changed, then the current password is required, and the new address is used only once confirmed from its mailbox', async () => {
    const agent = await person('old.address@mail.example');
    const wrong = await post(agent, '/account/email', { email: 'new.address@mail.example', currentPassword: 'not my password' });
    expect(wrong.status).to.equal(403);
    expect((await mailsTo(ctx.db, 'new.address@mail.example')).length).to.equal(0);
    const missing = await post(agent, '/account/email', { email: 'new.address@mail.example' });
    expect(missing.status).to.equal(422);
    const ok = await post(agent, '/account/email', { email: 'new.address@mail.example', currentPassword: PASSWORD });
    expect(ok.status).to.equal(303);
    expect(await accountOf('old.address@mail.example')).to.not.equal(undefined);
    await confirmFromMail(browser(), ctx.db, 'new.address@mail.example');
    expect(await accountOf('old.address@mail.example')).to.equal(undefined);
    expect((await accountOf('new.address@mail.example'))!.email_verified_at).not.to.equal(null);
    const mailboxes = await ctx.db.query<{ raw: string }>(`SELECT raw FROM account_identifiers WHERE account_id = $1 AND kind = 'email_norm'`, [
      (await accountOf('new.address@mail.example'))!.id,
    ]);
    expect(mailboxes.rows.map((r) => r.raw)).to.include.members(['old.address@mail.example', 'new.address@mail.example']);
    expect((await signInWith(browser(), 'new.address@mail.example', PASSWORD)).status).to.equal(303);
  });

  it('when the e-mail is changed to an address that has an account, then the answer is the same and that owner is told', async () => {
    await person('owner.of.it@mail.example');
    const agent = await person('wants.it@mail.example');
    const before = (await mailsTo(ctx.db, 'owner.of.it@mail.example')).length;
    const res = await post(agent, '/account/email', { email: 'Owner.Of.It@mail.example', currentPassword: PASSWORD });
    expect(res.status).to.equal(303);
    const mails = await mailsTo(ctx.db, 'owner.of.it@mail.example');
    expect(mails.length).to.equal(before + 1);
    expect(mails.at(-1)!.subject).to.equal('Someone tried to use your e-mail address on Candor');
    expect(mails.at(-1)!.text).not.to.match(/verify-email/);
  });

  it('when the password is changed, then the current one is required, other sessions end and this one stays', async () => {
    const agent = await person('changer@mail.example');
    const elsewhere = browser();
    await signInWith(elsewhere, 'changer@mail.example', PASSWORD);
    expect(await signedIn(elsewhere)).to.equal(true);
    const wrong = await post(agent, '/account/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(wrong.status).to.equal(403);
    expect(wrong.text).to.include('Your current password is not right.');
    expect(await signedIn(elsewhere)).to.equal(true);
    const ok = await post(agent, '/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).to.equal(303);
    expect(await signedIn(agent)).to.equal(true);
    expect(await signedIn(elsewhere)).to.equal(false);
    expect((await signInWith(browser(), 'changer@mail.example', NEW_PASSWORD)).status).to.equal(303);
  });

  it('when a person signs out everywhere, then every session of the account ends (this one too) and other accounts stay signed in', async () => {
    const agent = await person('everywhere@mail.example');
    const phone = browser();
    await signInWith(phone, 'everywhere@mail.example', PASSWORD);
    const bystander = await person('bystander@mail.example');
    const refused = await post(agent, '/account/sign-out-everywhere', { currentPassword: 'wrong password here' });
    expect(refused.status).to.equal(403);
    expect(await signedIn(phone)).to.equal(true);
    const res = await post(agent, '/account/sign-out-everywhere', { currentPassword: PASSWORD });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/signin');
    expect(await signedIn(phone)).to.equal(false);
    expect(await signedIn(agent)).to.equal(false);
    expect(await signedIn(bystander)).to.equal(true);
    const id = (await accountOf('everywhere@mail.example'))!.id;
    const left = await ctx.db.query(`SELECT 1 FROM sessions WHERE sess -> 'passport' ->> 'user' = $1`, [id]);
    expect(left.rows.length).to.equal(0);
  });

  it('when an administrator creates an account (the CLI’s path), then its address counts as confirmed and it signs in at once', async () => {
    const account = await signUpAccount(ctx.db, {
      displayName: 'Cli Made',
      email: 'cli.made@mail.example',
      password: PASSWORD,
      role: 'moderator',
      ip: null,
      userAgent: 'candor-cli',
      at: ctx.services.clock(),
    });
    expect(account.emailVerifiedAt).to.be.instanceOf(Date);
    expect((await signInWith(browser(), 'cli.made@mail.example', PASSWORD)).status).to.equal(303);
  });

  it('when a signed-out visitor posts to the settings forms, then each is refused and nothing changes', async () => {
    const visitor = browser();
    for (const path of ['/account/name', '/account/email', '/account/password', '/account/sign-out-everywhere', '/account/delete']) {
      const res = await post(visitor, path, { displayName: 'Nobody', currentPassword: PASSWORD }, '/signin');
      expect(res.status, path).to.equal(401);
    }
    expect((await visitor.get('/account/settings')).status).to.equal(302);
  });
});

describe('accounts people control: rate limits', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext({ rateLimits: { accountMail: 2, accountChange: 2 } });
  });
  after(() => ctx.close());

  it('when password resets are asked for too often from one address, then the third is refused with 429 and sends nothing', async () => {
    const agent = request.agent(ctx.app).set('X-Forwarded-For', '203.0.113.77');
    const ask = async () => {
      const _csrf = await csrfToken(agent as never, '/forgot-password');
      return agent.post('/forgot-password').type('form').send({ _csrf, email: 'limited@mail.example' });
    };
    expect((await ask()).status).to.equal(200);
    expect((await ask()).status).to.equal(200);
    const third = await ask();
    expect(third.status).to.equal(429);
    expect(third.text).to.include('Too many e-mails asked for in an hour');
  });
});
