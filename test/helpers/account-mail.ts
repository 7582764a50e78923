import type request from 'supertest';
import type { Database } from '../../server/storage/database.js';
import { csrfToken } from './test-app.js';

type Agent = ReturnType<typeof request.agent>;

/** The e-mails queued for an address, oldest first (the outbox is what the mail worker would send). */
export async function mailsTo(db: Database, email: string): Promise<{ subject: string; text: string }[]> {
  return (
    await db.query<{ subject: string; text: string }>(
      `SELECT payload->>'subject' AS subject, payload->>'text' AS text FROM outbox WHERE kind = 'email' AND lower(payload->>'to') = lower($1) ORDER BY id`,
      [email],
    )
  ).rows;
}

/** The path and query of the newest link to `path` (e.g. "/verify-email") in mail to the address. */
export async function latestLink(db: Database, email: string, path: string): Promise<string> {
  const mails = await mailsTo(db, email);
  for (const mail of mails.reverse()) {
    const match = new RegExp(`https?://[^/\\s]+(${path.replace(/[/-]/g, '\\$&')}\\?token=[\\w-]+(?:&next=\\S+)?)`).exec(mail.text);
    if (match) return match[1]!;
  }
  throw new Error(`no ${path} link in mail to ${email}`);
}

/** Opens the confirmation link from the sign-up e-mail and presses its button, as the owner of the mailbox does. */
export async function confirmFromMail(agent: Agent, db: Database, email: string): Promise<void> {
  const link = await latestLink(db, email, '/verify-email');
  const csrf = await csrfToken(agent, link);
  const res = await agent
    .post('/verify-email')
    .type('form')
    .send({ _csrf: csrf, token: new URL(link, 'http://x').searchParams.get('token') });
  if (res.status !== 303) throw new Error(`confirming ${email} answered ${res.status}`);
}

export async function signInWith(agent: Agent, email: string, password: string, next?: string) {
  const csrf = await csrfToken(agent, '/signin');
  return agent
    .post('/signin')
    .type('form')
    .send({ _csrf: csrf, email, password, ...(next ? { next } : {}) });
}

/** Sign-up's second half: confirm the address from the e-mail, then sign in (sign-up itself never signs in). */
export async function confirmAndSignIn(agent: Agent, db: Database, email: string, password: string, next?: string) {
  await confirmFromMail(agent, db, email);
  const res = await signInWith(agent, email, password, next);
  if (res.status !== 303) throw new Error(`signing in as ${email} answered ${res.status}`);
  return res;
}
