import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import type { ApiMetrics, BreakerState, WatchMetrics } from '@skycast/api';
import type { PoolCounts } from '@skycast/db';

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'half-open', 'open'];

export interface Metrics {
  readonly registry: Registry;
  /** Handed to createServices: cache answers and provider calls. */
  readonly api: ApiMetrics;
  /** Handed to the watch queue: evaluations, events fired, pushes sent and failed, queue lag. */
  readonly watches: WatchMetrics;
  /**
   * Times a `/trpc/…` request from its start (before any middleware) to its
   * answer, labelled by procedure and status.
   */
  readonly trpcRequest: (req: IncomingMessage, res: ServerResponse) => void;
  /** Counts a public answer sent ready-made from memory (the hot path before tRPC). */
  readonly publicAnswerSent: () => void;
  /** Counts a procedure call refused by a rate limit. */
  readonly rateLimitRefused: (procedure: string) => void;
  /** Reports a database pool's connections at every scrape. */
  readonly observePool: (pool: PoolCounts) => void;
}

/**
 * The server's Prometheus metrics: requests, the weather cache, provider
 * calls, rate limiting, the database pool, and Node's own (event-loop lag,
 * memory, CPU, handles). Procedure labels come only from `procedures`, so a
 * client cannot grow the label set with made-up paths.
 *
 * @example
 * const metrics = createMetrics(procedureNames);
 * await serveMetrics(metrics, 9464);
 */
export function createMetrics(procedures: readonly string[]): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    api: apiMetrics(registry),
    watches: watchMetrics(registry),
    ...requestMetrics(registry, procedures),
    observePool: poolMetrics(registry),
  };
}

type RequestMetrics = Pick<Metrics, 'trpcRequest' | 'publicAnswerSent' | 'rateLimitRefused'>;

/** tRPC requests by procedure and status, answers from memory, rate-limit refusals. */
function requestMetrics(registry: Registry, procedures: readonly string[]): RequestMetrics {
  const known = new Set(procedures);
  const requestSeconds = new Histogram({
    name: 'skycast_trpc_request_duration_seconds',
    help: 'tRPC calls by procedure and HTTP status; a batch counts once for each of its procedures.',
    labelNames: ['procedure', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const publicAnswers = new Counter({
    name: 'skycast_public_answers_from_memory_total',
    help: 'Public answers sent ready-made from memory, before tRPC (304s included).',
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'skycast_rate_limit_refusals_total',
    help: 'Calls refused because a client went over a procedure’s rate limit.',
    labelNames: ['procedure'],
    registers: [registry],
  });

  const procedureLabel = (name: string) => (known.has(name) ? name : 'unknown');

  return {
    trpcRequest(req, res) {
      const end = requestSeconds.startTimer();
      // `/trpc/a,b?batch=1` carries two calls: each is labelled, at most a batch's worth.
      const url = req.url ?? '';
      const query = url.indexOf('?');
      const names = url
        .slice(url.indexOf('/', 1) + 1, query === -1 ? undefined : query)
        .split(',')
        .slice(0, 16)
        .map(procedureLabel);
      res.once('finish', () => {
        const seconds = end();
        for (const procedure of names) {
          requestSeconds.observe({ procedure, status: String(res.statusCode) }, seconds);
        }
      });
    },
    publicAnswerSent: () => publicAnswers.inc(),
    rateLimitRefused: (procedure) => refusals.inc({ procedure: procedureLabel(procedure) }),
  };
}

/** The weather cache's answers, provider calls and their circuit breakers. */
function apiMetrics(registry: Registry): ApiMetrics {
  const cacheAnswers = new Counter({
    name: 'skycast_weather_cache_answers_total',
    help: 'Weather cache answers: hit, revalidate (served while refreshing), miss (waited for the provider), stale.',
    labelNames: ['result'],
    registers: [registry],
  });
  const providerCalls = new Counter({
    name: 'skycast_provider_calls_total',
    help: 'Calls to upstream weather services by outcome (ok, or the kind of failure).',
    labelNames: ['provider', 'outcome'],
    registers: [registry],
  });
  const providerSeconds = new Histogram({
    name: 'skycast_provider_call_duration_seconds',
    help: 'Latency of calls to upstream weather services.',
    labelNames: ['provider'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'skycast_provider_breaker_state',
    help: 'Circuit breaker per provider: 1 for the state it is in, 0 for the others.',
    labelNames: ['provider', 'state'],
    registers: [registry],
  });
  return {
    cacheAnswer: (result) => cacheAnswers.inc({ result }),
    providerCall(provider, outcome, seconds) {
      providerCalls.inc({ provider, outcome });
      providerSeconds.observe({ provider }, seconds);
    },
    breakerState(provider, state) {
      for (const each of BREAKER_STATES)
        breaker.set({ provider, state: each }, each === state ? 1 : 0);
    },
  };
}

/** Watches evaluated, events fired, pushes sent and failed, and the job queue's lag. */
function watchMetrics(registry: Registry): WatchMetrics {
  const evaluations = new Counter({
    name: 'skycast_watch_evaluations_total',
    help: 'Watches evaluated (one per watch per round).',
    registers: [registry],
  });
  const fired = new Counter({
    name: 'skycast_watch_events_fired_total',
    help: 'Events that made a notification, by kind of watch.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const pushesSent = new Counter({
    name: 'skycast_push_sent_total',
    help: 'Web Push messages a push service accepted.',
    registers: [registry],
  });
  const pushesFailed = new Counter({
    name: 'skycast_push_failed_total',
    help: 'Web Push messages not delivered, by reason: gone (404/410), refused, retry (429/5xx), gave-up.',
    labelNames: ['reason'],
    registers: [registry],
  });
  const queueLag = new Histogram({
    name: 'skycast_job_queue_lag_seconds',
    help: 'From a job’s creation to its start, by queue (watch-round, watch-cell, watch-push).',
    labelNames: ['queue'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  return {
    evaluated: (count) => evaluations.inc(count),
    fired: (kind) => fired.inc({ kind }),
    sent: () => pushesSent.inc(),
    failed: (reason) => pushesFailed.inc({ reason }),
    queueLag: (queue, seconds) => queueLag.observe({ queue }, seconds),
  };
}

/** The database pools' connections, read at every scrape; returns how to add a pool. */
function poolMetrics(registry: Registry): Metrics['observePool'] {
  const pools: PoolCounts[] = [];
  new Gauge({
    name: 'skycast_db_pool_connections',
    help: 'PostgreSQL pool connections: in_use, idle, and queries waiting for one.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      let total = 0;
      let idle = 0;
      let waiting = 0;
      for (const pool of pools) {
        total += pool.totalCount;
        idle += pool.idleCount;
        waiting += pool.waitingCount;
      }
      this.set({ state: 'in_use' }, total - idle);
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'waiting' }, waiting);
    },
  });

  return (pool) => void pools.push(pool);
}

/**
 * Serves `GET /metrics` on its own port, away from the public one: what
 * reaches the app through the load balancer or Ingress never sees it.
 */
export function serveMetrics(metrics: Metrics, port: number, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try GET /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
      (error: unknown) => {
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end('metrics could not be collected\n');
        logger.error({ err: error }, 'collecting metrics failed');
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Every interface: Prometheus scrapes the pod's address. Nothing routes the public there.
    server.listen(port, () => resolve(server));
  });
}
