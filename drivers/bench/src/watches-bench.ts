// Watches: one full round of evaluation over many watches and cells, on the
// real queue (pg-boss), database and local provider.
//
// @example
// pnpm --filter @skycast/bench bench:watches -- --watches 100000 --cells 5000
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createPushSender, createServices, silentLogger, startWatchQueue } from '@skycast/api';
import { createDb, migrateToLatest, sql } from '@skycast/db';
import { startEmbeddedPostgres } from '@skycast/db/embedded';
import { createOpenMeteo, createOpenMeteoArchive } from '@skycast/weather';
import { startWeatherStub } from '@skycast/weather-stub';

const { values } = parseArgs({
  options: {
    watches: { type: 'string', default: '100000' },
    cells: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '8' },
    timeout: { type: 'string', default: '300' },
    // A directory: each round's CPU profile (this process: queue, cache, evaluator, local provider).
    profile: { type: 'string' },
  },
});
const watchCount = Number(values.watches);
const cellCount = Number(values.cells);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-bench-watches-'));
const database = await startEmbeddedPostgres({ dataDir, database: 'bench' });
const stub = await startWeatherStub();
const db = createDb({ connectionString: database.connectionString, max: 12 });
try {
  await migrateToLatest(db);
  // One person and place per cell (0.05° apart over Europe), their watches spread evenly.
  await sql`
    insert into users (email, password_hash)
    select 'bench' || i || '@example.com', 'x' from generate_series(1, ${cellCount}) i`.execute(db);
  await sql`
    insert into places (user_id, name, latitude, longitude, timezone, position)
    select id, 'Place ' || row_number() over (), 
      round((40 + (row_number() over () % 100) * 0.05)::numeric, 2),
      round((0 + (row_number() over () / 100) * 0.05)::numeric, 2),
      'Europe/Berlin', 0
    from users`.execute(db);
  const rules = [
    `{"kind":"temperature","direction":"below","threshold":0,"horizon":{"tonight":true}}`,
    `{"kind":"gusts","threshold":60,"hours":12}`,
    `{"kind":"uv","threshold":6,"hours":12}`,
    `{"kind":"daily-summary","at":"07:00"}`,
    `{"kind":"all-of","conditions":[{"metric":"temperature","direction":"below","value":28},{"metric":"windSpeed","direction":"below","value":18}]}`,
  ];
  await sql`
    with numbered as (select id, user_id, row_number() over (order by id) - 1 as n from places)
    insert into watches (user_id, place_id, kind, rule, schedule)
    select p.user_id, p.id, (r.rule::jsonb)->>'kind', r.rule::jsonb,
      '{"days":[1,2,3,4,5,6,7],"from":"00:00","until":"00:00","quiet":null}'::jsonb
    from generate_series(0, ${watchCount - 1}) i
    join numbered p on p.n = i % ${cellCount}
    cross join lateral (select (${sql.val(rules)}::text[])[1 + (i % ${rules.length})] as rule) r`.execute(
    db,
  );

  // As autovacuum would after such a load: the planner needs the tables' sizes.
  await sql`analyze`.execute(db);

  const services = createServices({
    db,
    connectionString: database.connectionString,
    provider: createOpenMeteo({
      forecastUrl: stub.url,
      geocodingUrl: stub.url,
      airQualityUrl: stub.url,
      timeoutMs: 30_000,
    }),
    archive: createOpenMeteoArchive({ archiveUrl: stub.url }),
    logger: silentLogger,
    newPlacesPerMinute: 1_000_000,
  });

  async function round(label: string) {
    const profiler = values.profile ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const started = new Date();
    // Due: a cell whose stored forecast is missing or no longer fresh (the watches here have no rain
    // kinds, so nothing asks for a younger one).
    const fresh = await db
      .selectFrom('weatherCache')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('resource', '=', 'forecast')
      .where('freshUntil', '>', started)
      .executeTakeFirstOrThrow();
    const due = cellCount - Number(fresh.n);
    stub.resetCalls();
    const queue = await startWatchQueue({
      db,
      connectionString: database.connectionString,
      weather: services.weather,
      push: createPushSender({ vapid: () => services.watches.vapid() }),
      logger: silentLogger,
      publicOrigin: 'http://localhost:3000',
      // One round in this run: the next would be an hour away.
      intervalSeconds: 3600,
      maxPerHour: 20,
      work: true,
      cellConcurrency: Number(values.concurrency),
    });
    const deadline = Date.now() + Number(values.timeout) * 1000;
    let left = watchCount;
    while (left > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const row = await db
        .selectFrom('watches')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where((eb) => eb.or([eb('evaluatedAt', 'is', null), eb('evaluatedAt', '<', started)]))
        .executeTakeFirstOrThrow();
      left = Number(row.n);
    }
    const seconds = (Date.now() - started.getTime()) / 1000;
    if (profiler && values.profile) {
      const { profile } = await profiler.post('Profiler.stop');
      const file = path.join(values.profile, `watches-${label.split(' ')[0]}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      profiler.disconnect();
    }
    await queue.stop();
    await sql`delete from pgboss.job`.execute(db);
    console.log(
      `| ${label} | ${watchCount.toLocaleString('en')} | ${cellCount.toLocaleString('en')} | ${left === 0 ? seconds.toFixed(1) : `> ${values.timeout}`} s | ${Math.round((watchCount - left) / seconds).toLocaleString('en')}/s | ${stub.calls('/v1/forecast')} / ${due} | ${os.loadavg()[0]!.toFixed(1)} |`,
    );
  }

  console.log(
    '| round | watches | cells | full round | evaluations | provider forecast calls / cells due | load (1 min) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  await round('cold cache (every cell due at the provider)');
  await round('warm cache (forecasts fresh)');
  await services.close();
} finally {
  await db.destroy();
  await stub.close();
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
