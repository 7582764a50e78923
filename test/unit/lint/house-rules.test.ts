import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

// Rules that Biome has no rule for, checked over the source text. Each one names a crack that was mended once
// (issue 14) so that it cannot come back quietly.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs|cjs|js)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const ALL = [...sourceFiles('server'), ...sourceFiles('scripts'), ...sourceFiles('test'), ...sourceFiles('public')].filter(
  (f) => f !== 'test/unit/lint/house-rules.test.ts',
);
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const filesMatching = (re: RegExp, files = ALL) => files.filter((f) => re.test(read(f)));

describe('house rules over the source text', () => {
  it('when a status code is passed, then it is typed as itself, never cast to another (no "415 as 400")', () => {
    expect(filesMatching(/\b[1-5]\d\d as [1-5]\d\d\b/)).to.deep.equal([]);
  });

  it('when the code is read, then DOTENV_CONFIG_QUIET is gone with the package that read it', () => {
    expect(filesMatching(/DOTENV_CONFIG_QUIET/, [...ALL, '.ci/run'])).to.deep.equal([]);
  });

  it('when a seeded random stream is needed, then the one mulberry32 in server/integrity/seeded-random.ts is imported', () => {
    expect(filesMatching(/t \| 61|61 \| t/)).to.deep.equal(['server/integrity/seeded-random.ts']);
  });

  it('when server code or a script hashes a string, then it uses the one FNV-1a + fmix32 in text-tools.ts', () => {
    // A second FNV loop or finaliser drifts from the first. The blind generators in test/fixtures stay apart on
    // purpose: they must not share code with the checks they are meant to test.
    const code = [...sourceFiles('server'), ...sourceFiles('scripts')];
    expect(filesMatching(/0x811c9dc5|0x01000193|16777619|0x85ebca6b/i, code)).to.deep.equal(['server/integrity/text-tools.ts']);
  });

  it('when text is split into words, then the one tokenizer in text-tools.ts does it (no second word regex)', () => {
    // The shape of the one word pattern; a copy elsewhere in server/ is a second tokenizer.
    // Review text is read in these folders; accounts/display-name.ts folds look-alike letters for a different job.
    const code = ['server/integrity', 'server/moderation', 'server/reviews', 'server/merchants']
      .flatMap(sourceFiles)
      .filter((f) => f !== 'server/integrity/text-tools.ts');
    expect(filesMatching(/function (tokenize|tokens|words|wordTokens)\(text: string\)[^{]*\{\s*return [^;]*\.(match|split)\(/, code)).to.deep.equal([]);
  });

  it('when a cookie is read, then express/cookie parsing does it, never a hand-written split of the Cookie header', () => {
    const server = sourceFiles('server');
    expect(server.filter((f) => /cookie/i.test(read(f)) && /\.split\(['"];['"]\)/.test(read(f)))).to.deep.equal([]);
  });

  it('when the policy explains itself, then its plain words are wrapped (no line over 160 characters in policy.ts)', () => {
    // describeChecks is read by people who review the policy; one 860-character line hid a change in a diff.
    const long = read('server/integrity/policy.ts')
      .split('\n')
      .map((line, i) => ({ line: i + 1, length: line.length }))
      .filter((l) => l.length > 160);
    expect(long).to.deep.equal([]);
  });

  it('when a chart is drawn, then svg-charts.ts opens its SVG (one way to draw charts); mail/ holds no webhook delivery', () => {
    // Charts are server-built SVG strings sharing svgOpen/niceStep; demo-photos.ts draws the demo's pictures, not charts.
    const drawsSvg = filesMatching(/<svg/, sourceFiles('server')).filter((f) => f !== 'server/demo/demo-photos.ts');
    expect(drawsSvg).to.deep.equal(['server/http/view-models/svg-charts.ts']);
    expect(filesMatching(/<(?:rect|polyline|circle)\b/, sourceFiles('server/http')).every((f) => /svgOpen/.test(read(f)))).to.equal(true);
    // Webhooks are delivered by server/webhooks/ through the outbox worker in server/outbox/.
    expect(filesMatching(/webhook-poster|postWebhook/, sourceFiles('server/mail'))).to.deep.equal([]);
  });

  it('when an address is compared, then ipaddr.js parses it, never a hand-written IPv4/IPv6 split', () => {
    // The shapes of the parsers that were replaced: dotted quads matched by hand, '::' halves expanded by hand.
    expect(filesMatching(/\\d\{1,3\}\)\\\.\(\\d\{1,3\}|\.split\('::'\)/, sourceFiles('server'))).to.deep.equal([]);
  });

  it('when a server file is named, then its name says what it holds (no utils, helpers or view-helpers grab-bags)', () => {
    expect(ALL.filter((f) => /(^|\/)(utils?|helpers?|view-helpers|misc|common)\.(ts|js)$/.test(f))).to.deep.equal([]);
  });
});

describe('state changes go through the one transition table', () => {
  it('when a use case writes a review or comment state, then the same file checks the move against states.ts', () => {
    const writers = filesMatching(/\b(setReviewState|setCommentState|moveItemState|updateReviewContent)\(/, sourceFiles('server')).filter(
      (f) => !f.startsWith('server/storage/'),
    );
    expect(writers).to.include.members(['server/reviews/integrity-gate.ts', 'server/reviews/submit-review.ts', 'server/moderation/decisions.ts']);
    expect(writers.filter((f) => !/\b(assertTransition|canTransition)\(/.test(read(f)))).to.deep.equal([]);
  });
});

describe('tests write no pictures', () => {
  it('when a test drives Chromium, then it never saves a screenshot (README pictures come from npm run screenshots only)', () => {
    expect(filesMatching(/\.screenshot\(/, sourceFiles('test'))).to.deep.equal([]);
  });
});
