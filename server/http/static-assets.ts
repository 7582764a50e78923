import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASH_LENGTH = 12;

/**
 * Stylesheets, scripts and icons under a name that carries their content hash (`/assets/<hash>/styles.css`),
 * so browsers may keep them for a year without asking again: a changed file gets a new name. Pages link to them
 * through the `asset` template helper. The plain names (`/styles.css`) keep working with a short cache life.
 */
export function createStaticAssets(publicDir: string): { asset: (name: string) => string; router: Router } {
  const hashes = new Map<string, string>();
  for (const name of readdirSync(publicDir)) {
    const file = path.join(publicDir, name);
    // The embed loader (widget.js) is loaded by shops under its plain name and served by its own route.
    if (!statSync(file).isFile() || name.startsWith('widget.js')) continue;
    hashes.set(name, createHash('sha256').update(readFileSync(file)).digest('base64url').slice(0, HASH_LENGTH).replace(/[-_]/g, '0'));
  }

  const asset = (name: string): string => {
    const hash = hashes.get(name);
    // A file added after start (development) is still linked, just without the long cache life.
    return hash ? `/assets/${hash}/${name}` : `/${name}`;
  };

  const router = Router();
  const serve = express.static(publicDir, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE), cacheControl: false });
  router.get('/assets/:hash/:name', (req, res, next) => {
    const { hash, name } = req.params;
    // Only the current hash is immutable; an old or made-up one is not found rather than served wrongly for a year.
    if (hashes.get(name) !== hash) return next();
    req.url = `/${name}`;
    serve(req, res, next);
  });
  return { asset, router };
}
