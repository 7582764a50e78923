import type { Queryable } from '../storage/database.js';
import { enqueueOutbox } from '../storage/outbox-repo.js';

/** The e-mails about a person's own account. Links appear only here, never on a page. */
const MESSAGES = {
  confirmSubject: 'Confirm your Candor account',
  confirm: (name: string, link: string) =>
    `Hello ${name},\n\nPlease confirm that this is your e-mail address by opening this link within 48 hours:\n\n${link}\n\nYou can sign in once the address is confirmed. If you did not create a Candor account, ignore this message and nothing will happen.`,
  changeSubject: 'Confirm your new e-mail address for Candor',
  change: (name: string, link: string) =>
    `Hello ${name},\n\nYou asked to use this address for your Candor account. Open this link within 48 hours to confirm it:\n\n${link}\n\nIf you did not ask for this, ignore this message: your account keeps its old address.`,
  takenSubject: 'Someone tried to use your e-mail address on Candor',
  taken: (signIn: string, reset: string) =>
    `Hello,\n\nSomeone (perhaps you) tried to create a Candor account, or move an account, to this e-mail address, which already has an account. Nothing was changed.\n\nIf it was you, sign in at ${signIn}. Forgot your password? Reset it at ${reset}.`,
  resetSubject: 'Reset your Candor password',
  reset: (link: string) =>
    `Hello,\n\nSomeone (hopefully you) asked to reset the password of the Candor account with this address. Open this link within one hour to choose a new password:\n\n${link}\n\nThe link works once. If you did not ask for it, ignore this message: your password stays as it is.`,
  passwordChangedSubject: 'Your Candor password was changed',
  passwordChanged: (name: string) =>
    `Hello ${name},\n\nThe password of your Candor account was just changed, and every other device was signed out. If this was not you, reset your password at once from the sign-in page.`,
};

export interface MailPlace {
  tx: Queryable;
  at: Date;
  /** The public address of this Candor. */
  baseUrl: string;
}

const send = (p: MailPlace, to: string, subject: string, text: string) =>
  enqueueOutbox(p.tx, { kind: 'email', merchantId: null, dedupeKey: null, payload: { to, subject, text }, at: p.at });

const base = (url: string) => url.replace(/\/$/, '');
/** `next` (a path on this site, checked by the caller) is where the person goes after confirming and signing in. */
export const confirmLink = (baseUrl: string, token: string, next = '/'): string =>
  `${base(baseUrl)}/verify-email?token=${token}${next !== '/' ? `&next=${encodeURIComponent(next)}` : ''}`;
export const resetLink = (baseUrl: string, token: string): string => `${base(baseUrl)}/reset-password?token=${token}`;

export const sendConfirmation = (p: MailPlace, to: string, name: string, token: string, next?: string) =>
  send(p, to, MESSAGES.confirmSubject, MESSAGES.confirm(name, confirmLink(p.baseUrl, token, next)));
export const sendChangeConfirmation = (p: MailPlace, to: string, name: string, token: string) =>
  send(p, to, MESSAGES.changeSubject, MESSAGES.change(name, confirmLink(p.baseUrl, token)));
export const sendAddressTaken = (p: MailPlace, to: string) =>
  send(p, to, MESSAGES.takenSubject, MESSAGES.taken(`${base(p.baseUrl)}/signin`, `${base(p.baseUrl)}/forgot-password`));
export const sendReset = (p: MailPlace, to: string, token: string) => send(p, to, MESSAGES.resetSubject, MESSAGES.reset(resetLink(p.baseUrl, token)));
export const sendPasswordChanged = (p: MailPlace, to: string, name: string) => send(p, to, MESSAGES.passwordChangedSubject, MESSAGES.passwordChanged(name));
