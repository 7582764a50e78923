import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { LABELS } from '../../integrity/types.js';
import { browseAudit } from '../../moderation/audit.js';
import { decideAppeal, decideCluster, decideItem, setAccountSuspension, type DecisionOutcome } from '../../moderation/decisions.js';
import { loadItemEvidence } from '../../moderation/item-evidence.js';
import { photosByReview } from '../../reviews/review-photos.js';
import { reviewPhotosView } from '../view-models/review-photos.js';
import { AGE_FILTERS, loadQueue } from '../../moderation/queue.js';
import { REJECT_REASON_KEYS } from '../../moderation/reject-reasons.js';
import { modelOverview, retrainTextModel } from '../../moderation/retrain.js';
import type { Services } from '../../wiring.js';
import { requireModerator } from '../middleware/require-role.js';
import { sendError, wantsJson } from '../respond.js';
import { parseInput } from '../schemas/validate.js';
import { auditRowView, itemPageView, queuePageView, reasonOptions } from '../view-models/console.js';
import { formatDate } from '../view-models/format.js';

const MESSAGES = {
  moderatorsOnly: 'Only moderators can use the moderation console. Sign in with a moderator account.',
  adminsOnly: 'Only admins can retrain the text model.',
  decided: (o: DecisionOutcome) => `Done: the ${o.kind} is now ${o.after}.`,
  dismissed: 'Reports dismissed; the content stays up.',
  cluster: (n: number) => `Done: ${n} item${n === 1 ? '' : 's'} of the cluster decided together.`,
  suspended: 'The account is suspended and can no longer post.',
  reinstated: 'The account is active again.',
  retrained: (v: string, n: number) => `Trained text model ${v} on ${n} moderator decisions; it is now in use.`,
};

// Console guard: moderators and admins only; everyone else, signed in or not, gets 403 (no sign-in redirect,
// so that the console's existence is answered the same way for every outsider).
function consoleOnly(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) return sendError(req, res, 403, MESSAGES.moderatorsOnly);
  requireModerator(req, res, next);
}

function adminOnly(req: Request, res: Response, next: NextFunction): void {
  if (req.user?.role === 'admin') return next();
  sendError(req, res, 403, MESSAGES.adminsOnly);
}

const id = z.string().regex(/^[\w-]{1,64}$/, 'That id is not valid.');
const kind = z.enum(['review', 'comment', 'question', 'answer'], { error: 'The kind must be review, comment, question or answer.' });
const version = z.coerce.number({ error: 'The form is missing the item version; reload the page.' }).int().min(0);
const reason = z
  .union([z.enum(REJECT_REASON_KEYS, { error: 'Pick a reason from the list.' }), z.literal('')])
  .optional()
  .transform((v) => v || null);
const note = z
  .string()
  .max(1000, 'The note must be at most 1000 characters.')
  .optional()
  .transform((v) => v?.trim() || null);
/** Same-site console paths only: the form says where to go back to after a decision. */
function safeBack(v: unknown): string {
  return typeof v === 'string' && /^\/console(?:[/?#]|$)/.test(v) && !v.includes('//') && !v.includes('\\') ? v : '/console';
}
const back = z.string().optional().transform(safeBack);

const queueSchema = z.object({
  tab: z.enum(['reviews', 'comments', 'reports', 'appeals'], { error: 'Unknown tab.' }).default('reviews'),
  sort: z.enum(['newest', 'score'], { error: 'Sort by newest or score.' }).default('newest'),
  label: z
    .union([z.enum(LABELS, { error: 'Unknown label.' }), z.literal('')])
    .optional()
    .transform((v) => v || null),
  merchant: z
    .union([id, z.literal('')])
    .optional()
    .transform((v) => v || null),
  product: z
    .union([id, z.literal('')])
    .optional()
    .transform((v) => v || null),
  age: z.enum(AGE_FILTERS, { error: 'Unknown age filter.' }).default('any'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

const decisionSchema = z.object({
  action: z.enum(['publish', 'reject', 'remove', 'dismiss'], { error: 'Choose publish, reject, remove or dismiss.' }),
  version,
  reason,
  note,
  back,
});

const clusterSchema = z.object({
  action: z.enum(['publish', 'reject'], { error: 'Choose publish or take down for the cluster.' }),
  reason,
  note,
  back,
  members: z
    .union([z.string(), z.array(z.string())], { error: 'Select at least one item of the cluster.' })
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string().regex(/^[\w-]{1,64}:\d{1,9}$/, 'A selected cluster item is not valid; reload the page.'))
        .min(1, 'Select at least one item of the cluster.')
        .max(200, 'At most 200 items at once.'),
    )
    .transform((list) => list.map((m) => ({ id: m.split(':')[0]!, version: Number(m.split(':')[1]) }))),
});

const suspensionSchema = z.object({ suspend: z.enum(['1', '0'], { error: 'Say whether to suspend or reinstate.' }), reason, note, back });
const appealSchema = z.object({ outcome: z.enum(['won', 'lost'], { error: 'Choose whether the appeal is won or lost.' }), version, reason, note, back });
const auditSchema = z.object({
  kind: z
    .union([z.enum(['review', 'comment', 'question', 'answer', 'account', 'model']), z.literal('')])
    .optional()
    .transform((v) => v || null),
  id: z
    .union([id, z.literal('')])
    .optional()
    .transform((v) => v || null),
  actor: z
    .union([id, z.literal('')])
    .optional()
    .transform((v) => v || null),
  before: z
    .string()
    .regex(/^\d{1,15}-\d{1,15}$/, 'That page address is not valid.')
    .optional()
    .transform((v) => v ?? null),
});

function param(req: Request, name: string): string {
  return String(req.params[name]);
}

export function createConsoleRouter(services: Services): Router {
  const router = Router();
  const deps = { db: services.db, clock: () => services.clock() };
  router.use('/console', consoleOnly);

  const done = (req: Request, res: Response, to: string, flash: string, body: unknown) => {
    if (wantsJson(req)) return res.json(body);
    req.session.flash = flash;
    res.redirect(303, to);
  };

  router.get('/console', async (req, res) => {
    const q = parseInput(queueSchema, req.query);
    const view = await loadQueue(
      services.db,
      { tab: q.tab, sort: q.sort, label: q.label, merchantId: q.merchant, productId: q.product, age: q.age, page: q.page },
      services.clock(),
    );
    if (wantsJson(req)) return res.json({ tab: q.tab, counts: view.counts, items: view.items, hasMore: view.hasMore });
    res.render('console/queue', { title: 'Moderation console', consoleCss: true, consoleJs: true, ...queuePageView(view, services.clock(), req.originalUrl) });
  });

  router.get('/console/items/:kind/:id', async (req, res) => {
    const k = parseInput(kind, param(req, 'kind'));
    const itemId = parseInput(id, param(req, 'id'));
    const evidence = await loadItemEvidence(services.db, k, itemId);
    if (wantsJson(req)) return res.json(evidence);
    const backTo = safeBack(req.query.back);
    res.render('console/item', {
      title: `${k.charAt(0).toUpperCase()}${k.slice(1)} · moderation`,
      consoleCss: true,
      consoleJs: true,
      ...itemPageView(evidence, backTo),
      // A held review's photos are for its author and moderators: shown here beside its text.
      photos: k === 'review' ? reviewPhotosView((await photosByReview(services.db, [itemId])).get(itemId) ?? []) : [],
    });
  });

  router.post('/console/items/:kind/:id/decision', async (req, res) => {
    const k = parseInput(kind, param(req, 'kind'));
    const itemId = parseInput(id, param(req, 'id'));
    const form = parseInput(decisionSchema, req.body);
    const outcome = await decideItem(deps, {
      moderatorId: req.user!.id,
      kind: k,
      id: itemId,
      action: form.action,
      expectedVersion: form.version,
      reason: form.reason,
      note: form.note,
    });
    done(req, res, form.back, form.action === 'dismiss' ? MESSAGES.dismissed : MESSAGES.decided(outcome), outcome);
  });

  router.post('/console/items/review/:id/cluster', async (req, res) => {
    const anchorId = parseInput(id, param(req, 'id'));
    const form = parseInput(clusterSchema, req.body);
    const outcomes = await decideCluster(deps, {
      moderatorId: req.user!.id,
      anchorId,
      members: form.members,
      action: form.action,
      reason: form.reason,
      note: form.note,
    });
    done(req, res, form.back, MESSAGES.cluster(outcomes.length), { decided: outcomes });
  });

  router.post('/console/accounts/:id/suspension', async (req, res) => {
    const accountId = parseInput(id, param(req, 'id'));
    const form = parseInput(suspensionSchema, req.body);
    await setAccountSuspension(deps, { moderatorId: req.user!.id, accountId, suspend: form.suspend === '1', reason: form.reason, note: form.note });
    done(req, res, form.back, form.suspend === '1' ? MESSAGES.suspended : MESSAGES.reinstated, {
      accountId,
      status: form.suspend === '1' ? 'suspended' : 'active',
    });
  });

  router.post('/console/appeals/:id/decision', async (req, res) => {
    const appealId = parseInput(id, param(req, 'id'));
    const form = parseInput(appealSchema, req.body);
    const outcome = await decideAppeal(deps, {
      moderatorId: req.user!.id,
      appealId,
      outcome: form.outcome,
      reason: form.reason,
      note: form.note,
      expectedVersion: form.version,
    });
    done(req, res, form.back, `Appeal ${form.outcome}. ${MESSAGES.decided(outcome)}`, { appeal: form.outcome, ...outcome });
  });

  router.get('/console/audit', async (req, res) => {
    const q = parseInput(auditSchema, req.query);
    const result = await browseAudit(services.db, { targetKind: q.kind, targetId: q.id, actor: q.actor, before: q.before });
    if (wantsJson(req)) return res.json(result);
    const params = new URLSearchParams();
    if (q.kind) params.set('kind', q.kind);
    if (q.id) params.set('id', q.id);
    if (q.actor) params.set('actor', q.actor);
    res.render('console/audit', {
      title: 'Audit log · moderation',
      consoleCss: true,
      consoleJs: true,
      query: q,
      entries: result.entries.map(auditRowView),
      moderators: result.moderators.map((m) => ({ ...m, selected: q.actor === m.id })),
      pipelineSelected: q.actor === 'pipeline',
      nextHref: result.nextBefore ? `/console/audit?${params.toString()}${params.size ? '&' : ''}before=${result.nextBefore}` : null,
    });
  });

  router.get('/console/models', async (req, res) => {
    const overview = await modelOverview(services.db);
    const current = services.integrity.currentModel();
    if (wantsJson(req)) return res.json({ ...overview, current: current?.version ?? null });
    res.render('console/models', {
      title: 'Text model · moderation',
      consoleCss: true,
      consoleJs: true,
      ...overview,
      current: current?.version ?? null,
      models: overview.models.map((m) => ({ ...m, date: formatDate(m.trainedAt) })),
      isAdmin: req.user!.role === 'admin',
      reasons: reasonOptions,
    });
  });

  router.post('/console/models/retrain', adminOnly, async (req, res) => {
    const result = await retrainTextModel({ ...deps, integrity: services.integrity }, { trainedBy: req.user!.id });
    done(req, res, '/console/models', MESSAGES.retrained(result.version, result.trainingSize), result);
  });

  return router;
}
