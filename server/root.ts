import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory that holds views/, public/, node_modules/, server/storage/migrations and server/widget: the
 * repository when the server runs through the TypeScript loader, dist/ when it runs compiled (`npm run build` links
 * those back to the repository). Every module finds its files from here, never from its own address: in the bundle
 * the build writes, a module's import.meta.url is the address of the chunk it was put in. This module sits one level
 * below the root (server/root.ts), and so does every file of the bundle (dist/server/*.js).
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
