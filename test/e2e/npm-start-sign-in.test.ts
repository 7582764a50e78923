import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { DEMO_LOGINS } from '../../server/demo/seed-demo.js';
import { launchBrowser } from '../helpers/browser.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('a newcomer runs the server as `npm start` does (production rules, demo data, plain http)', function () {
  this.timeout(150_000);
  let dataDir: string;
  let child: ChildProcess;
  let browser: Browser;
  let output = '';
  /** How the server ended, if it did before the test was done: a refused connection then shows the server's own words. */
  let ended: string | null = null;
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'candor-start-'));
    // Only what the newcomer's check sets: no NODE_ENV, no SESSION_SECRET, no DATABASE_URL.
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', CANDOR_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => (ended = `exited with ${code ?? signal}`));
    const listening = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => output.includes('Demo sign-ins') && resolve());
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    await listening;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when it starts, then it says it runs demo data under production rules and prints the demo sign-ins', () => {
    expect(output).to.include('DEMO MODE with production rules');
    for (const login of DEMO_LOGINS) expect(output).to.include(login.email);
  });

  it('when a person signs in with Chromium over http://127.0.0.1, then the session cookie is kept and they are signed in', async () => {
    expect(ended, `the server stopped before the sign-in: ${output}`).to.equal(null);
    const page = await browser.newPage();
    const customer = DEMO_LOGINS.find((l) => l.role === 'customer')!;
    await page.goto(`${base}/signin`);
    await page.fill('input[name=email]', customer.email);
    await page.fill('input[name=password]', customer.password);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    const account = await page.goto(`${base}/account`);
    expect(account!.status()).to.equal(200);
    expect(page.url()).to.equal(`${base}/account`);
    const cookies = await page.context().cookies();
    const sid = cookies.find((c) => c.name === 'candor.sid')!;
    expect(sid.httpOnly).to.equal(true);
    expect((await page.goto(`${base}/dev/mail`))!.status(), 'no dev mailbox unless asked for').to.equal(404);
    await page.close();
  });
});
