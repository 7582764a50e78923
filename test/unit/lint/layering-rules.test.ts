import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

// The layering rules live in biome.json, where nobody re-reads them. These tests lint small probe files with
// the project's own configuration, so weakening a rule (or a Biome upgrade that changes how patterns match)
// fails here instead of letting a forbidden import in quietly.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIOME = path.join(ROOT, 'node_modules/.bin/biome');
const run = promisify(execFile);

interface Finding {
  file: string;
  rule: string;
}

async function lintProbes(files: Record<string, string>): Promise<Finding[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'candor-lint-'));
  try {
    const config = JSON.parse(await readFile(path.join(ROOT, 'biome.json'), 'utf8'));
    // The probe folder is no git repository; everything else is the project's configuration as it is.
    config.vcs = { enabled: false };
    await writeFile(path.join(dir, 'biome.json'), JSON.stringify(config));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    const output = await run(BIOME, ['lint', '--reporter=github', '--max-diagnostics=200', '.'], { cwd: dir }).then(
      (r) => r.stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    return [...output.matchAll(/^::error title=([^,]+),file=([^,]+),/gm)].map((m) => ({ rule: m[1]!, file: path.relative(dir, m[2]!) }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const restricted = (findings: Finding[]) =>
  findings
    .filter((f) => f.rule === 'lint/style/noRestrictedImports')
    .map((f) => f.file)
    .sort();

describe('layering rules in biome.json', function () {
  this.timeout(60_000);

  it('when integrity code imports storage, node:, express, pg or any other package, then lint refuses it; its own files, stemmer and ipaddr.js pass', async () => {
    const findings = await lintProbes({
      'server/integrity/own.ts':
        "import { a } from './types.js';\nimport { stemmer } from 'stemmer';\nimport ipaddr from 'ipaddr.js';\nexport const x = [a, stemmer, ipaddr];\n",
      'server/integrity/storage.ts': "import { a } from '../storage/ids.js';\nexport const x = a;\n",
      'server/integrity/node.ts': "import { createHash } from 'node:crypto';\nexport const x = createHash;\n",
      'server/integrity/express.ts': "import express from 'express';\nexport const x = express;\n",
      'server/integrity/signals/own.ts': "import { a } from '../types.js';\nimport { b } from './signal-result.js';\nexport const x = [a, b];\n",
      'server/integrity/signals/pg.ts': "import pg from 'pg';\nexport const x = pg;\n",
      'server/integrity/signals/outside.ts': "import { a } from '../../reviews/integrity-gate.js';\nexport const x = a;\n",
      'server/integrity/signals/stemmer.ts': "import { stemmer } from 'stemmer';\nexport const x = stemmer;\n",
    });
    expect(restricted(findings)).to.deep.equal([
      'server/integrity/express.ts',
      'server/integrity/node.ts',
      'server/integrity/signals/outside.ts',
      'server/integrity/signals/pg.ts',
      'server/integrity/signals/stemmer.ts',
      'server/integrity/storage.ts',
    ]);
  });

  it('when http code imports storage (values or types), then lint refuses it; use cases and wiring may', async () => {
    const findings = await lintProbes({
      'server/http/routes/value.ts': "import { pingDatabase } from '../../storage/database.js';\nexport const x = pingDatabase;\n",
      'server/http/view-models/type.ts': "import type { QueueRow } from '../../storage/moderation-repo.js';\nexport type X = QueueRow;\n",
      'server/http/routes/use-case.ts': "import { checkHealth } from '../../operations/health-check.js';\nexport const x = checkHealth;\n",
      'server/wiring.ts': "import { PostgresRateLimitStore } from './storage/rate-limit-store.js';\nexport const x = PostgresRateLimitStore;\n",
      'server/moderation/queue.ts': "import type { QueueRow } from '../storage/moderation-repo.js';\nexport type X = QueueRow;\n",
    });
    expect(restricted(findings)).to.deep.equal(['server/http/routes/value.ts', 'server/http/view-models/type.ts']);
  });
});
