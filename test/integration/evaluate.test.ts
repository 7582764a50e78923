import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function toyRows(n: number, offset: number): string {
  const fakeWords = ['amazing', 'unforgettable', 'luxurious', 'definitely', 'perfect'];
  const realWords = ['elevator', 'parking', 'street', 'noisy', 'price'];
  return (
    Array.from({ length: n }, (_, i) => {
      const fake = (i + offset) % 2 === 0;
      const words = fake ? fakeWords : realWords;
      const text = `the room was ${words[i % 5]} and ${words[(i * 3 + 1) % 5]} overall ${i}`;
      return JSON.stringify({ id: `r${i + offset}`, is_fake: fake ? 1 : 0, text });
    }).join('\n') + '\n'
  );
}

describe('evaluate CLI', function () {
  this.timeout(60000);

  it('when run with --train/--test --json on a small pair, then it prints one object with the metric keys in [0,1]', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-evaluate-'));
    const train = path.join(dir, 'train.jsonl');
    const test = path.join(dir, 'test.jsonl');
    fs.writeFileSync(train, toyRows(80, 0));
    fs.writeFileSync(test, toyRows(30, 1000));
    try {
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', 'scripts/evaluate.ts', '--train', train, '--test', test, '--json'], { cwd: root }, (err, out) =>
          err ? reject(err) : resolve(out),
        ),
      );
      const lines = stdout.trim().split('\n');
      expect(lines).to.have.length(1);
      const result = JSON.parse(lines[0]) as Record<string, unknown>;
      expect(Object.keys(result).slice(0, 6)).to.deep.equal(['dataset', 'accuracy', 'precision', 'recall', 'f1', 'n']);
      expect(result.dataset).to.be.a('string');
      expect(result.n).to.equal(30);
      for (const key of ['accuracy', 'precision', 'recall', 'f1']) expect(result[key]).to.be.a('number').within(0, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when run with --data DIR holding one dataset folder, then it cross-validates that folder and prints its result', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-evaluate-data-'));
    fs.mkdirSync(path.join(dir, 'toy-set'));
    fs.writeFileSync(path.join(dir, 'toy-set', 'dev.jsonl'), toyRows(60, 0));
    try {
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', 'scripts/evaluate.ts', '--data', dir, '--json', '--folds', '2'], { cwd: root }, (err, out) =>
          err ? reject(err) : resolve(out),
        ),
      );
      const lines = stdout.trim().split('\n');
      expect(lines).to.have.length(1);
      const result = JSON.parse(lines[0]) as Record<string, unknown>;
      // A folder is evaluated with the settings of the dataset its columns match (text + is_fake only: the Salminen kind).
      expect(result.dataset).to.equal('salminen-fake-reviews-sample');
      expect(result.n).to.equal(60);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when --data names a folder that does not exist, then it exits with 2 and says what to pass', async () => {
    const missing = path.join(os.tmpdir(), `candor-no-such-data-${process.pid}`);
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, ['--import', 'tsx', 'scripts/evaluate.ts', '--data', missing], { cwd: root }, (err, _out, errOut) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr: errOut }),
      ),
    );
    expect(code).to.equal(2);
    expect(stderr).to.include('data folder not found');
    expect(stderr).to.include('--data DIR');
  });
});
