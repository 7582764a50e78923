import { Router, type NextFunction, type Request, type Response } from 'express';
import { UserFacingError } from '../../domain-errors.js';
import { memberAbilities } from '../../merchants/member-permissions.js';
import { openMerchantScope, type MerchantScope } from '../../merchants/merchant-scope.js';
import { withdrawStaffInvitation } from '../../merchants/staff.js';
import { ROLE_LABELS, changeMember, inviteMember, loadTeam } from '../../merchants/team.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { teamInviteFormSchema, teamMemberFormSchema } from '../schemas/merchant-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { formatDate } from '../view-models/format.js';
import { merchantBase, merchantChrome } from '../view-models/merchant-area.js';

const MESSAGES = { withdrawn: 'Invitation withdrawn.' };
const ROLE_CHOICES = (['owner', 'staff', 'viewer'] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));

/** The shop's team with roles, under /merchant/:merchantId/team (owners change it; everyone on the team reads it). */
export function createMerchantTeamRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const { db } = services;
  const accountUrl = () => `${services.config.publicUrl.replace(/\/$/, '')}/account#staff-invitations`;

  router.use('/merchant', requireSignIn);
  router.param('merchantId', async (req: Request, res: Response, next: NextFunction, id: string) => {
    try {
      res.locals.merchantScope = await openMerchantScope(db, req.user!.id, id);
      next();
    } catch (error) {
      next(error);
    }
  });

  const render = async (res: Response, scope: MerchantScope, status = 200, extra: Record<string, unknown> = {}) => {
    const team = await loadTeam(db, scope);
    res.status(status).render('merchant/team', {
      title: `Team · ${scope.merchant.name}`,
      ...merchantChrome(scope, 'team'),
      ...memberAbilities(scope),
      yourRole: ROLE_LABELS[scope.role],
      roles: ROLE_CHOICES,
      members: team.members.map((m) => ({
        ...m,
        roleLabel: ROLE_LABELS[m.role],
        date: formatDate(m.since),
        you: m.accountId === scope.accountId,
        choices: ROLE_CHOICES.map((c) => ({ ...c, selected: c.value === m.role })),
      })),
      pending: team.pending.map((i) => ({ ...i, roleLabel: i.role ? ROLE_LABELS[i.role] : '', date: formatDate(i.invitedAt) })),
      ...extra,
    });
  };

  const action = (act: (req: Request, scope: MerchantScope) => Promise<string>) => async (req: Request, res: Response) => {
    const scope = res.locals.merchantScope!;
    try {
      const message = await act(req, scope);
      if (wantsJson(req)) return res.json({ ok: true, message });
      req.session.flash = message;
      res.redirect(303, `${merchantBase(scope)}/team`);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      const errors = error instanceof InvalidInputError ? error.details : [error.message];
      // A member who just lost access is told so on a plain error page, not on a team page they may not see.
      if (error.status === 403) throw error;
      await render(res, scope, error.status, { errors, values: req.body });
    }
  };

  router.get('/merchant/:merchantId/team', (_req, res) => render(res, res.locals.merchantScope!));
  router.post(
    '/merchant/:merchantId/team',
    limits.merchantWrite,
    action((req, scope) => inviteMember(db, scope, parseInput(teamInviteFormSchema, req.body), services.clock(), accountUrl())),
  );
  router.post(
    '/merchant/:merchantId/team/invitations/:invitationId/withdraw',
    limits.merchantWrite,
    action(async (req, scope) => {
      await withdrawStaffInvitation(db, scope, String(req.params.invitationId), services.clock());
      return MESSAGES.withdrawn;
    }),
  );
  router.post(
    '/merchant/:merchantId/team/members/:accountId',
    limits.merchantWrite,
    action((req, scope) =>
      changeMember(db, scope, { accountId: String(req.params.accountId), role: parseInput(teamMemberFormSchema, req.body).role }, services.clock()),
    ),
  );

  return router;
}
