import { readFileSync } from 'node:fs';

/**
 * The pids from this process's parent up to (not including) init, read from
 * /proc. Empty where there is no /proc (not Linux) or when started by init.
 */
export function ancestorPids(start = process.ppid): number[] {
  const pids: number[] = [];
  let pid = start;
  while (pid > 1 && pids.length < 64) {
    pids.push(pid);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      break;
    }
    // "pid (command) state ppid …"; the command may hold spaces and parentheses.
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return pids;
}

/**
 * Calls `onOrphaned` once when any process this one was started under exits.
 *
 * `pnpm start` reaches node through shell shims that do not pass signals on:
 * a SIGTERM to pnpm (a process manager, a container stopping) ends a shim and
 * leaves the server running with its embedded PostgreSQL. An ancestor exiting
 * cuts the chain of parents, which this notices within `intervalMs`.
 *
 * @example
 * watchAncestors(() => void shutdown('parent-exited'));
 */
export function watchAncestors(onOrphaned: () => void, intervalMs = 1_000): () => void {
  const chain = ancestorPids().join(' ');
  if (!chain) return () => undefined;
  const timer = setInterval(() => {
    if (ancestorPids().join(' ') === chain) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
