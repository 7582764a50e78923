import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openPglite, startFromTemplate } from '../../server/storage/database.js';
import { migrate } from '../../server/storage/migrate.js';
import { templateHasUnusedDatabases, writePgliteTemplate } from '../../server/storage/pglite-template.js';

// A new PGlite data directory starts as a copy of a migrated, empty template directory (written by the build).
describe('new PGlite data directories start from the template', function () {
  this.timeout(180_000);
  let root: string;
  let template: string;
  let migrationCount: number;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'candor-template-'));
    template = path.join(root, 'template');
    await writePgliteTemplate(template);
    const db = await openPglite(template, { fromTemplate: false });
    migrationCount = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]!.n;
    await db.close();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  async function appliedMigrations(dir: string): Promise<{ applied: string[]; stored: number }> {
    const db = await openPglite(dir, { fromTemplate: false });
    try {
      const applied = await migrate(db);
      const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]!.n;
      return { applied, stored };
    } finally {
      await db.close();
    }
  }

  it('when a directory has no database yet, then it gets a copy that opens as the migrated database (nothing left to apply)', async () => {
    const dir = path.join(root, 'fresh');
    expect(startFromTemplate(dir, template)).to.equal(true);
    const { applied, stored } = await appliedMigrations(dir);
    expect(applied).to.deep.equal([]);
    expect(stored).to.equal(migrationCount).and.to.be.greaterThan(10);
  });

  it('when the template is written, then it holds only the database Candor uses (the template databases of initdb dropped), and a copy of it takes writes', async () => {
    expect(templateHasUnusedDatabases(template)).to.equal(false);
    const dir = path.join(root, 'slim');
    expect(startFromTemplate(dir, template)).to.equal(true);
    const db = await openPglite(dir, { fromTemplate: false });
    try {
      const names = (await db.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY datname')).rows.map((r) => r.datname);
      expect(names).to.deep.equal(['postgres']);
      await db.query(`INSERT INTO instance_settings (name, value) VALUES ('written', 'yes')`);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM instance_settings WHERE name = $1', ['written'])).rows[0]!.n).to.equal(1);
    } finally {
      await db.close();
    }
    // A directory from PGlite's own initdb still has them: the build writes such a template again.
    const plain = path.join(root, 'plain-initdb');
    await (await openPglite(plain, { fromTemplate: false })).close();
    expect(templateHasUnusedDatabases(plain)).to.equal(true);
  });

  it('when the directory already holds a database, then nothing is copied over it', async () => {
    const dir = path.join(root, 'existing');
    expect(startFromTemplate(dir, template)).to.equal(true);
    const db = await openPglite(dir, { fromTemplate: false });
    await db.query(`INSERT INTO instance_settings (name, value) VALUES ('kept', 'yes')`);
    await db.close();
    expect(startFromTemplate(dir, template)).to.equal(false);
    const again = await openPglite(dir, { fromTemplate: false });
    const kept = await again.query<{ value: string }>(`SELECT value FROM instance_settings WHERE name = 'kept'`);
    await again.close();
    expect(kept.rows).to.deep.equal([{ value: 'yes' }]);
  });

  it('when an earlier copy was cut short (no PG_VERSION yet), then the next start copies again over what it left', async () => {
    const dir = path.join(root, 'cut-short');
    expect(startFromTemplate(dir, template)).to.equal(true);
    // What a crash mid-copy leaves: some files, one of them damaged, and no PG_VERSION (it is copied last).
    unlinkSync(path.join(dir, 'PG_VERSION'));
    writeFileSync(path.join(dir, 'postgresql.conf'), 'damaged');
    // Files of the server's own (the data-directory lock) stay.
    writeFileSync(path.join(dir, 'candor.lock'), 'held');
    expect(startFromTemplate(dir, template)).to.equal(true);
    expect(existsSync(path.join(dir, 'candor.lock'))).to.equal(true);
    const { applied, stored } = await appliedMigrations(dir);
    expect(applied).to.deep.equal([]);
    expect(stored).to.equal(migrationCount);
  });

  it('when there is no template (never built), then nothing is copied and PGlite creates the database itself', async () => {
    const dir = path.join(root, 'no-template');
    const missing = path.join(root, 'missing-template');
    mkdirSync(missing);
    expect(startFromTemplate(dir, missing)).to.equal(false);
    expect(existsSync(dir) ? readdirSync(dir) : []).to.deep.equal([]);
  });
});
