import { Passport } from 'passport';

export type CandorPassport = InstanceType<typeof Passport>;
import { Strategy as LocalStrategy } from 'passport-local';
import { checkSignIn } from '../accounts/accounts.js';
import { findAccountById, type AccountRecord } from '../storage/account-repo.js';
import type { Database } from '../storage/database.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface User extends AccountRecord {}
  }
}

export const SIGN_IN_FAILED = 'That email and password do not match an account.';

/** One Passport per app: the default export is a process-wide singleton and would mix test apps. */
export function createPassport(db: Database, place: { clock: () => Date; baseUrl: string }): CandorPassport {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      checkSignIn(db, { email, password, at: place.clock(), baseUrl: place.baseUrl }).then((outcome) => {
        if (outcome && 'account' in outcome) return done(null, outcome.account);
        done(null, false, { message: outcome?.refusal ?? SIGN_IN_FAILED });
      }, done);
    }),
  );
  passport.serializeUser((user, done) => done(null, (user as AccountRecord).id));
  passport.deserializeUser((id: string, done) => {
    // A deleted account's sessions are removed with it; this also ends any that a race left behind.
    findAccountById(db, id).then((account) => done(null, account && !account.deletedAt ? account : false), done);
  });
  return passport;
}
