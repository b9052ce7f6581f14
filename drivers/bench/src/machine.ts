import os from 'node:os';

/** One line naming the machine a figure was measured on; figures mean little without it. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return [
    `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${memory} GiB`,
    `${os.type()} ${os.release()}`,
    `Node ${process.version}`,
    `load average ${load}`,
  ].join(' · ');
}
