import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create, ExpressHandlebars } from 'express-handlebars';
import { ROOT } from '../root.js';

// The views compiled to JavaScript by `npm run build`, so the first request for a page does not compile its
// templates (Handlebars compiles a template the first time it renders it: about a tenth of a second of CPU for the
// first page with its layout and partials). One file per template, named by a hash of the template's text, not by
// its path: a view edited after the build misses and is compiled as before, and only the templates a page uses are
// read. Under the TypeScript loader there is no such directory (ROOT is the repository): every template is compiled
// at its first use, as always.

/** Where the build writes the compiled views: dist/server/compiled-views, beside the bundle. */
export const COMPILED_VIEWS_DIR = path.join(ROOT, 'server/compiled-views');
/** Handlebars' version at the build: its runtime refuses code from another compiler revision. */
const VERSION_FILE = 'handlebars-version';
/** Not .js: the demo template's key (serverCodeKey) covers the server's code, not its views. */
const SPEC_EXTENSION = '.hbs-spec';

type ConfigOptions = NonNullable<Parameters<typeof create>[0]>;

/** The parts of Handlebars used here (express-handlebars types its Handlebars loosely). */
interface HandlebarsRuntime {
  VERSION: string;
  precompile(input: string): unknown;
  template(specification: unknown): HandlebarsTemplateDelegate;
}

const runtimeOf = (engine: ExpressHandlebars) => engine.handlebars as unknown as HandlebarsRuntime;

/** The name of a template's compiled form: a hash of its text as express-handlebars compiles it (trimmed). */
function specName(text: string): string {
  return createHash('sha256').update(text.trim()).digest('base64url') + SPEC_EXTENSION;
}

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return viewFiles(full);
      return entry.name.endsWith('.hbs') ? [full] : [];
    });
}

/** Writes the compiled form of every .hbs file under `viewsDir` into `outDir` (emptied first). Returns how many. */
export function precompileViews(viewsDir: string, outDir: string = COMPILED_VIEWS_DIR): number {
  const handlebars = runtimeOf(create());
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = viewFiles(viewsDir);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(path.join(outDir, specName(text)), String(handlebars.precompile(text.trim())));
  }
  writeFileSync(path.join(outDir, VERSION_FILE), handlebars.VERSION);
  return files.length;
}

/** An express-handlebars engine that takes a template's compiled form from `dir` when the build wrote one. */
export class PrecompiledHandlebars extends ExpressHandlebars {
  private readonly specDir: string | null;

  constructor(config: ConfigOptions, dir: string = COMPILED_VIEWS_DIR) {
    super(config);
    let version: string | null = null;
    try {
      version = readFileSync(path.join(dir, VERSION_FILE), 'utf8');
    } catch {
      // No compiled views (the TypeScript loader, or a build that wrote none).
    }
    // Written by another Handlebars, the code would be refused at render: then it is not used at all.
    this.specDir = version === runtimeOf(this).VERSION ? dir : null;
  }

  /** The compiled form of a template's text, when the build wrote one. */
  compiledSource(text: string): string | null {
    if (this.specDir === null || this.compilerOptions) return null;
    try {
      return readFileSync(path.join(this.specDir, specName(text)), 'utf8');
    } catch {
      return null;
    }
  }

  protected override _compileTemplate(template: string, options?: RuntimeOptions): HandlebarsTemplateDelegate {
    const source = this.compiledSource(template);
    if (source === null) return super._compileTemplate(template, options);
    // What the build's Handlebars.precompile wrote for this exact text: an object literal with functions in it.
    return runtimeOf(this).template(new Function(`return ${source};`)());
  }
}
