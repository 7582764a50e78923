// Writes the archive a new PGlite data directory starts from (see PGLITE_TEMPLATE_FILE): an empty database with
// every migration applied. Run by prestart: kept when it exists (newer migrations are applied at start anyway);
// --force rebuilds it. The archive is replaced in one rename, so a start never reads half of it.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openPglite, PGLITE_TEMPLATE_FILE } from '../server/storage/database.js';
import { migrate } from '../server/storage/migrate.js';

if (existsSync(PGLITE_TEMPLATE_FILE) && !process.argv.includes('--force')) process.exit(0);
const db = await openPglite(undefined);
await migrate(db);
const archive = Buffer.from(await (await db.pglite.dumpDataDir('gzip')).arrayBuffer());
await db.close();
mkdirSync(path.dirname(PGLITE_TEMPLATE_FILE), { recursive: true });
const partial = `${PGLITE_TEMPLATE_FILE}.${process.pid}.partial`;
writeFileSync(partial, archive);
renameSync(partial, PGLITE_TEMPLATE_FILE);
