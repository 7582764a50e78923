import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// .ci/run adds up the PGlite and PostgreSQL runs with this script; a wrong total hides failures from CI.
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.ci/sum-test-runs');

describe('CI test totals (.ci/sum-test-runs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'candor-ci-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const log = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const sum = (...runs: string[]) => spawnSync('bash', [SCRIPT, ...runs], { encoding: 'utf8' });

  it('when both runs pass, then each run has its line and the total adds them once', () => {
    const a = log('a', 'spec output\nmocha: 300 passed, 0 failed, 0 skipped\n');
    const b = log('b', 'mocha: 200 passed, 0 failed, 2 skipped\n');
    const out = sum(`PGlite:0:${a}`, `PostgreSQL:0:${b}`);
    expect(out.stdout.trim().split('\n')).to.deep.equal([
      'PGlite: 300 passed, 0 failed, 0 skipped',
      'PostgreSQL: 200 passed, 0 failed, 2 skipped',
      'total: 500 passed, 0 failed, 2 skipped',
    ]);
    expect(out.status).to.equal(0);
  });

  it('when a run crashed before its reporter line, then it is reported as crashed and the total is not "0 failed"', () => {
    const a = log('a', 'mocha: 300 passed, 0 failed, 0 skipped\n');
    const b = log('b', 'Error: Cannot find module\n');
    const out = sum(`PGlite:0:${a}`, `PostgreSQL:1:${b}`);
    expect(out.stdout).to.include('PostgreSQL: crashed before its closing line (exit status 1)');
    expect(out.stdout.trim().split('\n').at(-1)).to.equal('total: 300 passed, 1 failed, 0 skipped');
    expect(out.status).to.equal(1);
  });

  it('when a run printed "0 failed" but exited with an error, then it counts as a failure', () => {
    const a = log('a', 'mocha: 10 passed, 0 failed, 0 skipped\n');
    const out = sum(`PGlite:7:${a}`);
    expect(out.stdout.trim().split('\n').at(-1)).to.equal('total: 10 passed, 1 failed, 0 skipped');
    expect(out.status).to.equal(1);
  });
});
