// Candor's operator commands: `npm run candor -- <command> [options]`.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { signUp, makeMerchantStaff } from '../server/accounts/accounts.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { UserFacingError } from '../server/domain-errors.js';
import { openDatabase } from '../server/storage/database.js';
import { DataDirLockedError, lockDataDir, type DataDirLock } from '../server/storage/data-dir-lock.js';
import { migrate } from '../server/storage/migrate.js';
import { retrainTextModel } from '../server/moderation/retrain.js';
import { createShop, setSuspension } from '../server/merchants/onboarding.js';
import { findAccountByEmail } from '../server/storage/account-repo.js';

const USAGE = `Usage: npm run candor -- <command> [options]

Commands:
  migrate                         apply database migrations
  create-user --email E --name N --role customer|moderator|admin [--password P] [--merchant ID]
                                  create an account (password from --password or CANDOR_PASSWORD)
  create-merchant --name N --origin https://shop.example --category C --owner EMAIL
                                  create a shop (verified: an operator checked it) owned by an existing account
  suspend-merchant --id ID --reason R [--lift]
                                  suspend a shop (its widget and invitations stop) or lift the suspension
  retrain                         retrain the text model from moderators' decisions and make it the active one
`;

const createUserSchema = z.object({
  email: z.email('--email must be an email address'),
  name: z.string().trim().min(2, '--name must be at least 2 characters').max(60),
  role: z.enum(['customer', 'moderator', 'admin'], { error: '--role must be customer, moderator or admin' }),
  password: z.string().min(10, 'the password must be at least 10 characters (use --password or CANDOR_PASSWORD)'),
  merchant: z.string().optional(),
});

function fail(message: string): never {
  console.error(`candor: ${message}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // The CLI writes to the database too: on PGlite it must not run beside a server on the same directory.
  let dirLock: DataDirLock | null = null;
  if (!config.databaseUrl) {
    try {
      dirLock = lockDataDir(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) fail(error.message);
      throw error;
    }
  }
  const db = await openDatabase(config);
  try {
    await migrate(db);
    switch (command) {
      case 'migrate':
        console.log('migrations are up to date');
        break;
      case 'create-user': {
        let values;
        try {
          values = parseArgs({
            args: rest,
            options: {
              email: { type: 'string' },
              name: { type: 'string' },
              role: { type: 'string' },
              password: { type: 'string' },
              merchant: { type: 'string' },
            },
          }).values;
        } catch (error) {
          fail((error as Error).message);
        }
        const parsed = createUserSchema.safeParse({ ...values, password: values.password ?? process.env.CANDOR_PASSWORD ?? '' });
        if (!parsed.success) fail(parsed.error.issues[0]!.message);
        const input = parsed.data;
        const account = await signUp(db, {
          displayName: input.name,
          email: input.email,
          password: input.password,
          role: input.role,
          ip: null,
          userAgent: 'candor-cli',
          at: new Date(),
        });
        if (input.merchant) await makeMerchantStaff(db, input.merchant, account.id, true);
        console.log(`created ${input.role} ${account.email} (${account.id})`);
        break;
      }
      case 'create-merchant': {
        const v = parseArgs({
          args: rest,
          options: { name: { type: 'string' }, origin: { type: 'string' }, category: { type: 'string' }, owner: { type: 'string' } },
        }).values;
        if (!v.name || !v.origin || !v.category || !v.owner) fail('create-merchant needs --name, --origin, --category and --owner');
        const owner = await findAccountByEmail(db, v.owner);
        if (!owner) fail(`no account uses ${v.owner}: create it first with create-user`);
        const shop = await createShop(db, { name: v.name, websiteOrigin: v.origin, category: v.category, ownerId: owner.id, at: new Date(), verified: true });
        console.log(`created merchant ${v.name} (${shop.id}), owned by ${v.owner}`);
        break;
      }
      case 'suspend-merchant': {
        const v = parseArgs({ args: rest, options: { id: { type: 'string' }, reason: { type: 'string' }, lift: { type: 'boolean' } } }).values;
        if (!v.id || !v.reason) fail('suspend-merchant needs --id and --reason');
        await setSuspension(db, { adminId: null, merchantId: v.id, suspend: !v.lift, reason: v.reason, at: new Date() });
        console.log(`${v.lift ? 'reinstated' : 'suspended'} merchant ${v.id}`);
        break;
      }
      case 'retrain': {
        const result = await retrainTextModel({ db, clock: () => new Date(), integrity: { setModel: () => undefined } }, { trainedBy: null });
        console.log(`trained text model ${result.version} on ${result.trainingSize} moderator decisions (${result.positives} not genuine); it is now active`);
        break;
      }
      default:
        fail(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UserFacingError) fail(error.message);
    throw error;
  } finally {
    await db.close();
    dirLock?.release();
  }
}

main(process.argv.slice(2)).catch((error) => {
  pino().error({ err: error }, 'candor command failed');
  process.exit(1);
});
