import { execFile, spawn } from 'node:child_process';
import { closeSync, createWriteStream, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs `docker …` and returns its trimmed stdout; a failure carries its stderr. */
export async function docker(...args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('docker', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`docker ${args.slice(0, 3).join(' ')} … failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

/** Like {@link docker}, but true/false for success instead of throwing. */
export async function dockerSucceeds(...args: string[]): Promise<boolean> {
  try {
    await docker(...args);
    return true;
  } catch {
    return false;
  }
}

/** A long command (a build) with its output in a log file, whose tail is shown when it fails. */
export async function runLogged(command: string, args: string[], log: string): Promise<void> {
  const out = createWriteStream(log, { flags: 'a' });
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await new Promise((resolve) => out.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(log, 'utf8')).split('\n').slice(-40).join('\n');
    throw new Error(
      `${command} ${args.slice(0, 2).join(' ')} exited ${code}; log ${log}:\n${tail}`,
    );
  }
}

export interface DockerDaemon {
  /** Stops dockerd when this run started it; leaves one that was running alone. */
  stop(): Promise<void>;
}

/**
 * Makes sure a Docker daemon answers: uses a running one, or starts Debian's
 * dockerd (as root). Throws, saying why, when neither works: the deploy test
 * must fail where it cannot run, never pass silently.
 */
export async function ensureDocker(logDir: string): Promise<DockerDaemon> {
  if (await dockerSucceeds('info', '--format', '{{.ServerVersion}}'))
    return { stop: async () => {} };
  if (process.getuid?.() !== 0) {
    throw new Error('no Docker daemon answers, and only root can start dockerd here');
  }
  const log = path.join(logDir, 'dockerd.log');
  const output = openSync(log, 'a');
  const daemon = spawn('dockerd', [], { detached: true, stdio: ['ignore', output, output] });
  closeSync(output);
  const exited = new Promise<string>((resolve) =>
    daemon.once('exit', (code) => resolve(`dockerd exited with ${code}`)),
  );
  daemon.once('error', () => undefined);
  for (let attempt = 0; attempt < 60; attempt++) {
    const done = await Promise.race([exited, sleep(500).then(() => undefined)]);
    if (done) throw new Error(`${done}; see ${log}`);
    if (await dockerSucceeds('info', '--format', '{{.ServerVersion}}')) {
      daemon.unref();
      return {
        async stop() {
          daemon.kill('SIGTERM');
          await Promise.race([exited, sleep(20_000)]);
        },
      };
    }
  }
  daemon.kill('SIGTERM');
  throw new Error(`dockerd did not answer within 30 s; see ${log}`);
}

/**
 * The Debian bookworm base image, built once with `debootstrap --variant=minbase`
 * and `docker import`; later runs reuse it while it exists.
 */
export async function ensureDebianImage(tag: string, logDir: string): Promise<'reused' | 'built'> {
  if (await dockerSucceeds('image', 'inspect', tag)) return 'reused';
  const root = await mkdtemp(path.join(os.tmpdir(), 'skycast-bookworm-'));
  try {
    await runLogged(
      'debootstrap',
      ['--variant=minbase', 'bookworm', root, 'http://deb.debian.org/debian'],
      path.join(logDir, 'debootstrap.log'),
    );
    await rm(path.join(root, 'var/cache/apt/archives'), { recursive: true, force: true });
    await rm(path.join(root, 'var/lib/apt/lists'), { recursive: true, force: true });
    await new Promise<void>((resolve, reject) => {
      const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const load = spawn('docker', ['import', '-', tag], { stdio: ['pipe', 'ignore', 'inherit'] });
      tar.stdout.pipe(load.stdin);
      load.once('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`docker import exited ${code}`)),
      );
    });
    return 'built';
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The host port Docker published for a container's port (it may change on restart). */
export async function publishedPort(container: string, port: number): Promise<number> {
  const mapping = await docker('port', container, `${port}/tcp`);
  const hostPort = Number(mapping.split('\n')[0]?.split(':').pop());
  if (!Number.isInteger(hostPort)) throw new Error(`${container}:${port} is not published`);
  return hostPort;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
