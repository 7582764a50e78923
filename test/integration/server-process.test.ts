import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';

const ROOT = path.resolve(import.meta.dirname, '../..');

function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('the server process and the command line', function () {
  this.timeout(150_000);
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'candor-proc-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when PORT is invalid, then the server exits non-zero with one line naming it', () => {
    const result = runCli(['server/main.ts'], { PORT: 'abc', CANDOR_DATA_DIR: dataDir });
    expect(result.status).to.not.equal(0);
    expect(result.stderr.trim()).to.match(/^Invalid configuration: PORT/);
  });

  it('when create-user runs, then the account exists with its role; with a bad role it exits non-zero with a message', () => {
    // A fresh address per run: on PostgreSQL the CLI writes to the server's own schema, which outlives one run.
    const email = `mod.${Date.now()}@example.org`;
    const ok = runCli(
      ['scripts/candor.ts', 'create-user', '--email', email, '--name', 'Mo Derator', '--role', 'moderator', '--password', 'a very good password'],
      { CANDOR_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' },
    );
    expect(ok.status, ok.stderr).to.equal(0);
    expect(ok.stdout).to.contain(`created moderator ${email}`);
    const bad = runCli(
      ['scripts/candor.ts', 'create-user', '--email', 'x@example.org', '--name', 'X Y', '--role', 'king', '--password', 'a very good password'],
      { CANDOR_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' },
    );
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.match(/--role must be customer, moderator or admin/);
    const again = runCli(
      ['scripts/candor.ts', 'create-user', '--email', email, '--name', 'Mo Again', '--role', 'moderator', '--password', 'a very good password'],
      { CANDOR_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' },
    );
    expect(again.status).to.equal(2);
    expect(again.stderr).to.match(/already exists/);
  });

  it('when create-merchant runs for an existing account, then the shop exists and suspend-merchant can suspend it', () => {
    const env = { CANDOR_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' };
    const email = `owner.${Date.now()}@example.org`;
    expect(
      runCli(['scripts/candor.ts', 'create-user', '--email', email, '--name', 'Shop Owner', '--role', 'customer', '--password', 'a very good password'], env)
        .status,
    ).to.equal(0);
    const name = `CLI Shop ${Date.now()}`;
    const ok = runCli(
      ['scripts/candor.ts', 'create-merchant', '--name', name, '--origin', 'https://cli-shop.example', '--category', 'Home', '--owner', email],
      env,
    );
    expect(ok.status, ok.stderr).to.equal(0);
    const id = /\((m_[a-z0-9]+)\)/.exec(ok.stdout)![1]!;
    const suspended = runCli(['scripts/candor.ts', 'suspend-merchant', '--id', id, '--reason', 'test'], env);
    expect(suspended.status, suspended.stderr).to.equal(0);
    expect(suspended.stdout).to.contain(`suspended merchant ${id}`);
    const unknownOwner = runCli(
      ['scripts/candor.ts', 'create-merchant', '--name', 'Nobody Shop', '--origin', 'https://n.example', '--category', 'Home', '--owner', 'nobody@example.org'],
      env,
    );
    expect(unknownOwner.status).to.equal(2);
    expect(unknownOwner.stderr).to.match(/no account uses nobody@example.org/);
  });

  it('when the server gets SIGTERM, then it answers /healthz before and exits cleanly with code 0', async () => {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), CANDOR_DATA_DIR: path.join(dataDir, 'srv'), CANDOR_DEMO_DATA: 'off', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let healthy = false;
    for (let i = 0; i < 400 && !healthy; i++) {
      await new Promise((r) => setTimeout(r, 200));
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    }
    expect(healthy, output).to.equal(true);
    expect(output).to.match(/"reqId"|Candor is listening/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(existsSync(path.join(dataDir, 'srv', 'candor.lock'))).to.equal(true);
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    // A clean stop gives the data directory back.
    expect(existsSync(path.join(dataDir, 'srv', 'candor.lock'))).to.equal(false);
  });
});
