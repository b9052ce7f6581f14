import { fromKysely, PgBoss, type Job } from 'pg-boss';
import { z } from 'zod';

import { sql, type Database, type Kysely } from '@skycast/db';
import {
  languageSchema,
  watchRuleSchema,
  watchScheduleSchema,
  type Language,
} from '@skycast/validators';

import type { Logger } from '../logger.ts';
import { startNormalsJobs } from '../normals/normals-jobs.ts';
import type { NormalsService } from '../normals/normals-service.ts';
import type { WeatherService } from '../weather/weather-service.ts';
import { evaluateWatch, KEYED_KINDS, type CellWeather, type WatchEvent } from './evaluate.ts';
import { describeEvent } from './messages.ts';
import { recordNotification, PUSH_QUEUE, type JobSender } from './notifier.ts';
import type { PushOptions, PushSender } from './push-sender.ts';

/** One job per interval across every instance: which cells to evaluate. */
export const ROUND_QUEUE = 'watch-round';
/** One job per grid cell (`singletonKey`), one in flight and one waiting at most. */
export const CELL_QUEUE = 'watch-cell';
const DEAD_SUFFIX = '-dead';
/** A delivery retried this many times (429, 5xx, network) is given up as failed. */
export const MAX_PUSH_ATTEMPTS = 6;

/** What the watches report; the server backs it with Prometheus. */
export interface WatchMetrics {
  evaluated(count: number): void;
  fired(kind: string): void;
  sent(): void;
  failed(reason: 'gone' | 'refused' | 'retry' | 'gave-up' | 'capped'): void;
  /** Seconds between a job's creation and its start. */
  queueLag(queue: string, seconds: number): void;
}

export const noWatchMetrics: WatchMetrics = {
  evaluated() {},
  fired() {},
  sent() {},
  failed() {},
  queueLag() {},
};

export interface WatchQueueOptions {
  db: Kysely<Database>;
  connectionString: string;
  weather: WeatherService;
  push: PushSender;
  logger: Logger;
  /** Where links in notifications lead: scheme, host and port. */
  publicOrigin: string;
  /** Seconds between rounds; cells with rain watches refresh their nowcast this often. */
  intervalSeconds: number;
  /** Notifications per user and hour that are pushed; later ones are only listed. */
  maxPerHour: number;
  /** Evaluate and deliver here (false: only enqueue, as API-only processes do). */
  work: boolean;
  metrics?: WatchMetrics;
  now?: () => Date;
  /**
   * How fast a job held by a dead process is taken over: its heartbeat
   * (≥ 10 s) and how often the monitor looks. Defaults: 10 s and 10 s.
   */
  heartbeatSeconds?: number;
  monitorIntervalSeconds?: number;
  /** Cells evaluated at once in this process (default 2). */
  cellConcurrency?: number;
  /** How long SIGTERM waits for running jobs (default 20 s). */
  drainTimeoutMs?: number;
  /** Climate normals fetched as jobs on this queue, one per cell (`normals-jobs.ts`). */
  normals?: NormalsService;
}

export interface WatchQueue extends JobSender {
  /** Queues a round now (at most one per interval slot across instances). */
  scheduleRound(): Promise<void>;
  /** Stops taking jobs, waits for the running ones (up to the drain timeout), then closes. */
  stop(): Promise<void>;
}

const cellJobSchema = z.object({
  lat: z.number().int(),
  lon: z.number().int(),
  rain: z.boolean(),
  alerts: z.boolean(),
  air: z.boolean(),
  // Jobs queued before "unusual" watches existed lack it.
  normals: z.boolean().default(false),
});
type CellJob = z.infer<typeof cellJobSchema>;

/** The enabled watches at some grid cells, with what their words need; one query. */
function watchRowsAt(db: WatchQueueOptions['db'], cells: readonly CellJob[]) {
  const cellLat = sql<number>`round(places.latitude * 100)::int`;
  const cellLon = sql<number>`round(places.longitude * 100)::int`;
  return db
    .selectFrom('watches')
    .innerJoin('places', 'places.id', 'watches.placeId')
    .leftJoin('preferences', 'preferences.userId', 'watches.userId')
    .where('watches.enabled', '=', true)
    .where(
      sql<boolean>`(${cellLat}, ${cellLon}) in (${sql.join(
        cells.map((cell) => sql`(${cell.lat}, ${cell.lon})`),
      )})`,
    )
    .select([
      cellLat.as('cellLat'),
      cellLon.as('cellLon'),
      'watches.id',
      'watches.userId',
      'watches.placeId',
      'watches.rule',
      'watches.schedule',
      'watches.conditionMet',
      'places.name',
      'places.latitude',
      'places.longitude',
      'places.timezone',
      'preferences.language',
      'preferences.units',
      'preferences.windUnit',
    ])
    .execute();
}
type WatchRow = Awaited<ReturnType<typeof watchRowsAt>>[number];

const pushJobSchema = z.object({
  deliveryId: z.uuid(),
  urgency: z.enum(['very-low', 'low', 'normal', 'high']).default('normal'),
});
type PushJob = z.infer<typeof pushJobSchema>;

/** Urgency (RFC 8030 §5.3) by what happened: imminent rain and severe warnings wake a phone. */
function urgencyOf(event: WatchEvent): PushOptions['urgency'] {
  if (event.kind === 'rain-starts') return 'high';
  if (event.kind === 'warning')
    return event.severity === 'severe' || event.severity === 'extreme' ? 'high' : 'normal';
  if (event.kind === 'daily-summary') return 'low';
  return 'normal';
}

/** Seconds a push service keeps it for an offline device: past that, the news is old. */
function ttlOf(kind: string): number {
  switch (kind) {
    case 'rain-starts':
    case 'rain-stops':
      return 30 * 60;
    case 'daily-summary':
      return 3 * 3600;
    case 'warning':
      return 12 * 3600;
    case 'test':
      return 3600;
    default:
      return 6 * 3600;
  }
}

/** The place page's path, as the web app routes it. */
export function placeUrl(
  origin: string,
  place: { latitude: number; longitude: number; name: string },
) {
  return `${origin}/place/${place.latitude},${place.longitude}/${encodeURIComponent(place.name)}`;
}

/**
 * The payload: Declarative Web Push JSON (Safari shows it without a service
 * worker), which Skycast's own service worker reads too.
 */
export function pushPayload(notification: {
  id: string;
  title: string;
  body: string;
  url: string;
  kind: string;
  topic: string;
  language: Language;
}): string {
  return JSON.stringify({
    web_push: 8030,
    notification: {
      title: notification.title,
      body: notification.body,
      navigate: notification.url,
      lang: notification.language,
      dir: notification.language === 'ar' ? 'rtl' : 'ltr',
      tag: notification.topic,
    },
    skycast: { id: notification.id, kind: notification.kind },
  });
}

/** A watch's id as a push Topic: 32 hex digits are valid base64url. */
export const topicOf = (watchId: string | null) => (watchId ?? 'skycast-test').replaceAll('-', '');

/**
 * The job queue every instance shares, on PostgreSQL through pg-boss: a round
 * per interval (claimed once, `sendThrottled`), a job per cell (stately
 * queue keyed by cell: one running, one waiting), a job per push delivery,
 * retries with backoff and dead-letter queues; with `normals`, a job per
 * climate-normals cell too. Started by the server; tests
 * start one or two per database.
 */
export async function startWatchQueue(options: WatchQueueOptions): Promise<WatchQueue> {
  const { db, logger } = options;
  const metrics = options.metrics ?? noWatchMetrics;
  const now = options.now ?? (() => new Date());
  const heartbeatSeconds = Math.max(10, options.heartbeatSeconds ?? 10);
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: 4,
    application_name: 'skycast-watches',
    // Rounds are sent by timers here, not by pg-boss's minute-grained cron.
    schedule: false,
    supervise: options.work,
    monitorIntervalSeconds: options.monitorIntervalSeconds ?? 10,
    superviseIntervalSeconds: options.monitorIntervalSeconds ?? 10,
  });
  // While the database is away every poll fails alike: one warning a minute per cause, the rest debug.
  const warned = new Map<string, number>();
  const warnOnce = (error: unknown, message: string) => {
    const cause = `${message}:${error instanceof Error ? error.message : String(error)}`;
    const last = warned.get(cause) ?? 0;
    if (Date.now() - last < 60_000) {
      logger.debug({ err: error }, message);
      return;
    }
    if (warned.size > 100) warned.clear();
    warned.set(cause, Date.now());
    logger.warn({ err: error }, message);
  };
  boss.on('error', (error: Error) => warnOnce(error, 'job queue error'));
  await boss.start();

  const retries = { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 };
  for (const name of [ROUND_QUEUE, CELL_QUEUE, PUSH_QUEUE]) {
    await boss.createQueue(`${name}${DEAD_SUFFIX}`).catch(ignoreExists);
  }
  await boss
    .createQueue(ROUND_QUEUE, {
      retryLimit: 2,
      expireInSeconds: 300,
      deadLetter: `${ROUND_QUEUE}${DEAD_SUFFIX}`,
    })
    .catch(ignoreExists);
  await boss
    .createQueue(CELL_QUEUE, {
      policy: 'stately',
      ...retries,
      expireInSeconds: 300,
      heartbeatSeconds,
      deadLetter: `${CELL_QUEUE}${DEAD_SUFFIX}`,
    })
    .catch(ignoreExists);
  await boss
    .createQueue(PUSH_QUEUE, {
      ...retries,
      expireInSeconds: 120,
      heartbeatSeconds,
      deadLetter: `${PUSH_QUEUE}${DEAD_SUFFIX}`,
    })
    .catch(ignoreExists);

  const normalsJobs = options.normals
    ? await startNormalsJobs({
        boss,
        db,
        normals: options.normals,
        logger,
        work: options.work,
      })
    : undefined;
  if (normalsJobs) options.normals?.useQueue(normalsJobs);

  const lag = (queue: string, jobs: Job<unknown>[]) => {
    for (const job of jobs) {
      const created = (job as { createdOn?: Date }).createdOn;
      if (created)
        metrics.queueLag(queue, Math.max(0, (now().getTime() - created.getTime()) / 1000));
    }
  };

  async function round(): Promise<void> {
    const cellLat = sql<number>`round(places.latitude * 100)::int`;
    const cellLon = sql<number>`round(places.longitude * 100)::int`;
    const cells = await db
      .selectFrom('watches')
      .innerJoin('places', 'places.id', 'watches.placeId')
      .where('watches.enabled', '=', true)
      .select([
        cellLat.as('lat'),
        cellLon.as('lon'),
        sql<boolean>`bool_or(watches.kind in ('rain-starts', 'rain-stops'))`.as('rain'),
        sql<boolean>`bool_or(watches.kind = 'warning')`.as('alerts'),
        sql<boolean>`bool_or(watches.kind = 'aqi')`.as('air'),
        sql<boolean>`bool_or(watches.kind = 'unusual-tomorrow')`.as('normals'),
      ])
      .groupBy([cellLat, cellLon])
      .execute();
    for (let i = 0; i < cells.length; i += 500) {
      await boss.insert(
        CELL_QUEUE,
        cells
          .slice(i, i + 500)
          .map((cell) => ({ data: cell, singletonKey: `${cell.lat}:${cell.lon}` })),
      );
    }
    logger.debug({ cells: cells.length }, 'watch round queued its cells');
  }

  /**
   * Evaluates a batch of cells: one query for all their watches and one update
   * of `evaluated_at`, so a round costs a few round trips per batch instead of
   * several per cell (the watches bench's profile: per-cell round trips and
   * their socket writes came right after reading each cell's forecast).
   */
  async function evaluateCells(cells: readonly CellJob[]): Promise<void> {
    if (cells.length === 0) return;
    const rows = await watchRowsAt(db, cells);
    const instant = now().getTime();
    const changed: { id: string; conditionMet: boolean }[] = [];
    for (const cell of cells) {
      const here = rows.filter((row) => row.cellLat === cell.lat && row.cellLon === cell.lon);
      await evaluateCell(cell, here, instant, changed);
    }
    for (const value of [true, false]) {
      const ids = changed.filter((c) => c.conditionMet === value).map((c) => c.id);
      if (ids.length > 0)
        await db
          .updateTable('watches')
          .set({ conditionMet: value })
          .where('id', 'in', ids)
          .execute();
    }
    if (rows.length > 0)
      await db
        .updateTable('watches')
        .set({ evaluatedAt: new Date(instant) })
        .where(
          'id',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
    metrics.evaluated(rows.length);
  }

  async function evaluateCell(
    cell: CellJob,
    rows: readonly WatchRow[],
    instant: number,
    changed: { id: string; conditionMet: boolean }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const weather = await options.weather.cellWeather(
      { latitude: cell.lat / 100, longitude: cell.lon / 100 },
      {
        alerts: cell.alerts,
        airQuality: cell.air,
        round: true,
        ...(cell.rain ? { forecastMaxAgeMs: options.intervalSeconds * 1000 } : {}),
      },
    );
    let normals: CellWeather['normals'] = null;
    if (cell.normals && options.normals) {
      // From the normals table, no provider call: yesterday to two days ahead covers every zone's tomorrow.
      const today = new Date(instant).toISOString().slice(0, 10);
      const dates = [-1, 0, 1, 2].map((days) =>
        new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
      );
      normals = await options.normals.storedDays(cell.lat / 100, cell.lon / 100, dates);
    }
    for (const row of rows) {
      const rule = watchRuleSchema.safeParse(row.rule);
      const schedule = watchScheduleSchema.safeParse(row.schedule);
      if (!rule.success || !schedule.success) continue;
      const zone = row.timezone ?? weather.forecast?.location.timezone ?? 'UTC';
      const result = evaluateWatch(
        { rule: rule.data, schedule: schedule.data, conditionMet: row.conditionMet },
        { ...weather, normals },
        zone,
        instant,
      );
      if (result.conditionMet !== row.conditionMet || result.events.length > 0)
        logger.debug(
          {
            watchId: row.id,
            was: row.conditionMet,
            now: result.conditionMet,
            events: result.events.map((event) => event.key),
            forecastFetchedAt: weather.forecastFetchedAt,
          },
          'watch condition changed',
        );
      let events = result.events;
      if (KEYED_KINDS.has(rule.data.kind) && events.length > 0) {
        // Warnings in force (and unusual tomorrows) are candidates every round: skip those already
        // sent without a transaction.
        const keys = events.map((event) => `${row.id}:${event.key}`);
        const taken = new Set(
          (
            await db
              .selectFrom('notifications')
              .select('eventKey')
              .where('userId', '=', row.userId)
              .where('eventKey', 'in', keys)
              .execute()
          ).map((taken) => taken.eventKey),
        );
        events = events.filter((event) => !taken.has(`${row.id}:${event.key}`));
      }
      if (events.length === 0) {
        if (result.conditionMet !== row.conditionMet)
          changed.push({ id: row.id, conditionMet: result.conditionMet });
        continue;
      }
      await db.transaction().execute(async (trx) => {
        // Only the evaluation that turns the condition true sends (keyed kinds: the key decides).
        const turned = await trx
          .updateTable('watches')
          .set({ conditionMet: true, evaluatedAt: new Date(instant) })
          .where('id', '=', row.id)
          .where((eb) =>
            KEYED_KINDS.has(rule.data.kind) ? eb.val(true) : eb('conditionMet', '=', false),
          )
          .returning('id')
          .executeTakeFirst();
        if (!turned) return;
        const language = languageOf(row.language);
        for (const event of events) {
          const text = describeEvent(event, row.name, {
            language,
            temperature: row.units ?? 'metric',
            wind: row.windUnit ?? 'kmh',
          });
          const id = await recordNotification(
            trx,
            jobs,
            {
              userId: row.userId,
              watchId: row.id,
              placeId: row.placeId,
              eventKey: `${row.id}:${event.key}`,
              kind: event.kind,
              text,
              url: placeUrl(options.publicOrigin, row),
              urgency: urgencyOf(event),
            },
            options.maxPerHour,
          );
          if (id) metrics.fired(event.kind);
        }
      });
    }
  }

  /** Sends one delivery; a row lock keeps a second instance's retry from sending it beside us. */
  async function deliver({ deliveryId, urgency }: PushJob): Promise<void> {
    const outcome = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('pushDeliveries')
        .innerJoin('pushSubscriptions', 'pushSubscriptions.id', 'pushDeliveries.subscriptionId')
        .innerJoin('notifications', 'notifications.id', 'pushDeliveries.notificationId')
        .leftJoin('preferences', 'preferences.userId', 'notifications.userId')
        .where('pushDeliveries.id', '=', deliveryId)
        .select([
          'pushDeliveries.status',
          'pushDeliveries.attempts',
          'pushDeliveries.subscriptionId',
          'pushSubscriptions.endpoint',
          'pushSubscriptions.p256dh',
          'pushSubscriptions.auth',
          'notifications.id as notificationId',
          'notifications.watchId',
          'notifications.kind',
          'notifications.title',
          'notifications.body',
          'notifications.url',
          'preferences.language',
        ])
        .forUpdate('pushDeliveries')
        .executeTakeFirst();
      // Gone with its subscription, or sent by an earlier attempt: nothing to do.
      if (!row || row.status !== 'pending') return 'done' as const;
      const topic = topicOf(row.watchId);
      const result = await options.push.send(
        row,
        pushPayload({
          id: row.notificationId,
          title: row.title,
          body: row.body,
          url: row.url,
          kind: row.kind,
          topic,
          language: languageOf(row.language),
        }),
        {
          ttlSeconds: ttlOf(row.kind),
          urgency,
          topic,
        },
      );
      const attempts = row.attempts + 1;
      switch (result.kind) {
        case 'sent':
          await trx
            .updateTable('pushDeliveries')
            .set({ status: 'sent', attempts, sentAt: now(), lastError: null })
            .where('id', '=', deliveryId)
            .execute();
          await trx
            .updateTable('pushSubscriptions')
            .set({ lastSuccessAt: now() })
            .where('id', '=', row.subscriptionId)
            .execute();
          metrics.sent();
          return 'done' as const;
        case 'gone':
          // The browser unsubscribed or the subscription expired: forget it (and its deliveries).
          await trx.deleteFrom('pushSubscriptions').where('id', '=', row.subscriptionId).execute();
          metrics.failed('gone');
          return 'done' as const;
        case 'failed':
          await trx
            .updateTable('pushDeliveries')
            .set({ status: 'failed', attempts, lastError: result.reason })
            .where('id', '=', deliveryId)
            .execute();
          metrics.failed('refused');
          return 'done' as const;
        case 'retry': {
          const givingUp = attempts >= MAX_PUSH_ATTEMPTS;
          await trx
            .updateTable('pushDeliveries')
            .set({ status: givingUp ? 'failed' : 'pending', attempts, lastError: result.reason })
            .where('id', '=', deliveryId)
            .execute();
          metrics.failed(givingUp ? 'gave-up' : 'retry');
          if (givingUp) return 'done' as const;
          if (result.retryAfterSeconds !== null) {
            // The service said when: a new job then, this one is done.
            await boss.send(
              PUSH_QUEUE,
              { deliveryId, urgency },
              { startAfter: result.retryAfterSeconds, db: fromKysely(trx) },
            );
            return 'done' as const;
          }
          return 'retry' as const;
        }
      }
    });
    // Thrown after the attempt is counted: pg-boss retries with backoff.
    if (outcome === 'retry') throw new Error('push service busy; retrying with backoff');
  }

  const jobs: JobSender = {
    async sendPush(deliveryId, urgency, within) {
      await boss.send(PUSH_QUEUE, { deliveryId, urgency }, { db: within });
    },
  };

  if (options.work) {
    await boss.work(ROUND_QUEUE, { pollingIntervalSeconds: 0.5 }, async (batch: Job<unknown>[]) => {
      lag(ROUND_QUEUE, batch);
      await round();
    });
    await boss.work(
      CELL_QUEUE,
      // A batch per fetch and a short poll: a worker that waits out the default 2 s poll between
      // single jobs evaluates a few cells a second, far from a round over thousands of cells. And
      // no wait at all while fetches come back full (`burstWhenBatchFull`): a worker otherwise
      // waits out the 0.5 s poll after every batch, which was most of a warm round's time in
      // the watches bench (its process idle 84 % of the round).
      {
        localConcurrency: options.cellConcurrency ?? 2,
        batchSize: 10,
        pollingIntervalSeconds: 0.5,
        burstWhenBatchFull: true,
      },
      async (batch: Job<unknown>[]) => {
        lag(CELL_QUEUE, batch);
        await evaluateCells(batch.map((job) => cellJobSchema.parse(job.data)));
      },
    );
    await boss.work(
      PUSH_QUEUE,
      { localConcurrency: 4, batchSize: 10, pollingIntervalSeconds: 0.5 },
      async (batch: Job<unknown>[]) => {
        lag(PUSH_QUEUE, batch);
        for (const job of batch) await deliver(pushJobSchema.parse(job.data));
      },
    );
  }

  async function scheduleRound(): Promise<void> {
    await boss.sendThrottled(ROUND_QUEUE, {}, null, options.intervalSeconds, 'round');
  }

  let timer: NodeJS.Timeout | undefined;
  if (options.work) {
    // Every instance offers the round; the throttle slot lets one job per interval through.
    const tick = () =>
      void scheduleRound().catch((error: unknown) =>
        warnOnce(error, 'could not queue a watch round'),
      );
    tick();
    timer = setInterval(tick, Math.max(500, (options.intervalSeconds * 1000) / 4));
    timer.unref();
  }

  return {
    ...jobs,
    scheduleRound,
    async stop() {
      if (timer) clearInterval(timer);
      normalsJobs?.stopping();
      await boss.stop({ graceful: true, timeout: options.drainTimeoutMs ?? 20_000, close: true });
    },
  };
}

function languageOf(value: string | null | undefined): Language {
  const parsed = languageSchema.safeParse(value);
  return parsed.success ? parsed.data : 'en';
}

function ignoreExists(error: unknown): void {
  if (error instanceof Error && /already exists/i.test(error.message)) return;
  throw error;
}
