// npm run build: server/**/*.ts → dist/server/**/*.js (esbuild, one file per module, no bundling), so production
// starts plain JavaScript without the TypeScript loader. Plain JavaScript itself, so it runs before anything is
// compiled. dist/ mirrors the repository: views, public, node_modules, the migrations and the widget source are
// links back to the originals, so paths computed from a module's own location stay right.
// Then, if missing, the directory new PGlite data directories start from (see PGLITE_TEMPLATE_DIR).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

const { PGLITE_TEMPLATE_DIR } = await import(path.join(DIST, 'server/storage/database.js'));
const { templateHasUnusedDatabases, writePgliteTemplate } = await import(path.join(DIST, 'server/storage/pglite-template.js'));
// Rebuilt when a migration is newer than the template's initdb (start-up would apply it anyway, but more slowly), or
// when the template still holds initdb's template databases (written by an earlier build).
const migrationsDir = path.join(ROOT, 'server/storage/migrations');
const newestMigration = Math.max(...readdirSync(migrationsDir).map((name) => statSync(path.join(migrationsDir, name)).mtimeMs));
const templateVersionFile = path.join(PGLITE_TEMPLATE_DIR, 'PG_VERSION');
if (!existsSync(templateVersionFile) || statSync(templateVersionFile).mtimeMs < newestMigration || templateHasUnusedDatabases(PGLITE_TEMPLATE_DIR)) {
  const partial = `${PGLITE_TEMPLATE_DIR}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.dirname(PGLITE_TEMPLATE_DIR), { recursive: true });
  await writePgliteTemplate(partial);
  // Swapped in by renames: a start copies either the old template or the new one, never half of one.
  const old = `${PGLITE_TEMPLATE_DIR}.${process.pid}.old`;
  if (existsSync(PGLITE_TEMPLATE_DIR)) renameSync(PGLITE_TEMPLATE_DIR, old);
  renameSync(partial, PGLITE_TEMPLATE_DIR);
  rmSync(old, { recursive: true, force: true });
}
// The archive earlier builds wrote (a directory copies faster than PGlite unpacks an archive).
for (const name of readdirSync(path.dirname(PGLITE_TEMPLATE_DIR))) {
  if (name.endsWith('-template.tar.gz')) rmSync(path.join(path.dirname(PGLITE_TEMPLATE_DIR), name), { force: true });
}

// Then the demo template (see DEMO_TEMPLATE_DIR): the demo shop loaded once by the code just compiled, so a fresh
// `npm start` copies it instead of loading it. Written again whenever the compiled server or a migration changed
// (its key is a hash of them); CANDOR_DEMO_TEMPLATE=off leaves it out (a start then loads the demo itself).
if (process.env.CANDOR_DEMO_TEMPLATE !== 'off') {
  const { DEMO_TEMPLATE_DIR, demoTemplateKey, serverCodeKey } = await import(path.join(DIST, 'server/storage/pglite-template.js'));
  const key = serverCodeKey();
  if (demoTemplateKey(DEMO_TEMPLATE_DIR) !== key) {
    const { writeDemoTemplate } = await import(path.join(DIST, 'server/demo/demo-template.js'));
    const partial = `${DEMO_TEMPLATE_DIR}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    await writeDemoTemplate(partial, { key });
    const old = `${DEMO_TEMPLATE_DIR}.${process.pid}.old`;
    if (existsSync(DEMO_TEMPLATE_DIR)) renameSync(DEMO_TEMPLATE_DIR, old);
    renameSync(partial, DEMO_TEMPLATE_DIR);
    rmSync(old, { recursive: true, force: true });
  }
}
