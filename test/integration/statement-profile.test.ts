import { expect } from 'chai';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../../server/storage/database.js';
import { createStatementProfile, statementProfileEnabled } from '../../server/storage/statement-profile.js';
import { pgliteStatements } from '../../server/storage/pglite-statements.js';

// CANDOR_SQL_PROFILE=1 times each statement inside PGlite (the replay prints the dearest); unset, nothing is wrapped.
describe('statement profile on PGlite', function () {
  this.timeout(60_000);

  it('when CANDOR_SQL_PROFILE is not 1, then the database has no profile', async () => {
    expect(statementProfileEnabled({})).to.equal(false);
    expect(statementProfileEnabled({ CANDOR_SQL_PROFILE: '0' })).to.equal(false);
    expect(statementProfileEnabled({ CANDOR_SQL_PROFILE: '1' })).to.equal(true);
    const pglite = await PGlite.create('memory://');
    try {
      const db = wrapPglite(pglite);
      expect(process.env.CANDOR_SQL_PROFILE === '1' || db.profile === undefined).to.equal(true);
    } finally {
      await pglite.close();
    }
  });

  it('when statements run alone and together, then each text is counted once per run, keyed by its text with spaces collapsed', async () => {
    const pglite = await PGlite.create('memory://');
    try {
      const profile = createStatementProfile();
      const statements = pgliteStatements(pglite, profile);
      await statements.alone('SELECT   $1::int\n  + 1 AS n', [1]);
      await pglite.transaction(async () => {
        await statements.inTransaction('SELECT $1::int + 1 AS n', [2]);
        const [a, b] = await statements.manyInTransaction([
          { sql: 'SELECT $1::int + 1 AS n', params: [3] },
          { sql: 'SELECT $1::text AS t', params: ['x'] },
        ]);
        expect(a!.rows).to.deep.equal([{ n: 4 }]);
        expect(b!.rows).to.deep.equal([{ t: 'x' }]);
      });
      const report = profile.report();
      expect(report).to.match(/2 texts, 4 runs/);
      // Rows are sorted by CPU time, which two statements this cheap can tie or swap: the row may be the last line.
      expect(report).to.match(/\s3\s+\d+\s+\d+\s+SELECT \$1::int \+ 1 AS n$/m);
      expect(profile.samples().find((s) => s.sql.includes('::text'))!.params).to.deep.equal(['x']);
      profile.reset();
      expect(profile.report()).to.match(/0 texts, 0 runs/);
    } finally {
      await pglite.close();
    }
  });
});
