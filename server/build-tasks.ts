// What `npm run build` (scripts/build.mjs) runs after compiling, taken from the compiled server itself: the empty
// PGlite template and the demo template are written by the code that will run, and the demo template's key is a
// hash of that code (serverCodeKey). An entry of the bundle, beside main.js.
import type { writeDemoTemplate as WriteDemoTemplate } from './demo/demo-template.js';

export { precompileViews } from './http/precompiled-views.js';
export { PGLITE_TEMPLATE_DIR } from './storage/database.js';
export { DEMO_TEMPLATE_DIR, demoTemplateKey, serverCodeKey, templateHasUnusedDatabases, writePgliteTemplate } from './storage/pglite-template.js';

/** Loaded only when the demo template is written again (the code changed): it pulls in the whole server. */
export async function writeDemoTemplate(...args: Parameters<typeof WriteDemoTemplate>): ReturnType<typeof WriteDemoTemplate> {
  const { writeDemoTemplate: write } = await import('./demo/demo-template.js');
  return write(...args);
}
