// One process per PGlite data directory. PGlite keeps the database in memory and writes it back to the directory,
// so two processes on one directory each work on their own copy and the last to stop overwrites the other's
// acknowledged writes. A lock file holding the owner's pid, created atomically (flag "wx"), makes the second
// process refuse to start; a lock left by a process that no longer exists (killed with SIGKILL, machine crash)
// is recognised as stale by checking that pid, so a restart is never blocked.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'candor.lock';

const MESSAGES = {
  taken: (dir: string, pid: number) =>
    `Another Candor process (pid ${pid}) is already using the data directory ${dir}; stop it first, or set DATABASE_URL to share one PostgreSQL between processes.`,
  otherHost: (dir: string, host: string) =>
    `The data directory ${dir} is locked by a Candor process on ${host}; if none runs there any more, delete ${path.join(dir, LOCK_FILE)}.`,
};

export class DataDirLockedError extends Error {}

interface LockOwner {
  pid: number;
  host: string;
  /** Start time of the process (Linux /proc), so a recycled pid is not mistaken for the owner. */
  started: string | null;
}

export interface DataDirLock {
  release(): void;
}

/** Takes the directory for this process or throws DataDirLockedError with one line saying who holds it. */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: processStart(process.pid) };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return {
        release() {
          // Only our own lock: never remove one a later owner took after ours was judged stale.
          if (readOwner(file)?.pid === me.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.host !== me.host) throw new DataDirLockedError(MESSAGES.otherHost(dir, owner.host));
    if (owner && isAlive(owner)) throw new DataDirLockedError(MESSAGES.taken(dir, owner.pid));
    // Stale (or unreadable, e.g. a half-written file from a crash): remove it and try once more.
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const owner = readOwner(file);
  throw new DataDirLockedError(MESSAGES.taken(dir, owner?.pid ?? 0));
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host, started: parsed.started ?? null } : null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStart(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); null where /proc is missing. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after its closing parenthesis are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}
