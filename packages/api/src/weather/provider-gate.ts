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
 * window of the shared call budget must grant a call; an open circuit
 * refuses at once; network errors and 5xx are retried (3 attempts at most).
 *
 * @example
 * const gate = createProviderGate({ db, logger, quotas: { 'open-meteo': [{ windowSeconds: 60, capacity: 600 }] } });
 * const forecast = await gate.call('open-meteo', () => provider.forecast(query));
 */
export interface ProviderGate {
  /** `weight`: how many calls of the budget the provider counts this one as (default 1). */
  call<T>(provider: string, action: () => Promise<T>, options?: { weight?: number }): Promise<T>;
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

  const quotaLimiters = new Map<string, RateLimiterAbstract[]>();
  function quotaOf(provider: string): RateLimiterAbstract[] {
    let limiters = quotaLimiters.get(provider);
    if (!limiters) {
      limiters = (options.quotas[provider] ?? []).map((window) =>
        sharedLimiter(db, {
          name: `quota:${window.windowSeconds}`,
          points: window.capacity,
          windowSeconds: window.windowSeconds,
        }),
      );
      quotaLimiters.set(provider, limiters);
    }
    return limiters;
  }

  /**
   * Takes one call from every window of the provider's budget, or none: a
   * window that refuses gets back what the others took. Each window is one
   * single-row upsert, so instances never wait on each other's locks.
   */
  async function takeToken(provider: string, weight: number): Promise<boolean> {
    const limiters = quotaOf(provider);
    const outcomes = await Promise.allSettled(
      limiters.map((limiter) => limiter.consume(provider, weight)),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    if (refused.length === 0) return true;
    await Promise.all(
      limiters
        .filter((_, i) => outcomes[i]?.status === 'fulfilled')
        .map((limiter) => limiter.reward(provider, weight)),
    );
    const failure = refused.find((outcome) => !(outcome.reason instanceof RateLimiterRes));
    if (failure) throw failure.reason;
    return false;
  }

  async function attempt<T>(
    provider: string,
    action: () => Promise<T>,
    weight: number,
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
    if (!(await takeToken(provider, weight))) {
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

    async call(provider, action, callOptions) {
      const weight = Math.max(1, Math.ceil(callOptions?.weight ?? 1));
      try {
        return await policyFor(provider).execute(() => attempt(provider, action, weight));
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
