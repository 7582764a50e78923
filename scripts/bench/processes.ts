// Child processes for the bench: free ports, start, wait for the first 200, memory, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 on the probed path. */
  msToFirst200: number;
  /**
   * CPU time the process had used by then (user + system, Linux; null elsewhere): on a shared machine the wall
   * time says as much about the other work running as about Candor, the CPU time much less so.
   */
  cpuMsToFirst200: number | null;
  stop(): Promise<void>;
  stderrTail(): string;
}

/**
 * Spawns `node ARGS` (or `command ARGS`, e.g. a start script that execs node, so the pid stays the server's) and polls
 * `probeUrl` until it answers 200 (or the process dies / time runs out).
 */
export async function startNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  probeUrl: string,
  { timeoutMs = 300_000, command = process.execPath }: { timeoutMs?: number; command?: string } = {},
): Promise<Started> {
  const started = performance.now();
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  while (true) {
    if (exited !== null) throw new Error(`process exited (${exited}) before answering: ${stderr.trim()}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`no 200 from ${probeUrl} within ${timeoutMs / 1000} s: ${stderr.trim()}`);
    }
    const ok = await fetch(probeUrl).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return { child, msToFirst200: performance.now() - started, cpuMsToFirst200: cpuMs(child.pid!), stop, stderrTail: () => stderr };
    await new Promise((resolve) => setTimeout(resolve, 25)); // polling interval while the server boots
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux's /proc; null where there is none). */
export function cpuMs(pid: number): number | null {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Resident memory of a process in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
