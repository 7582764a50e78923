import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('configuration', () => {
  it('when nothing is set, then Candor runs on 127.0.0.1:3000 with the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.host).to.equal('127.0.0.1');
    expect(config.databaseUrl).to.equal(null);
    expect(config.dataDir).to.match(/\/data$/);
    expect(config.demoData).to.equal(true);
  });

  it('when PORT is not a number, then start-up stops with one line naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, /^Invalid configuration: PORT /);
  });

  it('when DATABASE_URL is not a postgres url, then it is refused', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(ConfigError, /DATABASE_URL must start with postgres:\/\//);
  });

  it('when nothing is set, then production rules apply: no known session secret, no dev mailbox, no loopback webhooks', () => {
    const config = loadConfig({});
    expect(config.production).to.equal(true);
    expect(config.sessionSecret, 'generated and kept at start, never a default').to.equal(null);
    expect(config.devMail).to.equal(false);
    expect(config.allowLoopbackWebhooksForTests).to.equal(false);
    expect(loadConfig({ NODE_ENV: 'development' }).devMail, 'development alone does not open /dev/mail').to.equal(false);
    expect(loadConfig({ SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).to.equal('x'.repeat(32));
  });

  it('when the public URL is https, then cookies are always Secure; on plain http they follow the request', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://reviews.example' }).secureCookies).to.equal(true);
    expect(loadConfig({}).secureCookies).to.equal('auto');
  });

  it('when a valid DATABASE_URL is given, then it is used instead of the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/candor' }).databaseUrl).to.equal('postgres://u:p@127.0.0.1:5432/candor');
  });
});
