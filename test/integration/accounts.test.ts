import { expect } from 'chai';
import request from 'supertest';
import { confirmFromMail } from '../helpers/account-mail.js';
import { createTestContext, csrfToken, type TestContext } from '../helpers/test-app.js';

describe('accounts and sessions', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(() => ctx.close());

  // The token is fetched before the post is built: an agent attaches the cookies it has when a request is created.
  const signUp = async (agent: ReturnType<typeof request.agent>, email: string, extra: Record<string, string> = {}) => {
    const token = await csrfToken(agent, '/signup');
    return agent
      .post('/signup')
      .set('User-Agent', 'SignupBrowser/2.0')
      .type('form')
      .send({ _csrf: token, displayName: 'Jane Doe', email, password: 'a long enough password', ...extra });
  };

  /** Sign-up, then the owner confirms the address from the e-mail (in a browser of its own). */
  const signUpAndConfirm = async (agent: ReturnType<typeof request.agent>, email: string) => {
    const res = await signUp(agent, email);
    await confirmFromMail(request.agent(ctx.app), ctx.db, email);
    return res;
  };

  it('when a person signs up, then the password is stored as an argon2id hash and the sign-up ip and user agent are recorded', async () => {
    const agent = request.agent(ctx.app);
    const res = await signUp(agent, 'jane.doe+shop@gmail.com');
    expect(res.status).to.equal(303);
    const row = (
      await ctx.db.query<{ id: string; password_hash: string; signup_ip: string; signup_user_agent: string }>(
        `SELECT id, password_hash, signup_ip, signup_user_agent FROM accounts WHERE email = 'jane.doe+shop@gmail.com'`,
      )
    ).rows[0]!;
    expect(row.password_hash).to.match(/^\$argon2id\$/);
    expect(row.password_hash).not.to.include('a long enough password');
    expect(row.signup_ip).to.be.a('string').and.not.empty;
    expect(row.signup_user_agent).to.equal('SignupBrowser/2.0');
    const kinds = (await ctx.db.query<{ kind: string; raw: string }>('SELECT kind, raw FROM account_identifiers WHERE account_id = $1', [row.id])).rows;
    expect(kinds.map((k) => k.kind)).to.include.members(['ip', 'ua', 'email_norm']);
    expect(kinds.find((k) => k.kind === 'email_norm')!.raw).to.equal('janedoe@gmail.com');
    // Sign-up never signs in (a taken address must look the same); the right password is refused until the address is
    // confirmed from its mailbox, then works.
    expect((await agent.get('/account')).status).to.equal(302);
    const early = await agent
      .post('/signin')
      .type('form')
      .send({ _csrf: await csrfToken(agent, '/signin'), email: 'jane.doe+shop@gmail.com', password: 'a long enough password' });
    expect(early.status).to.equal(403);
    expect(early.text).to.include('Please confirm your e-mail address first');
    await confirmFromMail(agent, ctx.db, 'jane.doe+shop@gmail.com');
    const token = await csrfToken(agent, '/signin');
    await agent.post('/signin').type('form').send({ _csrf: token, email: 'jane.doe+shop@gmail.com', password: 'a long enough password' }).expect(303);
    const account = await agent.get('/account');
    expect(account.status).to.equal(200);
    expect(account.text).to.include('Jane Doe');
  });

  it('when the email is taken, then sign-up answers exactly as for a new email, creates nothing and the email tells the owner', async () => {
    const fresh = await signUp(request.agent(ctx.app), 'taken@mail.example');
    const taken = await signUp(request.agent(ctx.app), 'TAKEN@mail.example');
    expect(taken.status).to.equal(fresh.status);
    expect(taken.headers.location).to.equal(fresh.headers.location);
    expect(taken.text).to.equal(fresh.text);
    // Neither answer signs in: the session cookie a fresh sign-up would get is what told them apart before.
    expect(Object.keys(taken.headers).includes('set-cookie')).to.equal(Object.keys(fresh.headers).includes('set-cookie'));
    const accounts = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE lower(email) = 'taken@mail.example'`)).rows[0]!.n;
    expect(accounts).to.equal(1);
    const mail = (
      await ctx.db.query<{ subject: string }>(
        `SELECT payload->>'subject' AS subject FROM outbox WHERE lower(payload->>'to') = 'taken@mail.example' ORDER BY id`,
      )
    ).rows;
    expect(mail.map((m) => m.subject)).to.deep.equal(['Confirm your Candor account', 'Someone tried to use your e-mail address on Candor']);
    const json = await request(ctx.app)
      .post('/signup')
      .set('accept', 'application/json')
      .send({ displayName: 'Jane Doe', email: 'taken@mail.example', password: 'a long enough password' });
    expect(json.status, JSON.stringify(json.body)).to.equal(403);
  });

  it('when the password is short, then the form explains and no account is created', async () => {
    const short = await signUp(request.agent(ctx.app), 'short@mail.example', { password: 'short' });
    expect(short.status).to.equal(422);
    expect(short.text).to.include('Password must be at least 10 characters.');
    const n = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE email = 'short@mail.example'`)).rows[0]!.n;
    expect(n).to.equal(0);
  });

  it('when a display name passes for staff, a moderator or a shop, or hides bidi or zero-width characters, then it is refused', async () => {
    await ctx.db.query(`INSERT INTO merchants (id, slug, name) VALUES ('m_acme_names', 'acme-names', 'Acme Outdoor') ON CONFLICT DO NOTHING`);
    const cases: [string, RegExp][] = [
      ['Acme Outdoor team', /Acme Outdoor/],
      ['acmeoutdoor fan', /Acme Outdoor/],
      ['Morgan (moderator)', /moderator/],
      ['Candor Support', /candor/],
      ['ＡＤＭＩＮ', /admin/],
      ['Staff pick Sam', /staff/],
      ['Eve\u202Eevil', /direction controls or invisible/],
      ['Zero\u200Bwidth', /direction controls or invisible/],
    ];
    for (const [name, message] of cases) {
      const res = await signUp(request.agent(ctx.app), `name${cases.findIndex((c) => c[0] === name)}@mail.example`, { displayName: name });
      expect(res.status, name).to.equal(422);
      expect(res.text, name).to.match(message);
    }
    const n = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE email LIKE 'name%@mail.example'`)).rows[0]!.n;
    expect(n).to.equal(0);
    expect((await signUp(request.agent(ctx.app), 'plain.name@mail.example', { displayName: 'Sam Outdoorsy' })).status).to.equal(303);
  });

  it('when someone signs in, then the session id changes (no session fixation) and the session is stored in Postgres', async () => {
    const setup = request.agent(ctx.app);
    await signUpAndConfirm(setup, 'fixation@mail.example');
    const agent = request.agent(ctx.app);
    const page = await agent.get('/signin');
    const before = /candor\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))![1];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent.post('/signin').type('form').send({ _csrf: token, email: 'fixation@mail.example', password: 'a long enough password' });
    expect(res.status).to.equal(303);
    const after = /candor\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))![1];
    expect(after).to.not.equal(before);
    const sessions = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE sess::text LIKE '%passport%'`)).rows[0]!.n;
    expect(sessions).to.be.greaterThan(0);
  });

  it('when the password is wrong, then sign-in fails with the same message as for an unknown email', async () => {
    const agent = request.agent(ctx.app);
    await signUpAndConfirm(agent, 'wrongpass@mail.example');
    const a = request.agent(ctx.app);
    const tokenA = await csrfToken(a, '/signin');
    const wrong = await a.post('/signin').type('form').send({ _csrf: tokenA, email: 'wrongpass@mail.example', password: 'not the password' });
    const b = request.agent(ctx.app);
    const tokenB = await csrfToken(b, '/signin');
    const unknown = await b.post('/signin').type('form').send({ _csrf: tokenB, email: 'nobody@mail.example', password: 'whatever it is' });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.text).to.include('That email and password do not match an account.');
    expect(unknown.text).to.include('That email and password do not match an account.');
  });

  it('when a person signs out, then the session no longer works', async () => {
    const agent = request.agent(ctx.app);
    await signUpAndConfirm(agent, 'signout@mail.example');
    const signInToken = await csrfToken(agent, '/signin');
    await agent.post('/signin').type('form').send({ _csrf: signInToken, email: 'signout@mail.example', password: 'a long enough password' }).expect(303);
    expect((await agent.get('/account')).status).to.equal(200);
    const token = await csrfToken(agent, '/');
    await agent.post('/signout').type('form').send({ _csrf: token }).expect(303);
    const res = await agent.get('/account');
    expect(res.status).to.equal(302);
    expect(res.headers.location).to.match(/^\/signin/);
  });

  it('when the sign-in form is given an external next url, then it redirects home instead (no open redirect)', async () => {
    const setup = request.agent(ctx.app);
    await signUpAndConfirm(setup, 'redirect@mail.example');
    const agent = request.agent(ctx.app);
    const token = await csrfToken(agent, '/signin');
    const res = await agent
      .post('/signin')
      .type('form')
      .send({ _csrf: token, email: 'redirect@mail.example', password: 'a long enough password', next: '//evil.example/x' });
    expect(res.headers.location).to.equal('/');
  });

  it('when two accounts are created from one browser, then both carry the same device identifier', async () => {
    const agent = request.agent(ctx.app);
    // Sign-up does not sign in, so one browser can make a second account straight away.
    await signUp(agent, 'first.device@mail.example');
    await signUp(agent, 'second.device@mail.example');
    const rows = (
      await ctx.db.query<{ email: string; value: string }>(
        `SELECT a.email, i.value FROM account_identifiers i JOIN accounts a ON a.id = i.account_id
       WHERE i.kind = 'device' AND a.email IN ('first.device@mail.example', 'second.device@mail.example')`,
      )
    ).rows;
    expect(rows).to.have.length(2);
    expect(rows[0]!.value).to.equal(rows[1]!.value);
    const other = request.agent(ctx.app);
    await signUp(other, 'third.device@mail.example');
    const third = (
      await ctx.db.query<{ value: string }>(
        `SELECT i.value FROM account_identifiers i JOIN accounts a ON a.id = i.account_id WHERE i.kind = 'device' AND a.email = 'third.device@mail.example'`,
      )
    ).rows[0]!;
    expect(third.value).to.not.equal(rows[0]!.value);
  });
});
