// Builds the embed loader: server/widget/loader.ts → public/widget.js (bundled, minified, with a source map).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { buildWidgetBundle } from '../server/widget-bundle.js';

const outfile = await buildWidgetBundle();
const code = await readFile(outfile);
console.log(`built ${path.relative(process.cwd(), outfile)}: ${code.length} bytes, ${gzipSync(code, { level: 9 }).length} bytes gzip`);
