import { Passport } from 'passport';

export type CandorPassport = InstanceType<typeof Passport>;
import { Strategy as LocalStrategy } from 'passport-local';
import { verifyCredentials } from '../accounts/accounts.js';
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
export function createPassport(db: Database): CandorPassport {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      verifyCredentials(db, email, password).then((account) => done(null, account ?? false, account ? undefined : { message: SIGN_IN_FAILED }), done);
    }),
  );
  passport.serializeUser((user, done) => done(null, (user as AccountRecord).id));
  passport.deserializeUser((id: string, done) => {
    findAccountById(db, id).then((account) => done(null, account ?? false), done);
  });
  return passport;
}
