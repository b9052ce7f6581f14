import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
} from 'cockatiel';

import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import { sql, type Database, type Kysely } from '@skycast/db';
import { MAX_RETRY_AFTER_MS, ProviderError } from '@skycast/weather';

import type { Logger } from '../logger.ts';
import { noMetrics, type ApiMetrics } from '../metrics.ts';
import { sharedLimiter } from '../rate-limit.ts';
import { reserveOf } from './new-places-budget.ts';

export interface QuotaWindow {
  windowSeconds: number;
  capacity: number;
}

export interface ProviderGateOptions {
  db: Kysely<Database>;
  logger: Logger;
  /** Call budgets per provider, shared by every instance on this database. */
  quotas: Record<string, QuotaWindow[]>;
  /** Consecutive failures that open a provider's circuit. */
  breakerThreshold?: number;
  /** How long an open circuit refuses calls before one is tried again. */
  breakerHalfOpenAfterMs?: number;
  /** Base delay of the jittered exponential backoff between attempts. */
  retryDelayMs?: number;
  metrics?: ApiMetrics;
}

/**
 * Every call to an upstream weather service goes through here. In order:
 * a provider that answered 429 is not called again (by any instance) before
 * its Retry-After, clamped to the longest window of its budget and to an hour
 * (a pause asked for longer would stop every instance for as long); every
 * window of the shared call budget must grant a call (a tenth of each kept
 * for clients' first places); an open circuit
 * refuses at once; network errors and 5xx are retried (3 attempts at most).
 *
 * @example
 * const gate = createProviderGate({ db, logger, quotas: { 'open-meteo': [{ windowSeconds: 60, capacity: 600 }] } });
 * const forecast = await gate.call('open-meteo', () => provider.forecast(query));
 */
export interface ProviderGate {
  /**
   * Charges the budget `options.weight` calls (what the provider counts the
   * call as: Open-Meteo weighs calls by columns and days, `openMeteoCallWeight`),
   * rounded up to whole ones so the shared count never undercounts.
   */
  call<T>(provider: string, action: () => Promise<T>, options?: CallOptions): Promise<T>;
  /**
   * What is left of each window of the provider's budget now, across
   * instances, so background work can wait for room instead of taking the
   * forecasts' share.
   */
  headroom(provider: string): Promise<BudgetHeadroom[]>;
}

export interface BudgetHeadroom extends QuotaWindow {
  remaining: number;
  /** When the window's count starts again. */
  resetsInMs: number;
}

export interface CallOptions {
  /**
   * A client's first new place (its bucket was full): it may take from the
   * share of each quota window kept for first places once the rest is spent.
   */
  firstPlace?: boolean;
  /** What the provider counts this call as; 1 by default. */
  weight?: number;
}

const isUpstreamFailure = (error: unknown) =>
  error instanceof ProviderError &&
  (error.kind === 'network' ||
    error.kind === 'timeout' ||
    error.kind === 'malformed' ||
    (error.kind === 'http' && (error.status ?? 0) >= 500));

// A slow provider rarely gets faster on the next try, and three 5 s timeouts
// would hold a request for 15 s: only failures that fail fast are retried.
const isRetryable = (error: unknown) =>
  error instanceof ProviderError &&
  (error.kind === 'network' || (error.kind === 'http' && (error.status ?? 0) >= 500));

export function createProviderGate(options: ProviderGateOptions): ProviderGate {
  const { db, logger } = options;
  const metrics = options.metrics ?? noMetrics;
  const policies = new Map<string, IPolicy>();

  function policyFor(provider: string): IPolicy {
    let policy = policies.get(provider);
    if (!policy) {
      const breaker = circuitBreaker(handleWhen(isUpstreamFailure), {
        halfOpenAfter: options.breakerHalfOpenAfterMs ?? 15_000,
        breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
      });
      breaker.onBreak(() => {
        metrics.breakerState(provider, 'open');
        logger.warn({ provider }, 'circuit opened: provider keeps failing');
      });
      breaker.onHalfOpen(() => metrics.breakerState(provider, 'half-open'));
      breaker.onReset(() => {
        metrics.breakerState(provider, 'closed');
        logger.info({ provider }, 'circuit closed: provider answers again');
      });
      metrics.breakerState(provider, 'closed');
      const retries = retry(handleWhen(isRetryable), {
        maxAttempts: 2,
        backoff: new ExponentialBackoff({
          initialDelay: options.retryDelayMs ?? 200,
          maxDelay: 2_000,
        }),
      });
      policy = wrap(retries, breaker);
      policies.set(provider, policy);
    }
    return policy;
  }

  /** The longest pause a 429 may impose on calls to `provider`, in ms. */
  function longestPauseMs(provider: string): number {
    const windows = (options.quotas[provider] ?? []).map((window) => window.windowSeconds * 1000);
    return windows.length === 0
      ? MAX_RETRY_AFTER_MS
      : Math.min(MAX_RETRY_AFTER_MS, Math.max(...windows));
  }

  async function blockedUntil(provider: string): Promise<Date | undefined> {
    const row = await db
      .selectFrom('providerBlocks')
      .select('blockedUntil')
      .where('provider', '=', provider)
      .where('blockedUntil', '>', sql<Date>`now()`)
      // A pause longer than any we set (an older release took Retry-After as it came) is ignored.
      .where(
        'blockedUntil',
        '<=',
        sql<Date>`now() + ${longestPauseMs(provider)} * interval '1 millisecond'`,
      )
      .executeTakeFirst();
    return row?.blockedUntil;
  }

  /** The 429 with its retry time no later than the longest pause allowed. */
  function clamped(provider: string, error: ProviderError & { retryAt: Date }): ProviderError {
    const latest = Date.now() + longestPauseMs(provider);
    if (error.retryAt.getTime() <= latest) return error;
    return new ProviderError({
      kind: error.kind,
      provider: error.provider,
      message: error.message,
      retryAt: new Date(latest),
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.reason === undefined ? {} : { reason: error.reason }),
      cause: error,
    });
  }

  async function block(provider: string, until: Date, reason: string): Promise<void> {
    await db
      .insertInto('providerBlocks')
      .values({ provider, blockedUntil: until, reason })
      .onConflict((oc) =>
        oc.column('provider').doUpdateSet({
          // The later pause wins, but never one past the longest allowed (a row left by an older release).
          blockedUntil: sql`greatest(least(provider_blocks.blocked_until, now() + ${longestPauseMs(provider)} * interval '1 millisecond'), excluded.blocked_until)`,
          reason,
        }),
      )
      .execute();
  }

  /** Each window's limiter of all calls, and of calls outside its reserve for first places. */
  interface QuotaLimiters {
    all: RateLimiterAbstract;
    ordinary: RateLimiterAbstract;
  }
  const quotaLimiters = new Map<string, QuotaLimiters[]>();
  function quotaOf(provider: string): QuotaLimiters[] {
    let limiters = quotaLimiters.get(provider);
    if (!limiters) {
      limiters = (options.quotas[provider] ?? []).map((window) => ({
        all: sharedLimiter(db, {
          name: `quota:${window.windowSeconds}`,
          points: window.capacity,
          windowSeconds: window.windowSeconds,
        }),
        ordinary: sharedLimiter(db, {
          name: `quota-ordinary:${window.windowSeconds}`,
          points: Math.max(1, window.capacity - reserveOf(window.capacity)),
          windowSeconds: window.windowSeconds,
        }),
      }));
      quotaLimiters.set(provider, limiters);
    }
    return limiters;
  }

  /**
   * Takes `points` calls from every window of the provider's budget, or none: a
   * window that refuses gets back what the others took. Each window is one
   * or two single-row upserts, so instances never wait on each other's
   * locks. An ordinary call must fit in what a window leaves besides its
   * reserve; a first place may take from the reserve once that is spent,
   * so no set of hungry clients can leave a newcomer without one.
   */
  async function takeToken(
    provider: string,
    firstPlace: boolean,
    points: number,
  ): Promise<boolean> {
    const windows = quotaOf(provider);
    const outcomes = await Promise.allSettled(
      windows.map((window) => takeFromWindow(provider, window, firstPlace, points)),
    );
    const refused = outcomes.filter(
      (outcome) => outcome.status === 'rejected' || outcome.value === false,
    );
    if (refused.length === 0) return true;
    await Promise.all(
      windows.map(async (window, i) => {
        const outcome = outcomes[i];
        if (outcome?.status !== 'fulfilled' || outcome.value === false) return;
        await window.all.reward(provider, points);
        if (outcome.value === 'ordinary') await window.ordinary.reward(provider, points);
      }),
    );
    const failure = refused.find((outcome) => outcome.status === 'rejected');
    if (failure?.status === 'rejected') throw failure.reason;
    return false;
  }

  /** Which share of the window granted the call, or false when it refuses. */
  async function takeFromWindow(
    provider: string,
    window: QuotaLimiters,
    firstPlace: boolean,
    points: number,
  ): Promise<'ordinary' | 'reserve' | false> {
    // The ordinary share first: a refused take still counts in rate-limiter-flexible,
    // so a call is counted in `all` only once it is sure to be made (or `all` is full).
    const share = (await granted(window.ordinary.consume(provider, points)))
      ? 'ordinary'
      : firstPlace
        ? 'reserve'
        : undefined;
    if (!share) return false;
    if (await granted(window.all.consume(provider, points))) return share;
    if (share === 'ordinary') await window.ordinary.reward(provider, points);
    return false;
  }

  async function attempt<T>(
    provider: string,
    action: () => Promise<T>,
    firstPlace: boolean,
    points: number,
  ): Promise<T> {
    const until = await blockedUntil(provider);
    if (until) {
      throw new ProviderError({
        kind: 'rate-limited',
        provider,
        retryAt: until,
        message: `${provider} asked us to wait until ${until.toISOString()}`,
      });
    }
    if (!(await takeToken(provider, firstPlace, points))) {
      throw new ProviderError({
        kind: 'over-quota',
        provider,
        message: `${provider} call budget is used up`,
      });
    }
    const started = performance.now();
    try {
      const result = await action();
      metrics.providerCall(provider, 'ok', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      metrics.providerCall(
        provider,
        error instanceof ProviderError ? error.kind : 'network',
        (performance.now() - started) / 1000,
      );
      if (error instanceof ProviderError && error.kind === 'rate-limited' && error.retryAt) {
        const pause = clamped(provider, error as ProviderError & { retryAt: Date });
        await block(provider, pause.retryAt!, error.reason ?? 'HTTP 429');
        logger.warn({ provider, until: pause.retryAt }, 'provider rate-limited us; pausing calls');
        throw pause;
      }
      throw error;
    }
  }

  return {
    async headroom(provider) {
      const windows = options.quotas[provider] ?? [];
      if (windows.length === 0) return [];
      // Read straight from the limiters' table (rate-limiter-flexible's `get`
      // expects a driver result with `rowCount`, which Kysely's does not carry).
      const now = Date.now();
      const rows = await db
        .selectFrom('rateLimits')
        .select(['key', 'points', 'expire'])
        .where(
          'key',
          'in',
          windows.map((window) => `quota:${window.windowSeconds}:${provider}`),
        )
        .execute();
      return windows.map((window) => {
        const row = rows.find((r) => r.key === `quota:${window.windowSeconds}:${provider}`);
        const expire = row?.expire === null || row?.expire === undefined ? 0 : Number(row.expire);
        const live = row !== undefined && expire > now;
        return {
          ...window,
          remaining: Math.max(0, window.capacity - (live ? row.points : 0)),
          resetsInMs: live ? expire - now : 0,
        };
      });
    },

    async call(provider, action, callOptions = {}) {
      const firstPlace = callOptions.firstPlace ?? false;
      const points = Math.max(1, Math.ceil(callOptions.weight ?? 1));
      try {
        return await policyFor(provider).execute(() =>
          attempt(provider, action, firstPlace, points),
        );
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          throw new ProviderError({
            kind: 'circuit-open',
            provider,
            message: `${provider} keeps failing; calls are paused for a moment`,
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}

/** True when rate-limiter-flexible granted the point, false when it refused; store failures are thrown. */
async function granted(consume: Promise<unknown>): Promise<boolean> {
  try {
    await consume;
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}
