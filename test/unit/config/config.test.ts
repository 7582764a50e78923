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

  it('when production runs without a session secret, then it is refused', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /SESSION_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).production).to.equal(true);
  });

  it('when a valid DATABASE_URL is given, then it is used instead of the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/candor' }).databaseUrl).to.equal('postgres://u:p@127.0.0.1:5432/candor');
  });
});
