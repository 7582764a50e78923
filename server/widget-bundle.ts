import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Node-side home of the embed loader's build: the CLI (scripts/build-widget.ts) and the /widget.js route both
// use it, the route only when the file is missing (a fresh clone started without `npm run build:widget`).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_SOURCE = path.join(ROOT, 'server/widget/loader.ts');
export const WIDGET_BUNDLE = path.join(ROOT, 'public/widget.js');
/** The loader's gzip budget in bytes, enforced in CI by scripts/check-widget-size.ts. */
export const WIDGET_GZIP_BUDGET = 3072;

/** Bundles and minifies the loader into public/widget.js (plus a source map next to it). */
export async function buildWidgetBundle(outfile: string = WIDGET_BUNDLE): Promise<string> {
  // Imported lazily: a server started with a built bundle never loads esbuild.
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [WIDGET_SOURCE],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers a shop's customers still use; the loader needs nothing newer than these.
    target: ['chrome90', 'firefox90', 'safari14', 'edge90'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return outfile;
}
