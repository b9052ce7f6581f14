import type { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';

import { ProviderError } from '@skycast/weather';

import { procedureInfo } from './procedures.ts';
import { RateLimitExceeded } from './rate-limit.ts';
import { DatabaseUnavailable, type Context } from './trpc.ts';
import { isIncomplete } from './weather/request-scope.ts';

export interface ResponseHeaderOptions {
  /**
   * True when this request's answer is someone's own (e.g. a signed-in user,
   * whose response may carry a refreshed session cookie): then nothing in it
   * is marked public, whatever the procedures say.
   */
  isPersonal?: (ctx: Context | undefined) => boolean;
}

/**
 * The headers of a tRPC HTTP response, for the adapter's `responseMeta`:
 * `Cache-Control: public, max-age=N` only when every call in the request is a
 * public query with `meta.cacheSeconds` and none failed (N is the smallest),
 * and the answer lacks nothing it was asked for (no `null` for a place whose
 * weather failed or was refused); `no-store` otherwise; `Retry-After` when a call was refused for its rate
 * limit, an upstream's, or because the database could not serve it.
 *
 * @example
 * createExpressMiddleware({ router, responseMeta: (opts) => responseHeaders(opts, { isPersonal }) });
 */
export function responseHeaders(
  opts: {
    ctx?: Context | undefined;
    info: TRPCRequestInfo | undefined;
    type: string;
    errors: TRPCError[];
  },
  options: ResponseHeaderOptions = {},
): { headers: Record<string, string> } {
  const headers: Record<string, string> = {
    'cache-control': cacheControl(opts, options),
  };
  const retryAfter = retryAfterSeconds(opts.errors);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return { headers };
}

function cacheControl(
  opts: {
    ctx?: Context | undefined;
    info: TRPCRequestInfo | undefined;
    type: string;
    errors: TRPCError[];
  },
  options: ResponseHeaderOptions,
): string {
  const calls = opts.info?.calls ?? [];
  if (opts.type !== 'query' || opts.errors.length > 0 || calls.length === 0) return 'no-store';
  // An answer with a hole (a place whose weather failed or was refused) is
  // true only for this caller, now: nobody may keep it.
  if (isIncomplete(opts.ctx?.weatherScope)) return 'no-store';
  if (options.isPersonal?.(opts.ctx)) return 'private, no-store';
  let maxAge = Infinity;
  for (const call of calls) {
    const seconds = call.procedure ? procedureInfo(call.procedure).cacheSeconds : 0;
    maxAge = Math.min(maxAge, seconds);
  }
  return maxAge > 0 ? `public, max-age=${maxAge}` : 'no-store';
}

function retryAfterSeconds(errors: TRPCError[]): number | undefined {
  let seconds: number | undefined;
  for (const error of errors) {
    let wait: number | undefined;
    if (error.cause instanceof RateLimitExceeded || error.cause instanceof DatabaseUnavailable)
      wait = error.cause.retryAfterSeconds;
    else if (error.cause instanceof ProviderError && error.cause.retryAt) {
      wait = Math.max(1, Math.ceil((error.cause.retryAt.getTime() - Date.now()) / 1000));
    }
    if (wait !== undefined) seconds = Math.max(seconds ?? 0, wait);
  }
  return seconds;
}
