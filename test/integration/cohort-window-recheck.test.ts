import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { parseReplayStream } from '../../server/replay/replay-events.js';
import { runReplay } from '../../server/replay/run-replay.js';
import { drainReassessments } from '../../server/reviews/integrity-gate.js';
import type { Database } from '../../server/storage/database.js';
import { promoteDueRechecks, reviewStates } from '../../server/storage/review-repo.js';
import { buildServices, type Services } from '../../server/wiring.js';
import { CAMPAIGN_START_DAY, cohortCampaign } from '../helpers/cohort-window-scene.js';
import { slowTwoClientFarm } from '../helpers/pool-campaign-scene.js';
import { regularAtTheStaffCafe } from '../helpers/insider-cafe-scene.js';
import { day } from '../helpers/in-memory-context.js';
import { createTestDatabase } from '../helpers/test-database.js';

/** The scene's events replayed through the web app's use cases on a fresh test database; then `check` runs on it. */
async function onDatabase(
  w: { events: unknown[] },
  check: (services: Services, db: Database, verdicts: { id: string; decision: string; labels: string[]; score: number }[]) => Promise<void>,
) {
  const db = await createTestDatabase();
  try {
    const services = buildServices({ config: loadConfig({ CANDOR_DEMO_DATA: 'off' }), db, logger: pino({ level: 'silent' }) });
    const verdicts = await runReplay(services, parseReplayStream(w.events.map((e) => JSON.stringify(e)).join('\n')));
    await check(services, db, verdicts);
  } finally {
    await db.close();
  }
}

const dueRows = async (db: Database) => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM integrity_rechecks')).rows[0]!.n);

describe('re-checks when a window closes, on the database', function () {
  this.timeout(300_000);

  it('when the campaign and a later post are replayed on the database, then the re-checks are made in event time and every verdict equals the in-memory pipeline', async () => {
    const { w, ids } = cohortCampaign({ rating: 5 });
    const memory = w.run().verdicts();
    await onDatabase(w, async (_services, db, verdicts) => {
      for (const id of ids) {
        expect(verdicts.find((v) => v.id === id)!.decision, id).to.equal(memory.find((v) => v.id === id)!.decision);
        expect(verdicts.find((v) => v.id === id)!.decision, id).to.equal('held');
      }
      expect(await dueRows(db), 'every re-check asked for was made').to.equal(0);
    });
  });

  it('when a slow farm serving two shops and a later post are replayed on the database, then the re-checks at the pool window’s close are made and every verdict (decision, labels, score) equals the in-memory pipeline', async () => {
    const w = slowTwoClientFarm(5);
    const memory = w.run().verdicts();
    await onDatabase(w, async (_services, db, verdicts) => {
      const farm = memory.filter((v) => v.id.startsWith('farm') && !v.id.endsWith('-c'));
      expect(farm.filter((v) => v.decision === 'held').length, 'the re-checks held part of the farm').to.be.at.least(10);
      for (const m of farm) {
        const d = verdicts.find((v) => v.id === m.id)!;
        expect([d.decision, d.labels, d.score], m.id).to.deep.equal([m.decision, m.labels, m.score]);
      }
      expect(await dueRows(db), 'every re-check asked for was made').to.equal(0);
    });
  });

  it('when a customer first shares an address with staff after a review, then on the database too the re-checked review carries no insider evidence, and the review written from that address does', async () => {
    for (const cafeDay of [5, -5]) {
      const w = regularAtTheStaffCafe(5, cafeDay);
      const memory = w.run().verdicts();
      await onDatabase(w, async (_services, db, verdicts) => {
        for (const id of ['regular-p1', 'regular-cafe']) {
          const d = verdicts.find((v) => v.id === id)!;
          const m = memory.find((v) => v.id === id)!;
          expect([d.decision, d.labels, d.score], `${id} (café day ${cafeDay})`).to.deep.equal([m.decision, m.labels, m.score]);
        }
        expect(verdicts.find((v) => v.id === 'regular-p1')!.labels.includes('insider'), `café day ${cafeDay}`).to.equal(cafeDay < 0);
        expect(verdicts.find((v) => v.id === 'regular-cafe')!.labels).to.include('insider');
        expect(await dueRows(db)).to.equal(0);
      });
    }
  });

  it('when the campaign is stored and the worker runs after its windows have closed, then only the due re-checks are queued, in order, and the campaign is held', async () => {
    const { w, ids } = cohortCampaign({ rating: 5, laterPostDay: null });
    await onDatabase(w, async (services, db) => {
      expect(await dueRows(db)).to.equal(ids.length);
      const states = async () => [...(await reviewStates(db, ids)).values()].map((s) => s.status);
      expect(await states()).to.deep.equal(ids.map(() => 'published'));

      // Half a day after the first window closed: only the reviews posted in the first half day are due.
      const early = await promoteDueRechecks(db, new Date(day(CAMPAIGN_START_DAY + 7.5)));
      expect(early.queued).to.be.within(1, ids.length - 1);
      expect(early.nextDue).to.not.equal(null);
      expect(await dueRows(db)).to.equal(ids.length - early.queued);

      const later = await promoteDueRechecks(db, new Date(day(CAMPAIGN_START_DAY + 10)));
      expect(later.queued).to.equal(ids.length - early.queued);
      expect(later.nextDue).to.equal(null);
      await drainReassessments(db, services.integrity, new Date(day(CAMPAIGN_START_DAY + 10)));
      expect(await states()).to.deep.equal(ids.map(() => 'held'));
      const audit = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'integrity.reassessment' AND reason LIKE '%its window has closed%'",
      );
      expect(Number(audit.rows[0]!.n), 'the audit says why each was checked again').to.be.at.least(1);
    });
  });
});
