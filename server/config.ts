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
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  PUBLIC_URL: z.url().optional(),
  CANDOR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .transform((v) => v || null),
  CANDOR_MAIL_FROM: z.string().min(3).default('Candor <no-reply@candor.example>'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  sessionSecret: string;
  demoData: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  production: boolean;
  trustProxy: boolean;
  publicUrl: string;
  /** Outgoing mail; null = nothing is sent and /dev/mail shows the outbox (outside production). */
  smtpUrl: string | null;
  mailFrom: string;
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
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required when NODE_ENV=production');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CANDOR_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    // A development secret is fine: sessions live in the database and only need to survive restarts locally.
    sessionSecret: e.SESSION_SECRET ?? 'candor-development-session-secret',
    demoData: e.CANDOR_DEMO_DATA === 'auto',
    logLevel: e.LOG_LEVEL,
    production,
    trustProxy: e.TRUST_PROXY === 'true',
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    smtpUrl: e.CANDOR_SMTP_URL,
    mailFrom: e.CANDOR_MAIL_FROM,
  };
}
