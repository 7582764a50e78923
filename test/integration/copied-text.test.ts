import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { buildServices } from '../../server/wiring.js';
import { copiedScriptFarm } from '../helpers/copied-text-scene.js';
import { createTestDatabase } from '../helpers/test-database.js';

describe('copied text, on the database (integrity-2026.33)', function () {
  this.timeout(300_000);

  for (const rating of [1, 5]) {
    it(`when a farm's script is posted by five aged accounts with orders days before (${rating}★), then on the database every copy is held as paid, decision, labels and score equal to the in-memory pipeline`, async () => {
      const w = copiedScriptFarm(rating);
      const memory = w.run().verdicts();
      const db = await createTestDatabase();
      try {
        const services = buildServices({ config: loadConfig({ CANDOR_DEMO_DATA: 'off' }), db, logger: pino({ level: 'silent' }) });
        const verdicts = await runReplay(services, parseReplayStream(w.events.map((e) => JSON.stringify(e)).join('\n')));
        for (let i = 0; i < 5; i++) {
          const d = verdicts.find((v) => v.id === `x${i}`)!;
          const m = memory.find((v) => v.id === `x${i}`)!;
          expect([d.decision, d.labels, d.score], `x${i}`).to.deep.equal([m.decision, m.labels, m.score]);
          expect(d.decision, `x${i}`).to.equal('held');
          expect(d.labels, `x${i}`).to.include('paid');
        }
        for (let i = 0; i < 6; i++) expect(verdicts.find((v) => v.id === `g${i}`)!.decision, `g${i}`).to.equal('published');
      } finally {
        await db.close();
      }
    });
  }
});
