import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CANDOR_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .transform((v) => v.trim())
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
    .optional()
    .transform((v) => v || null),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  CANDOR_DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Production rules unless development is asked for (`npm run dev`): a forgotten variable must not open a door.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  PUBLIC_URL: z.url().optional(),
  CANDOR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .transform((v) => v || null),
  CANDOR_MAIL_FROM: z.string().min(3).default('Candor <no-reply@candor.example>'),
  CANDOR_DEV_MAIL: z.enum(['on', 'off']).default('off'),
  // Raw IP addresses and user agents are replaced by keyed hashes after this many days.
  CANDOR_RAW_SIGNAL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // Review photos: in the database (bytea, the default: one thing to back up) or in a directory.
  CANDOR_PHOTO_STORAGE: z.enum(['database', 'directory']).default('database'),
  CANDOR_PHOTO_DIR: z.string().min(1).optional(),
  // Where a new data directory with demo data is copied from (default: the one `npm run build` writes).
  CANDOR_DEMO_TEMPLATE_DIR: z.string().min(1).optional(),
  // Test suites deliver webhooks to a receiver on 127.0.0.1; nothing else may. The long name is deliberate.
  CANDOR_UNSAFE_ALLOW_LOOPBACK_WEBHOOKS_FOR_TESTS: z.enum(['yes', 'no']).default('no'),
  // Likewise for shop verification: a test shop serves its token on 127.0.0.1.
  CANDOR_UNSAFE_ALLOW_LOOPBACK_VERIFICATION_FOR_TESTS: z.enum(['yes', 'no']).default('no'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** null = none configured: main.ts and the CLI load (or create once) the random secret kept in the database. */
  sessionSecret: string | null;
  demoData: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  production: boolean;
  trustProxy: boolean;
  publicUrl: string;
  /** Outgoing mail; null = nothing leaves the machine (the outbox keeps it). */
  smtpUrl: string | null;
  mailFrom: string;
  /** /dev/mail (admins only) shows the outbox when no SMTP is configured: only when asked for. */
  devMail: boolean;
  /** Days raw IP addresses and user agents are kept before only keyed hashes remain (see signal-retention-repo). */
  rawSignalDays: number;
  /** The demo template a new PGlite directory with demo data is copied from; null: the build's (DEMO_TEMPLATE_DIR). */
  demoTemplateDir: string | null;
  /** Where review photos are kept; a directory is checked (created, writable) at start. */
  photos: { storage: 'database' } | { storage: 'directory'; dir: string };
  /** Only for test suites: lets webhook deliveries reach loopback. Never set by default, in any mode. */
  allowLoopbackWebhooksForTests: boolean;
  /** Only for test suites and local trials: lets shop verification fetch a token from a loopback origin. */
  allowLoopbackVerificationForTests: boolean;
  /**
   * Session cookies: always Secure when the public URL is https (behind a TLS proxy set TRUST_PROXY=true);
   * otherwise Secure exactly when the request arrived over TLS ('auto'), so a plain http://127.0.0.1 demo works.
   */
  secureCookies: true | 'auto';
}

export class ConfigError extends Error {}

/** Environment → typed config. A wrong value stops start-up with one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const publicUrl = e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`;
  const photos = photoStorage(e.CANDOR_PHOTO_STORAGE, e.CANDOR_PHOTO_DIR ?? path.join(e.CANDOR_DATA_DIR, 'photos'));
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CANDOR_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? null,
    demoData: e.CANDOR_DEMO_DATA === 'auto',
    logLevel: e.LOG_LEVEL,
    production,
    trustProxy: e.TRUST_PROXY === 'true',
    publicUrl,
    smtpUrl: e.CANDOR_SMTP_URL,
    mailFrom: e.CANDOR_MAIL_FROM,
    devMail: e.CANDOR_DEV_MAIL === 'on',
    rawSignalDays: e.CANDOR_RAW_SIGNAL_DAYS,
    photos,
    demoTemplateDir: e.CANDOR_DEMO_TEMPLATE_DIR ? path.resolve(e.CANDOR_DEMO_TEMPLATE_DIR) : null,
    allowLoopbackWebhooksForTests: e.CANDOR_UNSAFE_ALLOW_LOOPBACK_WEBHOOKS_FOR_TESTS === 'yes',
    allowLoopbackVerificationForTests: e.CANDOR_UNSAFE_ALLOW_LOOPBACK_VERIFICATION_FOR_TESTS === 'yes',
    secureCookies: publicUrl.startsWith('https:') ? true : 'auto',
  };
}

/** A photo directory must exist (it is created) and be writable now, not at the first upload. */
function photoStorage(storage: 'database' | 'directory', dir: string): Config['photos'] {
  if (storage === 'database') return { storage };
  const resolved = path.resolve(dir);
  try {
    mkdirSync(resolved, { recursive: true });
    accessSync(resolved, constants.W_OK | constants.R_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not usable';
    throw new ConfigError(`Invalid configuration: CANDOR_PHOTO_DIR ${resolved} is not a writable directory (${reason})`);
  }
  return { storage, dir: resolved };
}
