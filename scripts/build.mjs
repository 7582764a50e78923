// npm run build: server/**/*.ts → dist/server/**/*.js (esbuild, one file per module, no bundling), so production
// starts plain JavaScript without the TypeScript loader. Plain JavaScript itself, so it runs before anything is
// compiled. dist/ mirrors the repository: views, public, node_modules, the migrations and the widget source are
// links back to the originals, so paths computed from a module's own location stay right.
// Then, if missing, the archive new PGlite data directories start from (see PGLITE_TEMPLATE_FILE).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'widget' && dir.endsWith('server') ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

rmSync(path.join(DIST, 'server'), { recursive: true, force: true });
await build({
  entryPoints: sources(path.join(ROOT, 'server')),
  outdir: path.join(DIST, 'server'),
  outbase: path.join(ROOT, 'server'),
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync(path.join(DIST, 'package.json'), '{ "type": "module", "private": true }\n');
cpSync(path.join(ROOT, 'server/storage/migrations'), path.join(DIST, 'server/storage/migrations'), { recursive: true });
const links = [
  ['views', '../views'],
  ['public', '../public'],
  ['node_modules', '../node_modules'],
  ['server/widget', '../../server/widget'],
];
for (const [at, to] of links) {
  const link = path.join(DIST, at);
  rmSync(link, { recursive: true, force: true });
  symlinkSync(to, link);
}

const { PGLITE_TEMPLATE_FILE, openPglite } = await import(path.join(DIST, 'server/storage/database.js'));
// Rebuilt when a migration is newer than the archive (start-up would apply it anyway, but more slowly).
const migrationsDir = path.join(ROOT, 'server/storage/migrations');
const newestMigration = Math.max(...readdirSync(migrationsDir).map((name) => statSync(path.join(migrationsDir, name)).mtimeMs));
if (!existsSync(PGLITE_TEMPLATE_FILE) || statSync(PGLITE_TEMPLATE_FILE).mtimeMs < newestMigration) {
  const { migrate } = await import(path.join(DIST, 'server/storage/migrate.js'));
  const db = await openPglite(undefined);
  await migrate(db);
  const archive = Buffer.from(await (await db.pglite.dumpDataDir('gzip')).arrayBuffer());
  await db.close();
  mkdirSync(path.dirname(PGLITE_TEMPLATE_FILE), { recursive: true });
  // One rename: a start never reads half an archive.
  const partial = `${PGLITE_TEMPLATE_FILE}.${process.pid}.partial`;
  writeFileSync(partial, archive);
  (await import('node:fs')).renameSync(partial, PGLITE_TEMPLATE_FILE);
}
