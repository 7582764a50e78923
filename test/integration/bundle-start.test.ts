import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import { serverCodeKey } from '../../server/storage/pglite-template.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST_SERVER = path.join(ROOT, 'dist/server');

describe('the built server (npm run build, then npm start) runs from the bundle', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'candor-bundle-'));
    // What prestart runs, without writing the demo template again (the start below uses no demo data).
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      env: { ...process.env, CANDOR_DEMO_TEMPLATE: 'off' },
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).to.equal(0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('when built, then the server is a few files in one directory, not one file per module', () => {
    const entries = readdirSync(DIST_SERVER, { withFileTypes: true });
    const scripts = entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => e.name);
    expect(scripts).to.include.members(['main.js', 'build-tasks.js', 'train-thread.js']);
    expect(scripts.length).to.be.below(80);
    // Besides the chunks: the migrations (a copy), the compiled views and the link to the widget's source.
    expect(entries.filter((e) => e.isDirectory()).map((e) => e.name)).to.have.members(['compiled-views', 'storage']);
  });

  it("when a chunk of the bundle changes, then the demo template's key changes; a source map or a compiled view does not change it", () => {
    const copy = path.join(dir, 'server-copy');
    cpSync(DIST_SERVER, copy, { recursive: true });
    const key = serverCodeKey(copy);
    expect(key).to.equal(serverCodeKey(DIST_SERVER));
    const maps = readdirSync(copy).filter((name) => name.endsWith('.js.map'));
    appendFileSync(path.join(copy, maps[0]!), ' ');
    const views = path.join(copy, 'compiled-views');
    appendFileSync(path.join(views, readdirSync(views)[0]!), ' ');
    expect(serverCodeKey(copy)).to.equal(key);
    const chunks = readdirSync(copy).filter((name) => name.startsWith('chunk-') && name.endsWith('.js'));
    const largest = chunks.sort((a, b) => statSync(path.join(copy, b)).size - statSync(path.join(copy, a)).size)[0]!;
    appendFileSync(path.join(copy, largest), '\n');
    expect(serverCodeKey(copy)).not.to.equal(key);
  });

  it('when started from another directory, then it serves pages with partials, static files and the widget script', async () => {
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [path.join(DIST_SERVER, 'main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        HOST: '127.0.0.1',
        CANDOR_DATA_DIR: path.join(dir, 'data'),
        CANDOR_DEMO_DATA: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', () => output.includes('Candor is running at') && resolve());
        child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
      });
      const get = async (url: string) => {
        const res = await fetch(base + url);
        return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
      };
      expect((await get('/healthz')).status).to.equal(200);
      const home = await get('/');
      expect(home.status).to.equal(200);
      expect(home.body).to.include('</html>');
      // The layout links its style sheet by content hash (read from public/ at start).
      const sheet = /href="(\/assets\/[\w-]+\/styles\.css)"/.exec(home.body)?.[1];
      expect(sheet, home.body).to.be.a('string');
      const css = await get(sheet!);
      expect(css.status).to.equal(200);
      expect(css.type).to.include('text/css');
      // A page drawing a partial (signal-privacy) inside the layout.
      const page = await get('/how-we-check');
      expect(page.status).to.equal(200);
      expect(page.body).to.include('<main').and.to.include('</html>');
      expect(page.body).to.include('What we keep about where a post came from');
      const widget = await get('/widget.js');
      expect(widget.status).to.equal(200);
      expect(widget.type).to.include('javascript');
      expect(widget.body).to.include('candorMerchant');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('when the training thread of the bundle is given examples, then it sends back a trained model', async () => {
    const words = (marker: string, i: number) => `the tent was ${marker} and the poles ${i % 3 ? 'held' : 'bent'} in the wind.`;
    const examples = Array.from({ length: 40 }, (_, i) => ({ text: words(i % 2 ? 'amazing unforgettable' : 'damp near the door', i), fake: i % 2 === 1 }));
    const worker = new Worker(path.join(DIST_SERVER, 'train-thread.js'), { workerData: { examples, options: { hashBits: 12, epochs: 2, seed: 1 } } });
    const json = await new Promise<string>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(JSON.parse(json)).to.include({ format: 'candor-text-model' });
  });
});
