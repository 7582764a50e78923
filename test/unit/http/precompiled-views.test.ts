import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { create } from 'express-handlebars';
import { PrecompiledHandlebars, precompileViews } from '../../../server/http/precompiled-views.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('views compiled by the build', () => {
  let dir: string;
  let views: string;
  let compiled: string;
  const helpers = { shout: (text: string) => String(text).toUpperCase() };
  const config = (root: string) => ({
    extname: '.hbs',
    defaultLayout: 'main',
    helpers,
    layoutsDir: path.join(root, 'layouts'),
    partialsDir: path.join(root, 'partials'),
  });
  const render = (engine: { renderView(view: string, options: object): Promise<string> }, view: string, context: object) =>
    engine.renderView(path.join(views, `${view}.hbs`), { ...context, settings: { views }, cache: true });

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'candor-views-'));
    views = path.join(dir, 'views');
    compiled = path.join(dir, 'compiled');
    for (const sub of ['layouts', 'partials', 'pages']) mkdirSync(path.join(views, sub), { recursive: true });
    writeFileSync(path.join(views, 'layouts/main.hbs'), '<main>{{{body}}}</main>\n');
    writeFileSync(path.join(views, 'partials/item.hbs'), '<li>{{shout name}}{{#if @last}}.{{/if}}</li>');
    writeFileSync(
      path.join(views, 'pages/list.hbs'),
      '<h1>{{title}}</h1><ul>{{#each items}}{{> item name=this}}{{/each}}</ul>{{#> missing}}fallback {{title}}{{/missing}}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('when a page with a layout, partials and helpers renders from the compiled views, then it equals the page compiled at its first render', async () => {
    expect(precompileViews(views, compiled)).to.equal(3);
    const context = { title: 'Tents & <tarps>', items: ['dome', 'tunnel'] };
    // A Handlebars that cannot compile: every template must come from the build.
    const handlebars = { ...create().handlebars, compile: () => expect.fail('compiled at render') };
    const precompiled = new PrecompiledHandlebars({ ...config(views), handlebars }, compiled);
    const page = readFileSync(path.join(views, 'pages/list.hbs'), 'utf8');
    expect(precompiled.compiledSource(page), 'the page comes from the build').to.be.a('string');
    const expected = await render(create(config(views)), 'pages/list', context);
    expect(expected).to.equal('<main><h1>Tents &amp; &lt;tarps&gt;</h1><ul><li>DOME</li><li>TUNNEL.</li></ul>fallback Tents &amp; &lt;tarps&gt;</main>');
    expect(await render(precompiled, 'pages/list', context)).to.equal(expected);
  });

  it('when a view is edited after the build, then that view is compiled from its new text and the others still come from the build', async () => {
    precompileViews(views, compiled);
    writeFileSync(path.join(views, 'partials/item.hbs'), '<li class="new">{{name}}</li>');
    try {
      const precompiled = new PrecompiledHandlebars(config(views), compiled);
      expect(precompiled.compiledSource('<li class="new">{{name}}</li>')).to.equal(null);
      expect(precompiled.compiledSource(readFileSync(path.join(views, 'layouts/main.hbs'), 'utf8'))).to.be.a('string');
      expect(await render(precompiled, 'pages/list', { title: 'T', items: ['a'] })).to.equal(
        '<main><h1>T</h1><ul><li class="new">a</li></ul>fallback T</main>',
      );
    } finally {
      writeFileSync(path.join(views, 'partials/item.hbs'), '<li>{{shout name}}{{#if @last}}.{{/if}}</li>');
    }
  });

  it('when the compiled views were written by another Handlebars version, then none of them is used', () => {
    precompileViews(views, compiled);
    writeFileSync(path.join(compiled, 'handlebars-version'), '1.0.0');
    const precompiled = new PrecompiledHandlebars(config(views), compiled);
    expect(precompiled.compiledSource(readFileSync(path.join(views, 'layouts/main.hbs'), 'utf8'))).to.equal(null);
  });

  it("when Candor's own views are compiled twice, then the files are the same (a deterministic build)", () => {
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    const count = precompileViews(path.join(ROOT, 'views'), first);
    precompileViews(path.join(ROOT, 'views'), second);
    const names = readdirSync(first).sort();
    expect(names).to.have.length(count + 1);
    expect(readdirSync(second).sort()).to.deep.equal(names);
    for (const name of names) expect(readFileSync(path.join(second, name), 'utf8'), name).to.equal(readFileSync(path.join(first, name), 'utf8'));
  });
});
