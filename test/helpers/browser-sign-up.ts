import type { Page } from 'playwright-core';
import type { Database } from '../../server/storage/database.js';
import { latestLink } from './account-mail.js';

/**
 * Sign-up in a real browser as a person does it: the form, then the confirmation link from the e-mail (read from the
 * outbox, as the mailbox would show it), then sign-in, which leads to where the sign-up started.
 */
export async function confirmInBrowser(page: Page, db: Database, serverUrl: string, email: string): Promise<void> {
  const link = await latestLink(db, email, '/verify-email');
  await page.goto(`${serverUrl}${link}`);
  await Promise.all([page.waitForURL(/\/signin/), page.click('main button:has-text("Confirm my address")')]);
}

/** Fills the sign-in form the page shows and waits until the browser has left it. */
export async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.fill('main input[name=email]', email);
  await page.fill('main input[name=password]', password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/signin'), page.click('main button[type=submit]')]);
}

export async function signUpInBrowser(page: Page, db: Database, serverUrl: string, person: { name: string; email: string; password: string }) {
  if (new URL(page.url()).pathname !== '/signup') await page.goto(`${serverUrl}/signup`);
  await page.fill('main input[name=displayName]', person.name);
  await page.fill('main input[name=email]', person.email);
  await page.fill('main input[name=password]', person.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/signup'), page.click('main button[type=submit]')]);
  await confirmInBrowser(page, db, serverUrl, person.email);
  await signInInBrowser(page, person.email, person.password);
}
