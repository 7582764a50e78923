import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

// Every weight, threshold and window that changes a verdict lives in the versioned Policy (policy.ts), so that
// policyVersion and /how-we-check describe what decided. Signal files may only use numbers that are not tunable:
// 0, 1, 2 (and their negatives), 100 and 1000, and time units (60 seconds or minutes, 24 hours, 7 days, and the
// millisecond constants built from them).
const SIGNALS_DIR = path.resolve(import.meta.dirname, '../../../server/integrity/signals');
const ALLOWED = new Set(['0', '1', '2', '100', '1000', '60', '24', '7', '60000', '3600000', '86400000']);

/** Code without comments and without the text of string literals (template expressions are kept: they are code). */
function codeOf(source: string): string {
  let out = '';
  let i = 0;
  const templateDepth: number[] = [];
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      i = source.indexOf('*/', i + 2) + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
      i++;
      out += '""';
    } else if (c === '`' || (c === '}' && templateDepth.at(-1) === 0)) {
      if (c === '}') templateDepth.pop();
      i++;
      while (i < source.length && source[i] !== '`' && !(source[i] === '$' && source[i + 1] === '{')) i += source[i] === '\\' ? 2 : 1;
      if (source[i] === '$') {
        templateDepth.push(0);
        i += 2;
      } else i++;
      out += ' ';
    } else if (c === '/' && /[=(,:!&|?;]\s*$/.test(out)) {
      // A regular expression literal: its quantifiers are not numbers of the policy.
      i++;
      while (i < source.length && source[i] !== '/') i += source[i] === '\\' ? 2 : 1;
      i++;
      out += '/re/';
    } else {
      if (templateDepth.length) {
        if (c === '{') templateDepth[templateDepth.length - 1]!++;
        else if (c === '}') templateDepth[templateDepth.length - 1]!--;
      }
      out += c;
      i++;
    }
  }
  return out;
}

function numericLiterals(source: string): string[] {
  const found: string[] = [];
  for (const m of codeOf(source).matchAll(/(?<![\w.$])(\d[\d_]*(?:\.\d+)?(?:e[-+]?\d+)?|\.\d+)(?![\w])/gi)) {
    const value = m[1]!.replace(/_/g, '');
    if (!ALLOWED.has(value)) found.push(m[1]!);
  }
  return found;
}

describe('one policy', () => {
  it('when the guard reads code, then it finds numbers in code and ignores comments, strings and regular expressions', () => {
    expect(numericLiterals('const a = 0.35; // 0.5 in a comment\nconst s = "7.5"; const r = /\\d{3}/;')).to.deep.equal(['0.35']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the guard is fed a template literal's source text on purpose.
    expect(numericLiterals('const t = `about ${round(x, 3)} and 12 words`;')).to.deep.equal(['3']);
    expect(numericLiterals('const ms = 86_400_000; const h = 24 * 60; const k = 1000;')).to.deep.equal([]);
  });
  for (const file of readdirSync(SIGNALS_DIR).filter((f) => f.endsWith('.ts'))) {
    it(`when ${file} is read, then it holds no weight, threshold or window of its own (they live in Policy)`, () => {
      const literals = numericLiterals(readFileSync(path.join(SIGNALS_DIR, file), 'utf8'));
      expect(literals, `numbers in ${file}: move them into Policy (server/integrity/policy.ts)`).to.deep.equal([]);
    });
  }
});
