import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { defaultPolicy } from './integrity/policy.js';
import type { TextModel } from './integrity/types.js';
import { loadActiveTextModel } from './moderation/retrain.js';
import type { IntegrityDeps } from './reviews/integrity-gate.js';
import { heldNoticesByEmail } from './reviews/held-notices.js';
import { createDevTransport, createSmtpTransport, type MailTransport } from './mail/transport.js';
import { createFetchPoster, type WebhookPoster } from './mail/webhook-poster.js';
import type { Database } from './storage/database.js';

/** Everything stateful the HTTP layer and the CLI share, built in one place and passed in. */
export interface Services {
  config: Config;
  db: Database;
  logger: Logger;
  clock: () => Date;
  integrity: IntegrityDeps & { setModel(model: TextModel | null): void };
  /** Email and webhooks leave through the outbox; these are the transports its worker uses. */
  outbound: { mail: MailTransport; mailFrom: string; postWebhook: WebhookPoster; devMailViewer: boolean };
  /** Signs review-invitation links (derived from the session secret so there is one secret to manage). */
  invitationKey: Buffer;
}

export function buildServices(input: {
  config: Config;
  db: Database;
  logger: Logger;
  clock?: () => Date;
  mailTransport?: MailTransport;
  postWebhook?: WebhookPoster;
}): Services {
  let model: TextModel | null = null;
  const mail = input.mailTransport ?? (input.config.smtpUrl ? createSmtpTransport(input.config.smtpUrl) : createDevTransport());
  return {
    config: input.config,
    db: input.db,
    logger: input.logger,
    clock: input.clock ?? (() => new Date()),
    integrity: {
      policy: defaultPolicy,
      currentModel: () => model,
      notices: heldNoticesByEmail(),
      setModel: (next) => {
        model = next;
      },
    },
    outbound: {
      mail,
      mailFrom: input.config.mailFrom,
      postWebhook: input.postWebhook ?? createFetchPoster(),
      devMailViewer: mail.kind === 'dev' && !input.config.production,
    },
    invitationKey: createHmac('sha256', input.config.sessionSecret).update('candor:review-invitations').digest(),
  };
}

/** Puts the stored active text model (retrained from moderators' decisions) into service; called once at start. */
export async function loadStoredTextModel(services: Services): Promise<string | null> {
  const model = await loadActiveTextModel(services.db);
  if (model) services.integrity.setModel(model);
  return model?.version ?? null;
}
