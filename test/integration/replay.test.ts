import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { buildServices } from '../../server/wiring.js';
import { generateScenario } from '../fixtures/scenario-generator.js';
import { createInMemoryReplay } from '../helpers/in-memory-context.js';
import { createTestDatabase } from '../helpers/test-database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('replay', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'candor-replay-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const replayCli = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/replay.ts', file], { cwd: ROOT, encoding: 'utf8', timeout: 90_000, env: { ...process.env } });

  it('when a line is malformed, then the run stops with its line number, a non-zero exit and nothing on stdout', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, ['{"type":"merchant","id":"m1","name":"Acme"}', '{"type":"product","id":"p1","merchantId":"m9","name":"Tent"}'].join('\n'));
    const result = replayCli(file);
    expect(result.status).to.not.equal(0);
    expect(result.stdout).to.equal('');
    expect(result.stderr).to.match(/line 2: merchantId "m9" does not appear on an earlier line/);
    writeFileSync(file, '{"type":"merchant","id":"m1","name":"Acme"}\n{not json');
    expect(replayCli(file).stderr).to.match(/line 2: not valid JSON/);
  });

  it('when a small stream is replayed from the command line, then stdout holds one verdict per review in input order', () => {
    const file = path.join(dir, 'small.jsonl');
    const lines = [
      { type: 'merchant', id: 'm1', name: 'Acme Outdoor', domain: 'acme-outdoor.example' },
      { type: 'product', id: 'p1', merchantId: 'm1', name: 'Trail Tent 2P', category: 'camping' },
      { type: 'account', id: 'a1', createdAt: '2026-01-01T10:00:00Z', email: 'jane@mailbox.example', ip: '81.2.3.4', userAgent: 'UA/1', staffOf: null },
      { type: 'account', id: 'a2', createdAt: '2026-01-02T10:00:00Z', email: 'sam@acme-outdoor.example', ip: '81.9.9.9', userAgent: 'UA/2', staffOf: 'm1' },
      { type: 'order', id: 'o1', accountId: 'a1', productId: 'p1', at: '2026-03-02T09:00:00Z' },
      {
        type: 'review',
        id: 'r1',
        accountId: 'a1',
        productId: 'p1',
        orderId: 'o1',
        rating: 2,
        title: 'Leaked',
        body: 'The seam above the door leaked on the second night of rain.',
        at: '2026-03-10T18:00:00Z',
        ip: '81.2.3.4',
        userAgent: 'UA/1',
        incentive: null,
      },
      {
        type: 'review',
        id: 'r2',
        accountId: 'a2',
        productId: 'p1',
        orderId: null,
        rating: 5,
        title: 'Best tent',
        body: 'Best tent on the market, light and strong and quick to pitch.',
        at: '2026-03-11T18:00:00Z',
        ip: '81.9.9.9',
        userAgent: 'UA/2',
        incentive: null,
      },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const result = replayCli(file);
    expect(result.status, result.stderr).to.equal(0);
    const out = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((v) => v.id)).to.deep.equal(['r1', 'r2']);
    expect(out[0]).to.include({ decision: 'published' });
    expect(out[1].decision).to.equal('held');
    expect(out[1].labels).to.include('insider');
    expect(out[1].reasons[0]).to.have.keys(['signal', 'label', 'weight', 'evidence']);
  });

  it('when a generated scenario is replayed on the database, then every verdict equals the in-memory reference pipeline', async () => {
    const { events } = generateScenario({ seed: 3, scale: 0.25 });
    const memory = createInMemoryReplay();
    for (const event of events) memory.apply(event);
    const expected = memory.verdicts();
    const db = await createTestDatabase();
    try {
      const services = buildServices({ config: loadConfig({ CANDOR_DEMO_DATA: 'off' }), db, logger: pino({ level: 'silent' }) });
      const parsed = parseReplayStream(events.map((e) => JSON.stringify(e)).join('\n'));
      const actual = await runReplay(services, parsed);
      expect(actual.length).to.equal(expected.length);
      expect(actual.length).to.be.greaterThan(100);
      const differing = actual.filter((v, i) => v.decision !== expected[i]!.decision || [...v.labels].sort().join() !== [...expected[i]!.labels].sort().join());
      expect(differing.map((v) => v.id)).to.deep.equal([]);
      expect(actual.some((v) => v.decision === 'held')).to.equal(true);
    } finally {
      await db.close();
    }
  });
});
