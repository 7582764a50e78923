import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { widgetBundleReader } from '../../server/widget-bundle.js';

describe('widget bundle reader', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'candor-widget-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('when the bundle is missing, then concurrent first reads share one build and agree on the body and ETag', async () => {
    const read = widgetBundleReader(path.join(dir, 'widget.js'));
    const [a, b] = await Promise.all([read(), read()]);
    expect(a.body.length).to.be.greaterThan(100);
    expect(a.etag).to.match(/^"[\w-]{22}"$/);
    expect(b.etag).to.equal(a.etag);
  });

  it('when the file is rewritten (a rebuild), then the next read serves the new body with a new ETag', async () => {
    const file = path.join(dir, 'other.js');
    await writeFile(file, 'console.log(1);\n');
    const read = widgetBundleReader(file);
    const first = await read();
    // A later modification time, as a rebuild would leave.
    await writeFile(file, 'console.log(2);\n');
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    const second = await read();
    expect(second.body.toString()).to.equal('console.log(2);\n');
    expect(second.etag).not.to.equal(first.etag);
  });
});
