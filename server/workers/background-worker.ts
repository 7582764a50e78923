// The background work of one Candor process: re-checks queued by posts, the outbox (e-mail and webhooks), picking
// up a model retrained by any process, deleting what has expired, and planner statistics as the data grows. Every process runs one; they share the
// work through the database (SKIP LOCKED for jobs and outbox items, an advisory lock for maintenance), so any
// number of processes can run and any of them can die without losing work. Nothing here runs inside a request.
import type { Logger } from 'pino';
import { drainOutbox, type OutboxDeps } from '../outbox/outbox-worker.js';
import { loadActiveTextModel } from '../moderation/retrain.js';
import { runReassessments } from '../reviews/integrity-gate.js';
import { promoteDueRechecks } from '../storage/review-repo.js';
import type { Database } from '../storage/database.js';
import { analyzeIfGrown, DEFAULT_ANALYZE_RULE, deleteExpired, type AnalyzeRule, type Retention } from '../storage/maintenance-repo.js';
import { activeModelVersion } from '../storage/model-repo.js';
import { listenForChanges } from '../storage/change-notifications.js';
import { hashExpiredSignals } from '../storage/signal-retention-repo.js';
import type { Services } from '../wiring.js';

export interface WorkerSchedule {
  /** How often the re-check queue is looked at when it was empty last time. */
  reassessMs: number;
  outboxMs: number;
  /** How soon a model retrained by another process is in use here. */
  modelPollMs: number;
  maintenanceMs: number;
  /** How often the planner statistics are looked at (taken again only when the data has grown: `analyze`). */
  analyzeMs?: number;
  analyze?: AnalyzeRule;
  retention: Retention & {
    /** Raw addresses and user agents are replaced by keyed hashes this long after they were last seen (default 30 days). */
    rawSignalsMs?: number;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_SCHEDULE: WorkerSchedule = {
  reassessMs: 500,
  outboxMs: 15_000,
  modelPollMs: 2_000,
  maintenanceMs: HOUR,
  analyzeMs: 10 * 60_000,
  analyze: DEFAULT_ANALYZE_RULE,
  retention: { rateLimitMs: DAY, sentOutboxMs: 30 * DAY, finishedJobsMs: 7 * DAY, rawSignalsMs: 30 * DAY },
};

export interface BackgroundWorker {
  /** Runs every task that is due now, once (tests and the load script call it to drive the worker). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

type WorkerServices = Pick<Services, 'db' | 'clock' | 'logger' | 'integrity'> & { outbox: OutboxDeps };

/**
 * Model sync: the active model version lives in a row; a process that sees another version there loads it.
 * Cheap (one indexed row) so every process can poll it every few seconds.
 */
export async function syncActiveModel(db: Database, integrity: Services['integrity'], logger?: Logger): Promise<string | null> {
  const stored = await activeModelVersion(db);
  const current = integrity.currentModel()?.version ?? null;
  if (stored === current) return current;
  const model = stored ? await loadActiveTextModel(db) : null;
  integrity.setModel(model);
  logger?.info({ from: current, to: model?.version ?? null }, 'text model switched');
  return model?.version ?? null;
}

export function startBackgroundWorker(services: WorkerServices, schedule: WorkerSchedule = DEFAULT_SCHEDULE): BackgroundWorker {
  const { db, logger } = services;
  const last = { reassess: 0, outbox: 0, model: 0, maintenance: 0, analyze: 0 };
  let queueBusy = false;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const guarded = async (name: string, task: () => Promise<unknown>) => {
    try {
      await task();
    } catch (error) {
      logger.error({ err: error, task: name }, 'background task failed');
    }
  };

  async function runDue(): Promise<void> {
    const now = Date.now();
    // The model first: re-checks below should use the model every other process already uses.
    if (now - last.model >= schedule.modelPollMs) {
      last.model = now;
      await guarded('model-sync', () => syncActiveModel(db, services.integrity, logger));
    }
    if (queueBusy || now - last.reassess >= schedule.reassessMs) {
      last.reassess = now;
      await guarded('reassessments', async () => {
        // Re-checks whose window has closed join the queue first (integrity_rechecks → reassessment_jobs).
        await promoteDueRechecks(db, services.clock());
        const pass = await runReassessments(db, services.integrity, { now: services.clock() });
        // A full batch means more may be waiting: come back at once instead of after the interval.
        queueBusy = pass.processed > 0;
        if (pass.moved) logger.info(pass, 're-checks moved reviews');
      });
    }
    if (now - last.outbox >= schedule.outboxMs) {
      last.outbox = now;
      await guarded('outbox', () => drainOutbox(services.outbox));
    }
    if (now - last.maintenance >= schedule.maintenanceMs) {
      last.maintenance = now;
      await guarded('maintenance', async () => {
        const deleted = await deleteExpired(db, services.clock(), schedule.retention);
        if (deleted) logger.info(deleted, 'maintenance deleted expired rows');
      });
      await guarded('raw-signal-retention', async () => {
        const hashed = await hashExpiredSignals(db, services.clock(), schedule.retention.rawSignalsMs ?? 30 * DAY);
        if (hashed) logger.info(hashed, 'maintenance replaced raw addresses and user agents by keyed hashes');
      });
    }
    if (now - last.analyze >= (schedule.analyzeMs ?? DEFAULT_SCHEDULE.analyzeMs!)) {
      last.analyze = now;
      await guarded('analyze', async () => {
        const ran = await analyzeIfGrown(db, schedule.analyze ?? DEFAULT_ANALYZE_RULE);
        if (ran) logger.info(ran, 'maintenance took the planner statistics again (the reviews have grown)');
      });
    }
  }

  const tick = () => {
    running ??= runDue().finally(() => {
      running = null;
    });
    return running;
  };

  const loop = () => {
    if (stopped) return;
    void tick().then(() => {
      if (stopped) return;
      timer = setTimeout(loop, queueBusy ? 0 : Math.min(schedule.reassessMs, schedule.modelPollMs));
      timer.unref();
    });
  };
  // The first model poll and maintenance wait one interval: start-up already loaded the model.
  last.model = Date.now();
  last.maintenance = Date.now();
  last.analyze = Date.now();
  last.outbox = Date.now();
  timer = setTimeout(loop, 0);
  timer.unref();
  // A retrain anywhere notifies at its commit: the model is synced now rather than at the next poll (within one
  // loop interval if a pass is running). Without a listening connection the poll alone does it.
  const syncModelNow = () => {
    if (stopped) return;
    last.model = 0;
    void tick();
  };
  listenForChanges(db, 'candor_model', { changed: () => syncModelNow(), live: (listening) => listening && syncModelNow() }).catch((error: unknown) =>
    logger.warn({ err: error }, 'not listening for model changes; polling only'),
  );

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
