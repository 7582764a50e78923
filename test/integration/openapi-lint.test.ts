import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';

const run = promisify(execFile);
const REDOCLY = path.resolve('node_modules/.bin/redocly');

describe('the OpenAPI document under an outside linter', function () {
  this.timeout(60_000);
  let ctx: TestContext;
  let dir: string;
  before(async () => {
    ctx = await createTestContext();
    dir = await mkdtemp(path.join(tmpdir(), 'candor-openapi-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
    await ctx.close();
  });

  it('when /api/openapi.json is linted with redocly (recommended rules), then it reports no error and no warning', async () => {
    const doc = await request(ctx.app).get('/api/openapi.json').expect(200);
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc.body));
    // --format=json: the totals are read from the report, not guessed from a banner; exit code 1 means errors.
    const result = await run(REDOCLY, ['lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    }).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).to.deep.equal([]);
    expect(report.totals).to.include({ errors: 0, warnings: 0 });
  });

  it('when the document names its licence, then it is the licence the project is published under (package.json, LICENSE)', async () => {
    const doc = (await request(ctx.app).get('/api/openapi.json')).body as { info: { license: { identifier: string } } };
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { license: string };
    const licenceText = await readFile('LICENSE', 'utf8');
    expect(doc.info.license.identifier).to.equal(pkg.license);
    expect(licenceText.split('\n')[0]).to.equal(`${pkg.license} License`);
  });

  it('when an operation is public, then it says so with an empty security list; the order endpoint asks for the API key', async () => {
    const doc = (await request(ctx.app).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[]; operationId?: string }>>;
    };
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.every((op) => typeof op.operationId === 'string')).to.equal(true);
    const byId = Object.fromEntries(ops.map((op) => [op.operationId, op.security]));
    expect(byId).to.deep.include({ listReviews: [], getSummary: [], getSnippet: [], recordOrder: [{ apiKey: [] }] });
  });
});
