/**
 * Wall and CPU time spent executing each statement inside PGlite, keyed by its SQL text (whitespace collapsed).
 * Off unless CANDOR_SQL_PROFILE=1 (then `wrapPglite` creates one per database): when off, the statements are not
 * wrapped at all. With it on, statements sent together (`queryMany`) are executed one by one so that each gets its
 * own time. It measures the call into PGlite only, not the wait for PGlite's lock, so statements started side by
 * side are not charged for each other.
 */
export interface StatementProfile {
  time<T>(sql: string, params: unknown[], run: () => Promise<T>): Promise<T>;
  /** Each statement's text with the parameters of its latest run (to EXPLAIN it afterwards). */
  samples(): { sql: string; params: unknown[] }[];
  /** The `limit` dearest statements by CPU time, as a text table (ms totals, µs per call). */
  report(limit?: number): string;
  /** Forgets what was timed so far (a report per stretch of a long run). */
  reset(): void;
}

interface Entry {
  sql: string;
  params: unknown[];
  calls: number;
  wallMs: number;
  cpuMs: number;
}

export function statementProfileEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CANDOR_SQL_PROFILE === '1';
}

function normalise(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

export function createStatementProfile(): StatementProfile {
  const entries = new Map<string, Entry>();
  // The whole process's CPU over the same stretch, to put the statements' share in proportion.
  let since = process.cpuUsage();
  return {
    async time<T>(sql: string, params: unknown[], run: () => Promise<T>): Promise<T> {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      try {
        return await run();
      } finally {
        const used = process.cpuUsage(cpu);
        const key = normalise(sql);
        const entry = entries.get(key) ?? { sql, params, calls: 0, wallMs: 0, cpuMs: 0 };
        entry.params = params;
        entry.calls++;
        entry.wallMs += performance.now() - wall;
        entry.cpuMs += (used.user + used.system) / 1000;
        entries.set(key, entry);
      }
    },
    samples() {
      return [...entries.values()].map(({ sql, params }) => ({ sql, params }));
    },
    reset() {
      entries.clear();
      since = process.cpuUsage();
    },
    report(limit = 20) {
      const all = [...entries.entries()].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
      const total = all.reduce((sum, [, e]) => sum + e.cpuMs, 0);
      const totalWall = all.reduce((sum, [, e]) => sum + e.wallMs, 0);
      const calls = all.reduce((sum, [, e]) => sum + e.calls, 0);
      const process_ = process.cpuUsage(since);
      const lines = [
        `statements: ${all.length} texts, ${calls} runs, CPU ${(total / 1000).toFixed(1)} s of the process's ${((process_.user + process_.system) / 1e6).toFixed(1)} s, wall ${(totalWall / 1000).toFixed(1)} s`,
        '  CPU ms  share    runs  µs/run  wall ms  statement',
      ];
      for (const [sql, e] of all.slice(0, limit)) {
        lines.push(
          `${e.cpuMs.toFixed(0).padStart(8)} ${((100 * e.cpuMs) / (total || 1)).toFixed(1).padStart(5)}% ${String(e.calls).padStart(7)} ${((1000 * e.cpuMs) / e.calls).toFixed(0).padStart(7)} ${e.wallMs.toFixed(0).padStart(8)}  ${sql.slice(0, 160)}`,
        );
      }
      return lines.join('\n');
    },
  };
}
