import { createHmac, randomBytes } from 'node:crypto';
import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { defaultPolicy } from './integrity/policy.js';
import type { TextModel } from './integrity/types.js';
import { loadActiveTextModel } from './moderation/retrain.js';
import type { IntegrityDeps } from './reviews/integrity-gate.js';
import { heldNoticesByEmail } from './reviews/held-notices.js';
import { createDevTransport, createSmtpTransport, type MailTransport } from './mail/transport.js';
import { createGuardedPoster, type WebhookPoster } from './webhooks/webhook-poster.js';
import { createGuardedFetcher, type VerificationFetcher } from './merchants/shop-verification.js';
import type { Database } from './storage/database.js';
import { ContentVersionWatch } from './storage/content-version-watch.js';
import { PostgresRateLimitStore } from './storage/rate-limit-store.js';
import { createPhotoDirectory, type PhotoFiles } from './storage/photo-files.js';
import { ResponseCache } from './http/response-cache.js';
import { cachedRequestClass } from './http/cached-request-class.js';
import { RefusalDedupe } from './merchants/widget-refusals.js';

/** Everything stateful the HTTP layer and the CLI share, built in one place and passed in. */
export interface Services {
  config: Config;
  db: Database;
  logger: Logger;
  clock: () => Date;
  integrity: IntegrityDeps & { setModel(model: TextModel | null): void };
  /** Email and webhooks leave through the outbox; these are the transports its worker uses. */
  outbound: { mail: MailTransport; mailFrom: string; postWebhook: WebhookPoster; devMailViewer: boolean };
  /** Signs session cookies; see resolveSessionSecret. */
  sessionSecret: string;
  /** Signs review-invitation links (derived from the session secret so there is one secret to manage). */
  invitationKey: Buffer;
  /** Signs one-click unsubscribe links in notification e-mails (derived from the session secret, like invitationKey). */
  unsubscribeKey: Buffer;
  /** Public responses served again until the database's content version changes (see response-cache.ts). */
  responseCache: ResponseCache;
  /** This process's view of the public-content version (notifications; see content-version-watch.ts). */
  contentVersion: ContentVersionWatch;
  /** Reads a shop's verification token from its origin (through the outbound guard). */
  fetchVerification: VerificationFetcher;
  /** Counters for one rate limit, shared by every process through the database. */
  rateLimitStore: (prefix: string) => Store;
  /** Which refused widget origins this process recorded lately (see merchants/widget-refusals.ts). */
  widgetRefusals: RefusalDedupe;
  /** Review photo files when they are kept in a directory (config.photos); null: in the database. */
  photoFiles: PhotoFiles | null;
}

export function buildServices(input: {
  config: Config;
  db: Database;
  logger: Logger;
  clock?: () => Date;
  mailTransport?: MailTransport;
  postWebhook?: WebhookPoster;
  fetchVerification?: VerificationFetcher;
}): Services {
  let model: TextModel | null = null;
  // main.ts and the CLI pass the kept secret (resolveSessionSecret); a process without one (a test, a replay)
  // gets a random secret of its own, never a known default.
  const sessionSecret = input.config.sessionSecret ?? randomBytes(32).toString('base64url');
  const contentVersion = new ContentVersionWatch(input.db);
  const unsubscribeKey = createHmac('sha256', sessionSecret).update('candor:unsubscribe').digest();
  const invitationKey = createHmac('sha256', sessionSecret).update('candor:review-invitations').digest();
  const mail = input.mailTransport ?? (input.config.smtpUrl ? createSmtpTransport(input.config.smtpUrl) : createDevTransport());
  return {
    config: input.config,
    db: input.db,
    logger: input.logger,
    clock: input.clock ?? (() => new Date()),
    integrity: {
      policy: defaultPolicy,
      currentModel: () => model,
      notices: heldNoticesByEmail({ publicUrl: input.config.publicUrl, unsubscribeKey, invitationKey }),
      setModel: (next) => {
        model = next;
      },
    },
    outbound: {
      mail,
      mailFrom: input.config.mailFrom,
      postWebhook: input.postWebhook ?? createGuardedPoster({ allowLoopbackForTests: input.config.allowLoopbackWebhooksForTests }),
      devMailViewer: mail.kind === 'dev' && input.config.devMail,
    },
    sessionSecret,
    invitationKey,
    unsubscribeKey,
    responseCache: new ResponseCache({
      readVersion: () => contentVersion.current(),
      peekVersion: () => contentVersion.known(),
      requestClass: cachedRequestClass(input.config),
    }),
    contentVersion,
    fetchVerification: input.fetchVerification ?? createGuardedFetcher({ allowLoopbackForTests: input.config.allowLoopbackVerificationForTests }),
    widgetRefusals: new RefusalDedupe(),
    rateLimitStore: (prefix) => new PostgresRateLimitStore(input.db, prefix),
    photoFiles: input.config.photos.storage === 'directory' ? createPhotoDirectory(input.config.photos.dir) : null,
  };
}

/** Puts the stored active text model (retrained from moderators' decisions) into service; called once at start. */
export async function loadStoredTextModel(services: Services): Promise<string | null> {
  const model = await loadActiveTextModel(services.db);
  if (model) services.integrity.setModel(model);
  return model?.version ?? null;
}
