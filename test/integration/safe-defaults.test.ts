import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app.js';
import { buildServices } from '../../server/wiring.js';
import { resolveSessionSecret } from '../../server/security/session-secret.js';
import { createTestContext, signedInAgent, type TestContext } from '../helpers/test-app.js';

describe('safe defaults: secrets, cookies and the development mailbox', function () {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext({ env: { CANDOR_DEV_MAIL: 'on' } });
  });
  after(() => ctx.close());

  it('when no SESSION_SECRET is set, then a random secret is generated once and every later start reads the same one', async () => {
    const first = await resolveSessionSecret(ctx.db, null);
    const second = await resolveSessionSecret(ctx.db, null);
    expect(first.generated).to.equal(true);
    expect(first.secret).to.have.length.greaterThan(40);
    expect(second.secret).to.equal(first.secret);
    expect(first.secret).not.to.match(/candor|development|secret/i);
    expect((await resolveSessionSecret(ctx.db, 'configured-secret-of-32-characters')).secret).to.equal('configured-secret-of-32-characters');
  });

  it('when the dev mailbox is on, then only administrators can open it', async () => {
    const anonymous = await request(ctx.app).get('/dev/mail').set('accept', 'application/json');
    expect(anonymous.status).to.equal(401);
    const customer = await signedInAgent(ctx);
    expect((await customer.agent.get('/dev/mail')).status).to.equal(403);
    const moderator = await signedInAgent(ctx, { role: 'moderator' });
    expect((await moderator.agent.get('/dev/mail')).status).to.equal(403);
    const admin = await signedInAgent(ctx, { role: 'admin' });
    const page = await admin.agent.get('/dev/mail');
    expect(page.status).to.equal(200);
    expect(page.headers['cache-control']).to.equal('no-store');
  });

  it('when a session starts over plain http, then its cookie is HttpOnly and SameSite but not Secure; over TLS it is Secure', async () => {
    const plain = await request(ctx.app).get('/signin');
    const tls = await request(ctx.app).get('/signin').set('x-forwarded-proto', 'https');
    const device = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('candor.did='))!;
    expect(device(plain))
      .to.match(/HttpOnly/)
      .and.match(/SameSite=Lax/)
      .and.not.match(/Secure/);
    expect(device(tls)).to.match(/Secure/);
  });

  it('when an invitation link is followed, then the request log keeps neither the token nor cookies or API keys', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
    const services = buildServices({ config: { ...ctx.services.config, logLevel: 'info' }, db: ctx.db, logger: pino({ level: 'info' }, sink) });
    const app = createApp(services);
    const token = 'inv_secret123.1893456000.SIGNATURESIGNATURESIGNATURESIGNATURE1234567';
    await request(app)
      .get(`/invitations/${token}`)
      .set('cookie', 'candor.sid=s%3Asession-secret-value')
      .set('referer', `http://127.0.0.1:3000/signup?next=%2Finvitations%2F${token}`);
    await request(app).get('/api/v1/products/TENT/snippet?merchant=m_x').set('authorization', 'Bearer cnd_secretkeyvalue');
    const log = lines.join('');
    expect(log).to.include('/invitations/[redacted]');
    expect(log).not.to.include('inv_secret123');
    expect(log).not.to.include('session-secret-value');
    expect(log).not.to.include('cnd_secretkeyvalue');
  });
});
