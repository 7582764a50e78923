/**
 * Splits a migration file into its statements, one at a time for drivers whose extended protocol takes one
 * statement per call (PGlite's query, pg with parameters). A `;` ends a statement only outside quotes: not inside
 * '…' strings (with '' escapes), "…" identifiers, $tag$…$tag$ bodies (functions, DO blocks) or comments. Comments are
 * kept inside their statement (PostgreSQL ignores them); a piece that is only comments and space is dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const piece = sql.slice(start, end);
    if (piece.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim()) out.push(piece.trim());
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A doubled quote inside is an escaped quote: the loop simply re-enters the quoted run.
      const close = sql.indexOf(c, i + 1);
      i = close < 0 ? sql.length : close + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close < 0 ? sql.length : close + tag.length;
      } else i++;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(sql.length);
  return out;
}
