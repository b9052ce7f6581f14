import type { z } from 'zod';

import { ProviderError } from './provider-error.ts';

/** The local simulator marks its answers with this header so the UI can say so. */
export const SIMULATED_HEADER = 'x-skycast-simulated';

export interface ProviderResponse<T> {
  body: T;
  simulated: boolean;
}

export interface FetchJsonOptions<T> {
  provider: string;
  url: URL;
  schema: z.ZodType<T>;
  timeoutMs: number;
  /** Reads the provider's error body into a human sentence. */
  readErrorReason?: (body: unknown) => string | undefined;
}

/**
 * GETs a provider URL and validates the JSON body against `schema`. Every
 * failure — timeout, refused connection, error status, bad JSON, wrong
 * shape — becomes a {@link ProviderError}; nothing else is thrown.
 */
export async function fetchJson<T>(options: FetchJsonOptions<T>): Promise<ProviderResponse<T>> {
  const { provider, url, schema, timeoutMs } = options;
  const where = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ProviderError({
      kind: timedOut ? 'timeout' : 'network',
      provider,
      message: timedOut
        ? `${provider} did not answer within ${timeoutMs} ms (${where})`
        : `${provider} could not be reached (${where})`,
      cause: error,
    });
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ProviderError({
      kind: timedOut ? 'timeout' : 'network',
      provider,
      message: `${provider} broke off its answer (${where})`,
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!response.ok) throw httpError(options, response, undefined);
    throw new ProviderError({
      kind: 'malformed',
      provider,
      status: response.status,
      message: `${provider} answered with a body that is not JSON (${where})`,
      cause: error,
    });
  }

  if (!response.ok) throw httpError(options, response, json);

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError({
      kind: 'malformed',
      provider,
      status: response.status,
      message: `${provider} answered in an unexpected shape (${where}): ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ')}`,
    });
  }
  return { body: parsed.data, simulated: response.headers.get(SIMULATED_HEADER) === '1' };
}

function httpError<T>(
  options: FetchJsonOptions<T>,
  response: Response,
  body: unknown,
): ProviderError {
  const reason = body === undefined ? undefined : options.readErrorReason?.(body);
  const rateLimited = response.status === 429;
  return new ProviderError({
    kind: rateLimited ? 'rate-limited' : 'http',
    provider: options.provider,
    status: response.status,
    ...(reason === undefined ? {} : { reason }),
    ...(rateLimited ? { retryAt: parseRetryAfter(response.headers.get('retry-after')) } : {}),
    message: `${options.provider} answered HTTP ${response.status}${reason ? `: ${reason}` : ''}`,
  });
}

/**
 * Reads a `Retry-After` header in either of its forms (delay in seconds or an
 * HTTP date). Without a usable header the provider is given one minute.
 */
export function parseRetryAfter(header: string | null, now: Date = new Date()): Date {
  const fallback = new Date(now.getTime() + 60_000);
  if (!header) return fallback;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  // HTTP dates start with a day name; V8's Date.parse would also take "1.5" or "-5" as dates.
  const date = /^[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? fallback : new Date(Math.max(date, now.getTime()));
}
