import { Router, type NextFunction, type Request, type Response } from 'express';
import type { CandorPassport } from '../../auth/passport.js';
import { signUpFromWeb } from '../../accounts/accounts.js';
import { listOwnReviewsWithReasons } from '../../reviews/own-reviews.js';
import { answerStaffInvitation, pendingStaffInvitations } from '../../merchants/staff.js';
import { SIGN_IN_FAILED } from '../../auth/passport.js';
import type { AccountRecord } from '../../accounts/accounts.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { wantsJson } from '../respond.js';
import { safeNext } from '../safe-next.js';
import { signInSchema, signUpSchema } from '../schemas/account-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';
import { UserFacingError } from '../../domain-errors.js';
import { STATE_LABELS, formatDate, starsText } from '../view-models/format.js';

const MESSAGES = {
  signedUp: 'Thank you. Please check your e-mail: we have sent a message to the address you gave. Open the link in it to confirm your address, then sign in.',
};

function logIn(req: Request, account: AccountRecord): Promise<void> {
  // passport 0.7 regenerates the session id inside req.login, so a planted session id is useless after sign-in.
  return new Promise((resolve, reject) => req.login(account, (err) => (err ? reject(err) : resolve())));
}

export function createAccountRouter(services: Services, passport: CandorPassport, limits: Limiters): Router {
  const router = Router();

  router.get('/signup', (req, res) => {
    res.render('pages/signup', { title: 'Create an account', next: safeNext(req.query.next) });
  });

  router.post('/signup', limits.signup, async (req, res) => {
    const next = safeNext(req.body?.next);
    try {
      const form = parseInput(signUpSchema, req.body);
      await signUpFromWeb(services.db, {
        ...form,
        ip: req.ip ?? null,
        userAgent: req.get('user-agent') ?? null,
        device: req.deviceId ?? null,
        at: services.clock(),
        baseUrl: services.config.publicUrl,
        next,
      });
      // The same answer whether or not the email was free, and neither signs in (a new session would tell which):
      // only the email itself tells its owner which it was.
      if (wantsJson(req)) return res.status(202).json({ message: MESSAGES.signedUp });
      req.session.flash = MESSAGES.signedUp;
      res.redirect(303, next);
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      res.status(error.status).render('pages/signup', {
        title: 'Create an account',
        next,
        errors: error instanceof InvalidInputError ? error.details : [error.message],
        values: { displayName: req.body?.displayName, email: req.body?.email },
      });
    }
  });

  router.get('/signin', (req, res) => {
    res.render('pages/signin', { title: 'Sign in', next: safeNext(req.query.next) });
  });

  router.post('/signin', limits.signin, (req: Request, res: Response, nextFn: NextFunction) => {
    const next = safeNext(req.body?.next);
    let form;
    try {
      form = parseInput(signInSchema, req.body);
    } catch (error) {
      if (wantsJson(req)) throw error;
      return res.status(422).render('pages/signin', { title: 'Sign in', next, errors: (error as InvalidInputError).details });
    }
    req.body.email = form.email;
    passport.authenticate('local', (err: unknown, account: AccountRecord | false, info?: { message?: string }) => {
      if (err) return nextFn(err);
      if (!account) {
        // The right password for an unconfirmed address is refused with its own message (403): only the owner sees it.
        const message = info?.message ?? SIGN_IN_FAILED;
        const status = message === SIGN_IN_FAILED ? 401 : 403;
        if (wantsJson(req)) return res.status(status).json({ error: message });
        return res.status(status).render('pages/signin', { title: 'Sign in', next, errors: [message], values: { email: form.email } });
      }
      logIn(req, account).then(() => {
        if (wantsJson(req)) return res.json({ id: account.id });
        res.redirect(303, next);
      }, nextFn);
    })(req, res, nextFn);
  });

  router.post('/signout', (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        res.clearCookie('candor.sid');
        res.redirect(303, '/');
      });
    });
  });

  router.get('/account', requireSignIn, async (req, res) => {
    const reviews = await listOwnReviewsWithReasons(services.db, req.user!.id);
    const staffInvitations = (await pendingStaffInvitations(services.db, req.user!.id)).map((i) => ({ ...i, date: formatDate(i.invitedAt) }));
    res.render('pages/account', {
      title: 'Your account',
      staffInvitations,
      reviews: reviews.map((r) => ({
        ...r,
        stars: starsText(r.rating),
        date: formatDate(r.createdAt),
        stateLabel: STATE_LABELS[r.status],
        published: r.status === 'published',
        appealDecidedDate: r.moderation.appeal?.decidedAt ? formatDate(r.moderation.appeal.decidedAt) : null,
      })),
    });
  });

  router.get('/account/staff-invitations', requireSignIn, (_req, res) => res.redirect(303, '/account#staff-invitations'));
  const answer = (accept: boolean) => async (req: Request, res: Response) => {
    const message = await answerStaffInvitation(services.db, { accountId: req.user!.id, invitationId: String(req.params.id), accept, at: services.clock() });
    if (wantsJson(req)) return res.json({ message });
    req.session.flash = message;
    res.redirect(303, '/account');
  };
  router.post('/account/staff-invitations/:id/accept', requireSignIn, limits.merchantWrite, answer(true));
  router.post('/account/staff-invitations/:id/decline', requireSignIn, limits.merchantWrite, answer(false));

  return router;
}
