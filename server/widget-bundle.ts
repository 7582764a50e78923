import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from './root.js';

// Node-side home of the embed loader's build: the CLI (scripts/build-widget.ts) and the /widget.js route both
// use it, the route only when the file is missing (a fresh clone started without `npm run build:widget`).

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

export interface WidgetBundle {
  body: Buffer;
  etag: string;
}

/**
 * Reads the built loader for the /widget.js route: kept in memory until the file changes (a rebuild), built once
 * when missing (concurrent first requests share that one build). One reader per app, made by its router.
 */
export function widgetBundleReader(file: string = WIDGET_BUNDLE): () => Promise<WidgetBundle> {
  let cached: { mtimeMs: number; bundle: WidgetBundle } | null = null;
  let building: Promise<unknown> | null = null;
  return async () => {
    let stats = await stat(file).catch(() => null);
    if (!stats) {
      building ??= buildWidgetBundle(file).finally(() => {
        building = null;
      });
      await building;
      stats = await stat(file);
    }
    if (!cached || cached.mtimeMs !== stats.mtimeMs) {
      const body = await readFile(file);
      cached = { mtimeMs: stats.mtimeMs, bundle: { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` } };
    }
    return cached.bundle;
  };
}
