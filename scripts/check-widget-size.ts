// CI gate: the embed loader must stay within its gzip budget (every shop page that embeds Candor pays for it).
// Usage: npm run check:widget-size  (builds first when public/widget.js is missing)
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { WIDGET_BUNDLE, WIDGET_GZIP_BUDGET, buildWidgetBundle } from '../server/widget-bundle.js';

const file = process.argv[2] ? path.resolve(process.argv[2]) : WIDGET_BUNDLE;
try {
  await access(file);
} catch {
  if (file !== WIDGET_BUNDLE) {
    console.error(`widget size: ${file} does not exist`);
    process.exit(2);
  }
  await buildWidgetBundle();
}
const code = await readFile(file);
// Level 9 is what a CDN or nginx typically serves at; the figure is stable across machines.
const gzipped = gzipSync(code, { level: 9 }).length;
const verdict = gzipped <= WIDGET_GZIP_BUDGET ? 'within' : 'OVER';
console.log(
  `widget size: ${path.relative(process.cwd(), file)} ${code.length} bytes, ${gzipped} bytes gzip (budget ${WIDGET_GZIP_BUDGET}) — ${verdict} budget`,
);
if (gzipped > WIDGET_GZIP_BUDGET) process.exit(1);
