import { Router, type Request, type Response } from 'express';
import {
  changeDisplayName,
  changeEmail,
  changePassword,
  confirmEmailLink,
  linkIsUsable,
  requestPasswordReset,
  resetPassword,
  signOutEverywhere,
} from '../../accounts/account-control.js';
import { deleteAccount } from '../../accounts/account-deletion.js';
import { exportAccountData } from '../../accounts/account-export.js';
import { UserFacingError } from '../../domain-errors.js';
import type { Services } from '../../wiring.js';
import type { Limiters } from '../middleware/rate-limits.js';
import { requireSignIn } from '../middleware/require-role.js';
import { signInHref, safeNext } from '../safe-next.js';
import { wantsJson } from '../respond.js';
import {
  changeEmailSchema,
  changeNameSchema,
  changePasswordSchema,
  deleteAccountSchema,
  forgotPasswordSchema,
  reauthSchema,
  resetPasswordSchema,
  tokenSchema,
} from '../schemas/account-control-forms.js';
import { InvalidInputError, parseInput } from '../schemas/validate.js';

const TITLES = {
  settings: 'Account settings and your data',
  forgot: 'Forgot your password?',
  reset: 'Choose a new password',
  verify: 'Confirm your e-mail address',
};

type Section = 'name' | 'email' | 'password' | 'everywhere' | 'export' | 'delete';

const errorsOf = (error: UserFacingError) => (error instanceof InvalidInputError ? error.details : [error.message]);

/**
 * The pages people use to control their account: confirming the address, a forgotten password, the settings page
 * (name, address, password, signing out everywhere, export, deletion). Rules live in server/accounts.
 */
export function createAccountControlRouter(services: Services, limits: Limiters): Router {
  const router = Router();
  const place = () => ({ at: services.clock(), baseUrl: services.config.publicUrl });

  const settings = (req: Request, res: Response, status = 200, problem?: { section: Section; errors: string[] }) =>
    res.status(status).render('pages/account-settings', {
      title: TITLES.settings,
      account: { id: req.user!.id, displayName: req.user!.displayName, email: req.user!.email },
      errors: problem ? { [problem.section]: problem.errors } : {},
    });

  /** Runs a settings change: JSON clients get JSON, forms get a message on the settings page or the errors in place. */
  const change = (section: Section, run: (req: Request, res: Response) => Promise<string | null>) => async (req: Request, res: Response) => {
    try {
      const message = await run(req, res);
      if (message === null) return;
      if (wantsJson(req)) return res.json({ message });
      req.session.flash = message;
      res.redirect(303, '/account/settings');
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      settings(req, res, error.status, { section, errors: errorsOf(error) });
    }
  };

  /** Ends this browser's session after all of the account's sessions were removed, then shows `message` at sign-in. */
  const endThisSession = (req: Request, res: Response, message: string, to = '/signin') =>
    new Promise<void>((resolve, reject) =>
      // passport 0.7 regenerates the session here, so nothing re-saves the removed one with the account in it.
      req.logout((err) => {
        if (err) return reject(err);
        if (wantsJson(req)) res.json({ message });
        else {
          req.session.flash = message;
          res.redirect(303, to);
        }
        resolve();
      }),
    );

  router.get('/account/settings', requireSignIn, (req, res) => settings(req, res));

  router.post(
    '/account/name',
    requireSignIn,
    limits.accountChange,
    change('name', async (req) => changeDisplayName(services.db, req.user!.id, parseInput(changeNameSchema, req.body).displayName)),
  );

  router.post(
    '/account/email',
    requireSignIn,
    limits.accountChange,
    change('email', async (req) => {
      const form = parseInput(changeEmailSchema, req.body);
      return changeEmail(services.db, { accountId: req.user!.id, password: form.currentPassword, email: form.email, ...place() });
    }),
  );

  router.post(
    '/account/password',
    requireSignIn,
    limits.accountChange,
    change('password', async (req) => {
      const form = parseInput(changePasswordSchema, req.body);
      return changePassword(services.db, {
        accountId: req.user!.id,
        currentPassword: form.currentPassword,
        newPassword: form.newPassword,
        currentSid: req.sessionID ?? null,
        ...place(),
      });
    }),
  );

  router.post(
    '/account/sign-out-everywhere',
    requireSignIn,
    limits.accountChange,
    change('everywhere', async (req, res) => {
      const form = parseInput(reauthSchema, req.body);
      const message = await signOutEverywhere(services.db, { accountId: req.user!.id, password: form.currentPassword });
      await endThisSession(req, res, message);
      return null;
    }),
  );

  router.post(
    '/accounts/:id/export',
    requireSignIn,
    limits.accountChange,
    change('export', async (req, res) => {
      const form = parseInput(reauthSchema, req.body);
      const data = await exportAccountData(services.db, {
        requesterId: req.user!.id,
        accountId: String(req.params.id),
        password: form.currentPassword,
        at: services.clock(),
      });
      res
        .set('Cache-Control', 'no-store')
        .attachment(`candor-account-${req.user!.id}.json`)
        .type('application/json')
        .send(JSON.stringify(data, null, 2));
      return null;
    }),
  );

  router.post(
    '/account/delete',
    requireSignIn,
    limits.accountChange,
    change('delete', async (req, res) => {
      const form = parseInput(deleteAccountSchema, req.body);
      const message = await deleteAccount(
        services.db,
        {
          accountId: req.user!.id,
          password: form.currentPassword,
          removeContent: form.removeContent,
          at: services.clock(),
        },
        services.photoFiles,
      );
      await endThisSession(req, res, message, '/');
      return null;
    }),
  );

  // Links from e-mail open a page with a button: mail scanners that fetch links do not use them up.
  router.get('/verify-email', async (req, res) => {
    const parsed = tokenSchema.safeParse({ token: req.query.token });
    const usable = parsed.success && (await linkIsUsable(services.db, 'verify_email', parsed.data.token, services.clock()));
    res
      .status(usable ? 200 : 400)
      .render('pages/verify-email', { title: TITLES.verify, token: usable ? parsed.data.token : null, next: safeNext(req.query.next) });
  });

  router.post('/verify-email', limits.accountLink, async (req, res) => {
    try {
      const message = await confirmEmailLink(services.db, parseInput(tokenSchema, req.body).token, services.clock());
      if (wantsJson(req)) return res.json({ message });
      req.session.flash = message;
      // After a sign-up that started somewhere (a widget, an invitation), signing in leads back there.
      res.redirect(303, req.user ? '/account/settings' : signInHref(safeNext(req.body?.next)));
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      res.status(error.status).render('pages/verify-email', { title: TITLES.verify, token: null, errors: errorsOf(error) });
    }
  });

  router.get('/forgot-password', (_req, res) => res.render('pages/forgot-password', { title: TITLES.forgot }));

  router.post('/forgot-password', limits.accountMail, async (req, res) => {
    try {
      const form = parseInput(forgotPasswordSchema, req.body);
      // The same answer whether or not the address has an account.
      const message = await requestPasswordReset(services.db, form.email, place());
      if (wantsJson(req)) return res.status(202).json({ message });
      res.render('pages/forgot-password', { title: TITLES.forgot, sent: message });
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      res.status(error.status).render('pages/forgot-password', { title: TITLES.forgot, errors: errorsOf(error), values: { email: req.body?.email } });
    }
  });

  router.get('/reset-password', async (req, res) => {
    const parsed = tokenSchema.safeParse({ token: req.query.token });
    const usable = parsed.success && (await linkIsUsable(services.db, 'reset_password', parsed.data.token, services.clock()));
    res.status(usable ? 200 : 400).render('pages/reset-password', { title: TITLES.reset, token: usable ? parsed.data.token : null });
  });

  router.post('/reset-password', limits.accountLink, async (req, res) => {
    try {
      const form = parseInput(resetPasswordSchema, req.body);
      const message = await resetPassword(services.db, { token: form.token, password: form.password, ...place() });
      if (wantsJson(req)) return res.json({ message });
      if (req.user) return endThisSession(req, res, message);
      req.session.flash = message;
      res.redirect(303, '/signin');
    } catch (error) {
      if (!(error instanceof UserFacingError) || wantsJson(req)) throw error;
      const token = typeof req.body?.token === 'string' && error instanceof InvalidInputError ? req.body.token : null;
      res.status(error.status).render('pages/reset-password', { title: TITLES.reset, token, errors: errorsOf(error) });
    }
  });

  return router;
}
