// npm run build: the server (server/**/*.ts) bundled by esbuild into a few ES modules in dist/server — main.js, the
// entries below and the chunks they share — so production starts plain JavaScript without the TypeScript loader and
// a restart loads about 45 files instead of about 680 modules. Plain JavaScript itself, so it runs before anything is
// compiled. dist/ mirrors the repository: views, public, node_modules and the widget source are links back to the
// originals and the migrations a copy, so the server finds them from dist/ (server/root.ts) as it finds them from the
// repository under the TypeScript loader.
// Then, if missing, the directory new PGlite data directories start from (see PGLITE_TEMPLATE_DIR).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

/**
 * Packages loaded from node_modules at run time rather than bundled: PGlite finds its .wasm and .data files next to
 * its own module; argon2 and sharp are native; pg, nodemailer and esbuild are loaded only when needed (PostgreSQL,
 * mail, a missing widget build) and tsx only by the TypeScript loader's threads.
 */
const EXTERNAL = ['@electric-sql/pglite', '@node-rs/argon2', 'sharp', 'pg', 'nodemailer', 'esbuild', 'tsx'];

rmSync(path.join(DIST, 'server'), { recursive: true, force: true });
await build({
  entryPoints: [
    // server/start.ts switches source maps on, then loads server/main.ts.
    { in: path.join(ROOT, 'server/start.ts'), out: 'main' },
    // What this script runs after compiling (below), and the model-training thread (see trainInThread).
    { in: path.join(ROOT, 'server/build-tasks.ts'), out: 'build-tasks' },
    { in: path.join(ROOT, 'server/moderation/train-thread.ts'), out: 'train-thread' },
  ],
  // Every file in one directory, one level below dist/: server/root.ts computes the root from it.
  outdir: path.join(DIST, 'server'),
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  external: EXTERNAL,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS packages inside an ES module still call require() (for Node's own modules among others).
  banner: { js: "import { createRequire as __candorCreateRequire } from 'node:module';\nconst require = __candorCreateRequire(import.meta.url);" },
  // Stack traces name the TypeScript file and line (see server/start.ts); the sources themselves stay out of the maps.
  sourcemap: true,
  sourcesContent: false,
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

const tasks = await import(path.join(DIST, 'server/build-tasks.js'));
// The views compiled by the bundle's own Handlebars, so no page compiles its templates at its first request.
tasks.precompileViews(path.join(ROOT, 'views'));
const { PGLITE_TEMPLATE_DIR, templateHasUnusedDatabases, writePgliteTemplate } = tasks;
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
  const { DEMO_TEMPLATE_DIR, demoTemplateKey, serverCodeKey, writeDemoTemplate } = tasks;
  const key = serverCodeKey();
  if (demoTemplateKey(DEMO_TEMPLATE_DIR) !== key) {
    const partial = `${DEMO_TEMPLATE_DIR}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    await writeDemoTemplate(partial, { key });
    const old = `${DEMO_TEMPLATE_DIR}.${process.pid}.old`;
    if (existsSync(DEMO_TEMPLATE_DIR)) renameSync(DEMO_TEMPLATE_DIR, old);
    renameSync(partial, DEMO_TEMPLATE_DIR);
    rmSync(old, { recursive: true, force: true });
  }
}
