// `pnpm bench`: Skycast's benchmarks, each comparing side by side in one run,
// printed as Markdown with the machine they ran on.
//
// @example
// pnpm bench                      # everything
// pnpm bench --only server,web    # some sections
// pnpm bench --only overview      # the signed-in start page against bare node:http
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startEmbeddedPostgres } from '@skycast/db/embedded';

import { benchAreas } from './areas-bench.ts';
import { benchConfidence } from './confidence-bench.ts';
import { benchHotPath } from './hot-path-bench.ts';
import { describeMachine } from './machine.ts';
import { benchOverview } from './overview-bench.ts';
import { summariseProfiles } from './profile-summary.ts';
import { startNodeServer } from './processes.ts';
import { benchServer, control } from './server-bench.ts';
import { benchTypecheck } from './typecheck-bench.ts';
import { measureBundle, measureLoads } from './web-bench.ts';

const SECTIONS = ['hot', 'overview', 'server', 'confidence', 'web', 'typecheck', 'areas'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: SECTIONS.join(',') },
    requests: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '100' },
    instances: { type: 'string', default: '2' },
    places: { type: 'string', default: '50' },
    latency: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '10' },
    // `--only hot --profile DIR` (or `--only overview`): Skycast's CPU profile under the load, summarised.
    profile: { type: 'string' },
  },
});
const sections = new Set(values.only.split(',') as Section[]);
for (const section of sections) {
  if (!SECTIONS.includes(section)) {
    console.error(`--only takes ${SECTIONS.join(', ')}; "${section}" is not one of them.`);
    process.exit(2);
  }
}
const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const latencyMs = Number(values.latency);

console.log(`# Skycast benchmarks\n\nMachine: ${describeMachine()}\n`);

if (
  ['hot', 'overview', 'server', 'confidence', 'web'].some((section) =>
    sections.has(section as Section),
  )
) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-bench-'));
  const postgres = await startEmbeddedPostgres({ dataDir, database: 'bench' });
  const stub = await startNodeServer({
    script: path.join(repoRoot, 'packages/weather-stub/src/cli.ts'),
    args: (port) => ['--port', String(port)],
    readyPath: '/__stub/calls',
  });
  try {
    // The local provider answers after a realistic round trip to a weather service.
    await control(stub.url, 'PUT', '/__stub/fault', { mode: 'slow', delayMs: latencyMs });
    if (sections.has('hot')) await printHotPath(postgres.connectionString, stub.url);
    if (sections.has('overview')) await printOverview(postgres.connectionString, stub.url);
    if (sections.has('server')) await printServer(postgres.connectionString, stub.url);
    if (sections.has('confidence')) await printConfidence(postgres.connectionString, stub.url);
    if (sections.has('web')) await printWeb(postgres.connectionString, stub.url);
  } finally {
    await stub.stop();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
if (sections.has('typecheck')) await printTypecheck();
if (sections.has('areas')) await printAreas();

async function printHotPath(databaseUrl: string, stubUrl: string) {
  const options = {
    connections: Number(values.connections),
    seconds: Number(values.seconds),
    places: Number(values.places),
  };
  console.log(
    `## A cached forecast against the bare metal\n\n${options.connections} connections for ` +
      `${options.seconds} s each, a new client address on every request (one trusted proxy hop), ` +
      `${options.places} places all cached beforehand; one Skycast process against a bare ` +
      `\`node:http\` server sending the same bytes, one after the other in this run.\n`,
  );
  const profileDir = values.profile && path.resolve(values.profile);
  const figures = await benchHotPath({
    repoRoot,
    databaseUrl,
    stubUrl,
    ...options,
    ...(profileDir ? { profileDir } : {}),
  });
  console.log(
    '| server | encoding | body | req/s | × bare | p50 | p99 | non-2xx | provider calls | CPU per 1k answers |',
  );
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of figures) {
    const bare = figures.find(
      (other) => other.encoding === row.encoding && other.name.startsWith('bare'),
    );
    const ratio = bare ? (row.requestsPerSecond / bare.requestsPerSecond).toFixed(2) : '—';
    console.log(
      `| ${row.name} | ${row.encoding} | ${(row.bodyBytes / 1024).toFixed(1)} KiB | ` +
        `${Math.round(row.requestsPerSecond)} | ${ratio} | ${row.p50Ms} ms | ${row.p99Ms} ms | ` +
        `${row.non2xx} | ${row.providerCalls} | ${Math.round(row.cpuMsPerThousand)} ms |`,
    );
  }
  console.log();
  if (profileDir) console.log(`${await summariseProfiles(profileDir)}\n`);
}

async function printOverview(databaseUrl: string, stubUrl: string) {
  const options = {
    connections: Number(values.connections),
    seconds: Number(values.seconds),
    places: 10,
  };
  console.log(
    `## The signed-in start page against the bare metal\n\n${options.connections} connections for ` +
      `${options.seconds} s each, one signed-in user with ${options.places} saved places (their ` +
      `weather cached beforehand) asking for \`places.overview\`; one Skycast process against a ` +
      `bare \`node:http\` server sending the same bytes, one after the other in this run.\n`,
  );
  const profileDir = values.profile && path.resolve(values.profile);
  const figures = await benchOverview({
    repoRoot,
    databaseUrl,
    stubUrl,
    ...options,
    ...(profileDir ? { profileDir } : {}),
  });
  const bare = figures.find((row) => row.name.startsWith('bare'));
  console.log('| server | body | req/s | × bare | p50 | p99 | non-2xx | CPU per 1k answers |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of figures) {
    const ratio = bare ? (row.requestsPerSecond / bare.requestsPerSecond).toFixed(3) : '—';
    console.log(
      `| ${row.name} | ${(row.bodyBytes / 1024).toFixed(1)} KiB | ${Math.round(row.requestsPerSecond)} | ` +
        `${ratio} | ${row.p50Ms} ms | ${row.p99Ms} ms | ${row.non2xx} | ` +
        `${Math.round(row.cpuMsPerThousand)} ms |`,
    );
  }
  console.log();
  if (profileDir) console.log(`${await summariseProfiles(profileDir)}\n`);
}

async function printServer(databaseUrl: string, stubUrl: string) {
  const options = {
    requests: Number(values.requests),
    connections: Number(values.connections),
    instances: Number(values.instances),
    places: Number(values.places),
  };
  console.log(
    `## Forecast requests\n\n${options.requests} requests from ${options.connections} connections, ` +
      `cycling through ${options.places} places, to ${options.instances} processes of each server ` +
      `(Skycast's on one database); the provider answers after ${latencyMs} ms.\n`,
  );
  const figures = await benchServer({ repoRoot, databaseUrl, stubUrl, ...options });
  console.log('| server | requests | req/s | p50 | p99 | failed | provider calls |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of figures) {
    console.log(
      `| ${row.name} | ${row.requests} | ${Math.round(row.requestsPerSecond)} | ${row.p50Ms} ms | ` +
        `${row.p99Ms} ms | ${row.failed} | ${row.providerCalls} |`,
    );
  }
  console.log();
}

async function printConfidence(databaseUrl: string, stubUrl: string) {
  const options = { places: Math.min(20, Number(values.places)), repeats: 5 };
  console.log(
    `## Provider calls per confidence answer\n\n\`weather.confidence\` on one Skycast process: ` +
      `${options.places} new places, then each ${options.repeats} more times by other clients; ` +
      `weighted calls count as Open-Meteo's free tier does (10 columns a call, × days beyond 14).\n`,
  );
  const figures = await benchConfidence({ repoRoot, databaseUrl, stubUrl, ...options });
  console.log('| what | answers | provider requests | weighted calls | weighted per answer |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of figures) {
    console.log(
      `| ${row.name} | ${row.answers} | ${row.providerRequests} | ${row.weightedCalls.toFixed(1)} | ` +
        `${(row.weightedCalls / row.answers).toFixed(2)} |`,
    );
  }
  console.log();
}

async function printWeb(databaseUrl: string, stubUrl: string) {
  const chunks = await measureBundle(path.join(repoRoot, 'apps/web/dist'));
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const initialJs = chunks
    .filter((chunk) => chunk.initial && chunk.file.endsWith('.js'))
    .reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  console.log('## Web app: bundle (production build, gzip -9)\n');
  console.log('| chunk | loaded | size | gzip |');
  console.log('| --- | --- | ---: | ---: |');
  for (const chunk of chunks) {
    console.log(
      `| ${chunk.file} | ${chunk.initial ? 'initially' : 'lazily'} | ${kib(chunk.bytes)} | ${kib(chunk.gzipBytes)} |`,
    );
  }
  console.log(
    `\nInitial JavaScript: ${kib(initialJs)} gzip, ${(initialJs / 1000).toFixed(1)} KB (without theme.js; issue 23's target, which the budget test holds at gzip -6, is 100 KB; a first screen with theme.js, the largest language's first-screen words and, for the home page, the start page's chunk, 108 KiB).\n`,
  );

  const runs = Number(values.runs);
  const { loads, traffic } = await measureLoads({ repoRoot, databaseUrl, stubUrl, runs });
  console.log(
    '## Web app: a place page on the wire\n\nHeadless Chromium, empty browser cache, a first visit of London; ' +
      'bytes are response headers plus encoded bodies.\n',
  );
  console.log('| what | requests | bytes |');
  console.log('| --- | ---: | ---: |');
  for (const row of traffic.rows) {
    console.log(`| ${row.kind} | ${row.requests} | ${(row.bytes / 1024).toFixed(1)} KiB |`);
  }
  const total = traffic.rows.reduce(
    (sum, row) => ({ requests: sum.requests + row.requests, bytes: sum.bytes + row.bytes }),
    { requests: 0, bytes: 0 },
  );
  console.log(`| **all** | ${total.requests} | ${(total.bytes / 1024).toFixed(1)} KiB |\n`);
  console.log(
    `## Web app: navigation to temperature visible\n\nHeadless Chromium, empty browser cache, ${runs} runs each; ` +
      `the provider answers after ${latencyMs} ms.\n`,
  );
  console.log(
    '| page load | temperature visible, median | min | max | first contentful paint, median | visible − paint, median | app rendered, median |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ms = (value: number | undefined) => `${Math.round(value ?? NaN)} ms`;
  for (const { label, runs: times, firstPaint, appRendered } of loads) {
    const sorted = [...times].sort((a, b) => a - b);
    const gaps = times.map((time, run) => time - (firstPaint[run] ?? NaN));
    console.log(
      `| ${label} | ${ms(median(times))} | ${ms(sorted[0])} | ${ms(sorted.at(-1))} | ${ms(median(firstPaint))} | ${ms(median(gaps))} | ${ms(median(appRendered))} |`,
    );
  }
  console.log();
}

async function printTypecheck() {
  console.log('## Typecheck\n');
  console.log('| run | seconds | CPU seconds |');
  console.log('| --- | ---: | ---: |');
  for (const row of await benchTypecheck(repoRoot)) {
    console.log(`| ${row.label} | ${row.seconds.toFixed(1)} | ${row.cpuSeconds.toFixed(1)} |`);
  }
  console.log();
}

async function printAreas() {
  const figures = await benchAreas();
  console.log(
    "## MeteoAlarm's region boundaries\n\nThe first load of the boundary data (read, validated, " +
      `indexed) and ${figures.lookups} point lookups spread over Europe, in this process.\n`,
  );
  console.log('| regions | first load | heap kept | lookup p50 | lookup p99 |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${figures.regions} | ${Math.round(figures.loadMs)} ms | ${figures.heapMiB.toFixed(1)} MiB | ` +
      `${figures.p50Us.toFixed(1)} µs | ${figures.p99Us.toFixed(1)} µs |`,
  );
  console.log();
}
