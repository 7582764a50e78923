import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import type { AssessmentContext } from '../../server/integrity/types.js';
import { defaultPolicy } from '../../server/integrity/policy.js';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { loadContext } from '../../server/storage/context-loader.js';
import { buildServices } from '../../server/wiring.js';
import { world } from '../helpers/in-memory-context.js';
import { createTestDatabase } from '../helpers/test-database.js';

// loadMerchant reads the author's identifier values that the merchant's staff also hold by looking each value up
// for each staff account (primary key probes) instead of reading every identifier of every staff account. The links
// must stay what they were: only this merchant's staff, not the author, no /24 blocks, nothing first seen after the
// check's moment, and each value's staff holders and all holders counted (replay.test compares whole streams with
// the in-memory reference).
describe('staff links of a check on the database', function () {
  this.timeout(120_000);

  it('when the author shares values with staff of the merchant, of another merchant and with a late staff account, then only the merchant staff seen by then are links', async () => {
    const w = world().merchant('m1', 'shop-one.example').product('p1', 'm1').merchant('m2', 'shop-two.example').product('q1', 'm2');
    w.account('s1', { at: -90, ip: '203.0.113.5', ua: 'UA-shared', staffOf: 'm1' })
      .account('s2', { at: -80, ip: '198.51.100.9', ua: 'UA-shared', staffOf: 'm1' })
      .account('s3', { at: -70, ip: '203.0.113.5', ua: 'UA-s3', staffOf: 'm2' })
      .account('x1', { at: -60, ip: '203.0.113.5', ua: 'UA-shared' })
      .account('a1', { at: -30, ip: '203.0.113.5', ua: 'UA-shared' })
      .review('r1', 'a1', 'p1', 0, { body: 'Kept us dry through a stormy night, the porch fits two pairs of boots easily.' })
      // Staff seen on the author's /24 and build only after the review: not a link when the review is checked.
      .account('s4', { at: 5, ip: '203.0.113.77', ua: 'UA-shared', staffOf: 'm1' });
    const submission = w.run().review('r1')!.submission;
    const db = await createTestDatabase();
    try {
      const services = buildServices({ config: loadConfig({ CANDOR_DEMO_DATA: 'off' }), db, logger: pino({ level: 'silent' }) });
      await runReplay(services, parseReplayStream(w.events.map((e) => JSON.stringify(e)).join('\n')));
      const context = await loadContext(db, submission, defaultPolicy, null);
      // Values are keyed hashes in the database: kinds and counts are compared.
      const shape = (links: AssessmentContext['merchant']['staffLinks']) =>
        (links ?? []).map((l) => ({
          kind: l.kind,
          holders: l.holders,
          staffHolders: l.staffHolders,
          networks: l.holderNetworks ? Object.keys(l.holderNetworks).length : null,
        }));
      // s1 shares the address, its prefix and the build; s2 the build only; s3 is another merchant's staff; s4 was
      // seen only after the review. Every holder is counted, whenever seen (as before: holders are not as of the check).
      expect(shape(context.merchant.staffLinks)).to.deep.equal([
        { kind: 'ip', holders: 4, staffHolders: 1, networks: null },
        { kind: 'ip_prefix', holders: 5, staffHolders: 1, networks: null },
        { kind: 'ua', holders: 5, staffHolders: 2, networks: 5 },
      ]);
    } finally {
      await db.close();
    }
  });
});
