// The compiled server's entry (dist/server/main.js; see scripts/build.mjs). Source maps are switched on before the
// server is loaded, so a stack trace in its logs names the TypeScript file and line rather than a line of a bundle
// chunk (about 40 ms of CPU and 12 MB at start). Under the TypeScript loader, server/main.ts is started directly.
process.setSourceMapsEnabled(true);
await import('./main.js');
