import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../server/storage/data-dir-lock.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Another process that takes the lock the way the server does and holds it until killed. */
async function holdLockInChild(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./server/storage/data-dir-lock.ts').then((m) => { m.lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000); })`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return child;
}

describe('one process per PGlite data directory', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'candor-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when another process holds the directory, then the server refuses to start with one line and a non-zero exit', async () => {
    const holder = await holdLockInChild(dir);
    try {
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, CANDOR_DATA_DIR: dir, DATABASE_URL: '', PORT: '0', CANDOR_DEMO_DATA: 'off' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(second.status).to.equal(3);
      const lines = second.stderr.trim().split('\n');
      expect(lines, second.stderr).to.have.length(1);
      expect(lines[0]).to.match(new RegExp(`pid ${holder.pid}\\) is already using the data directory`));
      // It refused before opening the database: nothing but the lock is in the directory.
      expect(existsSync(path.join(dir, 'PG_VERSION'))).to.equal(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('when the owner was killed with SIGKILL, then its lock is stale and the next process takes the directory at once', async () => {
    const holder = await holdLockInChild(dir);
    expect(() => lockDataDir(dir)).to.throw(DataDirLockedError);
    const gone = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await gone;
    expect(existsSync(path.join(dir, LOCK_FILE)), 'the killed process could not clean up').to.equal(true);
    const lock = lockDataDir(dir);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).to.equal(false);
  });

  it('when a lock file is left unreadable (a crash while writing it), then it does not block the next start', () => {
    spawnSync('sh', ['-c', `printf '{"pid":' > ${JSON.stringify(path.join(dir, LOCK_FILE))}`]);
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).to.throw(DataDirLockedError, /already using/);
    lock.release();
  });
});
