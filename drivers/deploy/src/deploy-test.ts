// `pnpm test:deploy`: builds the real Dockerfile and runs Skycast as it would
// run on one host — PostgreSQL, three replicas, nginx — then checks, under
// bounded steady load on loopback, what docs/deploy.md promises. Needs root
// (or a running Docker daemon); fails loudly where Docker cannot run.
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { stubProviderEnv } from '@skycast/weather-stub';

import {
  docker,
  dockerSucceeds,
  ensureDebianImage,
  ensureDocker,
  publishedPort,
  runLogged,
  sleep,
  type DockerDaemon,
} from './docker.ts';
import { forecastPath, startSteadyLoad, type LoadReport } from './load.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const imagesDir = path.join(repoRoot, 'drivers/deploy/images');
const DEBIAN = 'skycast-test/debian:bookworm';
const NODE = 'skycast-test/node:24';
const POSTGRES = 'skycast-test/postgres:15';
const NGINX = 'skycast-test/nginx';
const APP = 'skycast:deploy-test';
const NETWORK = 'skycast-deploy-test';
const PREFIX = 'skycast-dt-';
const REPLICAS = ['app1', 'app2', 'app3'];
const PLACES = 12;
const REQUEST_TIMEOUT_MS = 15_000;
const DATABASE_URL = 'postgres://postgres:skycast@postgres:5432/skycast';

const results: { name: string; ok: boolean; detail: string }[] = [];
const figures: Record<string, string | number> = {};

function check(name: string, ok: boolean, detail: string): void {
  results.push({ name, ok, detail });
  console.log(`${ok ? '✓' : '✗'} ${name} — ${detail}`);
}

function step(message: string): void {
  console.log(`· ${message}`);
}

async function buildImages(logDir: string): Promise<void> {
  const debian = await ensureDebianImage(DEBIAN, logDir);
  step(`Debian bookworm base image: ${debian}`);

  // The node:24 stand-in: this run's own Node 24 binary, npm, and the CAs this machine trusts.
  const context = await mkdtemp(path.join(os.tmpdir(), 'skycast-node-base-'));
  try {
    const version = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
    if (!version.startsWith('v24.')) throw new Error(`expected Node 24 to copy, found ${version}`);
    await cp(process.execPath, path.join(context, 'node'));
    await cp(npmPackageDir(), path.join(context, 'npm'), { recursive: true });
    await mkdir(path.join(context, 'ca-certificates'));
    const extraCas = '/usr/local/share/ca-certificates';
    for (const entry of await readdir(extraCas).catch(() => [])) {
      if (entry.endsWith('.crt'))
        await cp(path.join(extraCas, entry), path.join(context, 'ca-certificates', entry));
    }
    await runLogged(
      'docker',
      [
        'build',
        '-f',
        path.join(imagesDir, 'node-base.Dockerfile'),
        '--build-arg',
        `DEBIAN_IMAGE=${DEBIAN}`,
        '-t',
        NODE,
        context,
      ],
      path.join(logDir, 'build-node.log'),
    );
  } finally {
    await rm(context, { recursive: true, force: true });
  }
  for (const [file, tag] of [
    ['postgres.Dockerfile', POSTGRES],
    ['nginx.Dockerfile', NGINX],
  ] as const) {
    await runLogged(
      'docker',
      [
        'build',
        '-f',
        path.join(imagesDir, file),
        '--build-arg',
        `DEBIAN_IMAGE=${DEBIAN}`,
        '-t',
        tag,
        imagesDir,
      ],
      path.join(logDir, `build-${tag.split('/')[1]?.split(':')[0]}.log`),
    );
  }
  step('node, postgres and nginx images built on it');

  const started = Date.now();
  await runLogged(
    'docker',
    ['build', '--build-arg', `BASE_IMAGE=${NODE}`, '-t', APP, repoRoot],
    path.join(logDir, 'build-app.log'),
  );
  const bytes = Number(await docker('image', 'inspect', '--format', '{{.Size}}', APP));
  figures.imageMB = Math.round(bytes / 1e6);
  step(
    `Skycast image built from the Dockerfile in ${Math.round((Date.now() - started) / 1000)} s: ${figures.imageMB} MB`,
  );
  check('the image is at most 200 MB (issue 12)', figures.imageMB <= 200, `${figures.imageMB} MB`);
}

/** The folder of the npm on PATH (under pnpm, `npm root -g` names Node 24's empty prefix instead). */
function npmPackageDir(): string {
  const bin = realpathSync(
    execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim(),
  );
  for (let dir = path.dirname(bin); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && path.basename(dir) === 'npm') return dir;
  }
  throw new Error(`npm's package folder not found above ${bin}`);
}

async function removeLeftovers(): Promise<void> {
  const names = await docker('ps', '-aq', '--filter', `name=^${PREFIX}`);
  if (names) await docker('rm', '-f', ...names.split('\n'));
  if (await dockerSucceeds('network', 'inspect', NETWORK)) await docker('network', 'rm', NETWORK);
}

async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

async function httpOk(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(3_000) });
  await response.arrayBuffer();
  return response.ok;
}

async function appUrl(name: string): Promise<string> {
  return `http://127.0.0.1:${await publishedPort(PREFIX + name, 3000)}`;
}

async function metricsOf(name: string): Promise<string> {
  const port = await publishedPort(PREFIX + name, 9464);
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    signal: AbortSignal.timeout(5_000),
  });
  return response.text();
}

/** Sums a metric's samples whose labels include every given label. */
function sample(text: string, metric: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric)) continue;
    const match = /^([a-z_:]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const set = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => set.includes(`${key}="${value}"`))) {
      total += Number(match[3]);
    }
  }
  return total;
}

async function startReplica(name: string, stubUrl: string, lbOrigin: string): Promise<number> {
  const started = Date.now();
  await docker(
    'run',
    '-d',
    '--name',
    PREFIX + name,
    '--network',
    NETWORK,
    '--network-alias',
    'app',
    '--network-alias',
    name,
    '--read-only',
    '--publish',
    '127.0.0.1::3000',
    '--publish',
    '127.0.0.1::9464',
    '--env',
    `DATABASE_URL=${DATABASE_URL}`,
    ...Object.entries(stubProviderEnv(stubUrl)).flatMap(([name, url]) => [
      '--env',
      `${name}=${url}`,
    ]),
    '--env',
    'METRICS_PORT=9464',
    // A CDN hop in front of nginx: each simulated client keeps its own address for the rate limits.
    '--env',
    'TRUST_PROXY=2',
    '--env',
    `PUBLIC_ORIGIN=${lbOrigin}`,
    '--env',
    'LOG_LEVEL=warn',
    APP,
  );
  await waitForReady(name);
  return Date.now() - started;
}

async function waitForReady(name: string): Promise<void> {
  await waitFor(`${name} ready`, async () => httpOk(`${await appUrl(name)}/readyz`), 60_000);
}

async function providerForecastCalls(stubControl: string): Promise<number> {
  const response = await fetch(`${stubControl}/__stub/calls`);
  const body = (await response.json()) as { byEndpoint: Record<string, number> };
  return body.byEndpoint['/v1/forecast'] ?? 0;
}

async function setFault(stubControl: string, fault: unknown): Promise<void> {
  const response = await fetch(`${stubControl}/__stub/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (!response.ok) throw new Error(`stub fault: HTTP ${response.status}`);
}

function describeLoad(report: LoadReport): string {
  const failures = report.failures
    .slice(0, 5)
    .map((f) => `${f.what} at ${(f.at / 1000).toFixed(1)} s`);
  return `${report.sent} requests, ${report.ok} ok, ${report.failures.length} failed, ${report.timedOut} timed out, slowest ${report.slowestMs} ms${failures.length ? ` (${failures.join('; ')})` : ''}`;
}

/** Answers per second for cached forecasts from a short closed-loop load of 16 connections. */
async function throughput(
  baseUrl: string,
  seconds: number,
): Promise<{ perSecond: number; failed: number }> {
  let answered = 0;
  let failed = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 16 }, async (_, id) => {
      let next = id;
      while (Date.now() < until) {
        const response = await fetch(`${baseUrl}${forecastPath(next++ % PLACES)}`, {
          headers: { 'x-forwarded-for': `203.0.113.${(next % 250) + 1}` },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        if (response.ok) answered++;
        else failed++;
      }
    }),
  );
  return { perSecond: Math.round(answered / seconds), failed };
}

async function scenario(): Promise<void> {
  await removeLeftovers();
  await docker('network', 'create', NETWORK);

  // The weather stub runs from the checkout's source in the Node image; its port is published
  // on loopback for its control API (call counts, faults).
  const stubSource = path.join(repoRoot, 'packages/weather-stub');
  await docker(
    'run',
    '-d',
    '--name',
    `${PREFIX}stub`,
    '--network',
    NETWORK,
    '--network-alias',
    'weather-stub',
    '--read-only',
    '--volume',
    `${stubSource}:/stub:ro`,
    // Its one workspace dependency, where its node_modules link points (../../../local-time).
    '--volume',
    `${path.join(repoRoot, 'packages/local-time')}:/local-time:ro`,
    '--publish',
    '127.0.0.1::4010',
    NODE,
    'node',
    '/stub/src/cli.ts',
    '--host',
    '0.0.0.0',
    '--port',
    '4010',
  );
  const stubControl = `http://127.0.0.1:${await publishedPort(`${PREFIX}stub`, 4010)}`;
  await waitFor('the weather stub', () => httpOk(`${stubControl}/__stub/calls`), 30_000);

  await docker(
    'run',
    '-d',
    '--name',
    `${PREFIX}postgres`,
    '--network',
    NETWORK,
    '--network-alias',
    'postgres',
    '--shm-size',
    '128m',
    POSTGRES,
  );
  await waitFor(
    'PostgreSQL',
    () => dockerSucceeds('exec', `${PREFIX}postgres`, 'pg_isready', '-h', '127.0.0.1', '-q'),
    60_000,
  );

  const migrate = await docker(
    'run',
    '--rm',
    '--read-only',
    '--network',
    NETWORK,
    '--env',
    `DATABASE_URL=${DATABASE_URL}`,
    APP,
    'migrate',
  ).then(
    (output) => ({ ok: true, output }),
    (error: unknown) => ({ ok: false, output: String(error) }),
  );
  check(
    'the one-shot migrate command migrates the database',
    migrate.ok && migrate.output.includes('migrated'),
    migrate.output.split('\n').at(-1) ?? '',
  );

  // nginx publishes first so the replicas can be given the origin users reach.
  await docker(
    'run',
    '-d',
    '--name',
    `${PREFIX}lb`,
    '--network',
    NETWORK,
    '--publish',
    '127.0.0.1::80',
    '--volume',
    `${path.join(repoRoot, 'deploy/compose/nginx.conf')}:/etc/nginx/conf.d/default.conf:ro`,
    NGINX,
  );
  const lbUrl = `http://127.0.0.1:${await publishedPort(`${PREFIX}lb`, 80)}`;
  const stubUrl = 'http://weather-stub:4010';
  const startMs = [];
  for (const name of REPLICAS) startMs.push(await startReplica(name, stubUrl, lbUrl));
  figures.startSeconds = Number((Math.min(...startMs) / 1000).toFixed(1));
  step(
    `three replicas ready, each ${startMs.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s after docker run`,
  );

  const answers = await Promise.all(
    REPLICAS.map(async (name) => httpOk(`${await appUrl(name)}${forecastPath(0)}`)),
  );
  check(
    'every replica answers a forecast itself',
    answers.every(Boolean),
    REPLICAS.map((n, i) => `${n}: ${answers[i] ? 'ok' : 'failed'}`).join(', '),
  );

  const app1 = await appUrl('app1');
  const pages = ['/', '/api', '/api/openapi.json', '/api/assets/scalar-standalone.js'];
  const served = await Promise.all(pages.map((page) => httpOk(`${app1}${page}`)));
  check(
    'the image serves the web app and the API reference with its assets',
    served.every(Boolean),
    pages.map((page, i) => `${page}: ${served[i] ? 'ok' : 'failed'}`).join(', '),
  );

  const viaLb = await fetch(`${lbUrl}/metrics`);
  const lbMetrics = await viaLb.text();
  check(
    '/metrics is not served through the load balancer',
    !lbMetrics.includes('skycast_') && viaLb.status === 404,
    `HTTP ${viaLb.status}`,
  );

  // Steady load through nginx for the rest of the run.
  const load = startSteadyLoad({
    baseUrl: lbUrl,
    places: PLACES,
    workers: 8,
    pauseMs: 100,
    timeoutMs: REQUEST_TIMEOUT_MS,
    maxMs: 6 * 60_000,
  });
  await sleep(8_000);
  const warm = await load.stop();
  check(
    'steady load through nginx: no failed request',
    warm.failures.length === 0 && warm.timedOut === 0,
    describeLoad(warm),
  );
  const callsAfterWarmup = await providerForecastCalls(stubControl);
  check(
    `one provider call per place across the replicas (${PLACES} places)`,
    callsAfterWarmup === PLACES,
    `${callsAfterWarmup} forecast calls for ${warm.sent} requests`,
  );

  const spread = await Promise.all(
    REPLICAS.map(async (name) =>
      sample(await metricsOf(name), 'skycast_trpc_request_duration_seconds_count', {
        procedure: 'weather.forecast',
        status: '200',
      }),
    ),
  );
  check(
    'nginx spreads the load over every replica',
    spread.every((count) => count > 0),
    REPLICAS.map((n, i) => `${n}: ${spread[i]}`).join(', '),
  );

  // Rolling restart: SIGTERM one replica (docker stop), start it again, wait until ready, next.
  const rolling = startSteadyLoad({
    baseUrl: lbUrl,
    places: PLACES,
    workers: 8,
    pauseMs: 100,
    timeoutMs: REQUEST_TIMEOUT_MS,
    maxMs: 5 * 60_000,
  });
  await sleep(2_000);
  const restartMs: number[] = [];
  for (const name of REPLICAS) {
    await docker('stop', '--time', '45', PREFIX + name);
    const started = Date.now();
    await docker('start', PREFIX + name);
    await waitForReady(name);
    restartMs.push(Date.now() - started);
    await sleep(2_000);
  }
  const rolled = await rolling.stop();
  figures.rollingRestartFailed = rolled.failures.length + rolled.timedOut;
  figures.rollingRestartRequests = rolled.sent;
  check(
    'a rolling restart under load ends with 0 failed requests',
    rolled.failures.length === 0 && rolled.timedOut === 0,
    describeLoad(rolled),
  );
  const callsAfterRestart = await providerForecastCalls(stubControl);
  check(
    'restarts cause no extra provider calls',
    callsAfterRestart === PLACES,
    `${callsAfterRestart} forecast calls`,
  );

  // kill -9 of one replica under load, while it holds the refresh lease of a new place.
  const crash = startSteadyLoad({
    baseUrl: lbUrl,
    places: PLACES,
    workers: 8,
    pauseMs: 100,
    timeoutMs: REQUEST_TIMEOUT_MS,
    maxMs: 3 * 60_000,
  });
  await setFault(stubControl, { mode: 'slow', delayMs: 4_000, endpoints: ['/v1/forecast'] });
  const newPlace = forecastPath(PLACES);
  const app2 = await appUrl('app2');
  const held = fetch(`${app2}${newPlace}`, { headers: { 'x-forwarded-for': '192.0.2.1' } }).catch(
    () => undefined,
  );
  await waitFor(
    'app2 to call the provider for the new place',
    async () => (await providerForecastCalls(stubControl)) > PLACES,
    10_000,
  );
  await docker('kill', '--signal', 'KILL', `${PREFIX}app2`);
  await held;
  await setFault(stubControl, null);
  const askedAt = Date.now();
  const afterCrash = await fetch(`${lbUrl}${newPlace}`, {
    headers: { 'x-forwarded-for': '192.0.2.2' },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  }).then(
    (response) => `HTTP ${response.status}`,
    (error: unknown) => String(error),
  );
  check(
    'after kill -9 of the lease holder, another replica fetches the place',
    afterCrash === 'HTTP 200',
    `${afterCrash} after ${Date.now() - askedAt} ms`,
  );
  await sleep(5_000);
  const crashed = await crash.stop();
  check(
    'kill -9 of a replica under load: nginx routes around it, nothing hangs',
    crashed.failures.length === 0 && crashed.timedOut === 0,
    describeLoad(crashed),
  );
  await docker('start', `${PREFIX}app2`);
  await waitForReady('app2');

  const metrics = await metricsOf('app1');
  const shown = {
    requests: sample(metrics, 'skycast_trpc_request_duration_seconds_count', {
      procedure: 'weather.forecast',
    }),
    cacheHits:
      sample(metrics, 'skycast_weather_cache_answers_total', { result: 'hit' }) +
      sample(metrics, 'skycast_public_answers_from_memory_total'),
    providerCalls: sample(metrics, 'skycast_provider_calls_total'),
    poolSeries:
      sample(metrics, 'skycast_db_pool_connections', { state: 'idle' }) >= 0 &&
      metrics.includes('skycast_db_pool_connections{state="waiting"}'),
    eventLoopLag: metrics.includes('nodejs_eventloop_lag_seconds'),
    process: metrics.includes('process_resident_memory_bytes'),
  };
  check(
    '/metrics shows the traffic',
    shown.requests > 0 &&
      shown.cacheHits > 0 &&
      shown.poolSeries &&
      shown.eventLoopLag &&
      shown.process,
    `app1: ${shown.requests} forecast requests, ${shown.cacheHits} answered from a cache, ${shown.providerCalls} provider calls, pool and event-loop series ${shown.poolSeries && shown.eventLoopLag ? 'present' : 'missing'}`,
  );

  // Figures for docs/benchmarks.md: one replica alone, cached forecasts, 16 connections.
  const health = await docker('inspect', '--format', '{{.State.Health.Status}}', `${PREFIX}app1`);
  check('Docker HEALTHCHECK (/livez) reports the replica healthy', health === 'healthy', health);

  // Figures for docs/benchmarks.md: one replica alone, then all three through nginx.
  const alone = await throughput(await appUrl('app1'), 10);
  const behindNginx = await throughput(lbUrl, 10);
  figures.requestsPerSecondOneReplica = alone.perSecond;
  figures.requestsPerSecondThroughNginx = behindNginx.perSecond;
  figures.throughputFailed = alone.failed + behindNginx.failed;
  const memory = await docker(
    'stats',
    '--no-stream',
    '--format',
    '{{.MemUsage}}',
    ...REPLICAS.map((name) => PREFIX + name),
  );
  figures.replicaMemory = memory
    .split('\n')
    .map((line) => line.split(' / ')[0])
    .join(', ');
}

async function main(): Promise<number> {
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-deploy-test-'));
  const began = Date.now();
  let daemon: DockerDaemon;
  try {
    daemon = await ensureDocker(logDir);
  } catch (error) {
    console.error('\n' + '='.repeat(78));
    console.error(`DEPLOY TEST FAILED: Docker cannot run here: ${(error as Error).message}`);
    console.error('The image, the replicas and the load balancer were NOT tested.');
    console.error('='.repeat(78) + '\n');
    return 1;
  }
  try {
    await buildImages(logDir);
    await scenario();
  } catch (error) {
    check('the deploy test ran to its end', false, (error as Error).stack ?? String(error));
  } finally {
    await removeLeftovers().catch((error: unknown) =>
      console.error(`cleaning up: ${String(error)}`),
    );
    await daemon.stop();
  }
  figures.totalSeconds = Math.round((Date.now() - began) / 1000);
  console.log(`figures: ${JSON.stringify(figures)}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`deploy: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
