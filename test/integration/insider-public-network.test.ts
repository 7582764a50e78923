import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { buildServices } from '../../server/wiring.js';
import { carrierPoolScene, officeScene, oneStaffBuildScene } from '../helpers/insider-scenes.js';
import { createTestDatabase } from '../helpers/test-database.js';

// The database stores addresses as keyed hashes, so an address's /24 cannot be read back from it: the public-network
// rule (integrity-2026.36) must reach the same verdicts there as in the in-memory pipeline, which sees raw addresses.
describe('insider links strangers share by chance, on the database (integrity-2026.36)', function () {
  this.timeout(300_000);

  const scenes = [
    { name: 'a customer on a carrier address one member of staff used (1★)', scene: () => carrierPoolScene(40, 1), decision: 'published' },
    { name: 'a customer on a carrier address one member of staff used (5★)', scene: () => carrierPoolScene(40, 5), decision: 'published' },
    { name: "a customer at the merchant's office address", scene: officeScene, decision: 'held' },
    { name: "a customer whose phone runs one staff member's build", scene: () => oneStaffBuildScene(2), decision: 'published' },
  ];
  for (const { name, scene, decision } of scenes) {
    it(`when ${name}, then on the database the review is ${decision}, decision, labels and score equal to the in-memory pipeline`, async () => {
      const w = scene();
      const memory = w
        .run()
        .verdicts()
        .find((v) => v.id === 'r1')!;
      const db = await createTestDatabase();
      try {
        const services = buildServices({ config: loadConfig({ CANDOR_DEMO_DATA: 'off' }), db, logger: pino({ level: 'silent' }) });
        const verdicts = await runReplay(services, parseReplayStream(w.events.map((e) => JSON.stringify(e)).join('\n')));
        const stored = verdicts.find((v) => v.id === 'r1')!;
        expect(stored.decision).to.equal(decision);
        expect([stored.decision, stored.labels, stored.score]).to.deep.equal([memory.decision, memory.labels, memory.score]);
      } finally {
        await db.close();
      }
    });
  }
});
