import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { splitSqlStatements } from '../../../server/storage/sql-statements.js';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/storage/migrations');

describe('splitting migration SQL into statements', () => {
  it('when statements are separated by semicolons, then each is one piece and comment-only pieces are dropped', () => {
    expect(splitSqlStatements('CREATE TABLE a (x int);\n-- a note\nCREATE INDEX ON a (x);\n-- trailing note\n')).to.deep.equal([
      'CREATE TABLE a (x int)',
      '-- a note\nCREATE INDEX ON a (x)',
    ]);
  });

  it('when a semicolon is inside a string, an identifier, a comment or a dollar-quoted body, then it does not split', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      'CREATE TABLE "odd;name" (x int)',
      'CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql',
      'DO $$ BEGIN PERFORM 1; END $$',
      'SELECT 1 /* a; b */',
    ].join(';\n');
    expect(splitSqlStatements(`${sql};`)).to.have.length(5);
    expect(splitSqlStatements(sql)[2]).to.include('RETURN 1; END;');
  });

  it('when the project migrations are split, then no piece is empty and none ends inside a quote', () => {
    for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql'))) {
      const pieces = splitSqlStatements(readFileSync(path.join(MIGRATIONS, file), 'utf8'));
      expect(pieces.length, file).to.be.greaterThan(0);
      for (const piece of pieces) expect((piece.replace(/--[^\n]*/g, '').match(/'/g) ?? []).length % 2, `${file}: ${piece.slice(0, 60)}`).to.equal(0);
    }
  });
});
