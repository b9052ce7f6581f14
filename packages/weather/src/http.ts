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
  /** Sent besides `accept` (NWS refuses calls without a `User-Agent`). */
  headers?: Record<string, string>;
  /** Default `application/json`. */
  accept?: string;
}

/**
 * GETs a provider URL and validates the JSON body against `schema`. Every
 * failure — timeout, refused connection, error status, bad JSON, wrong
 * shape — becomes a {@link ProviderError}; nothing else is thrown.
 */
export async function fetchJson<T>(options: FetchJsonOptions<T>): Promise<ProviderResponse<T>> {
  const { provider, url } = options;
  const where = `${url.origin}${url.pathname}`;
  const { response, text } = await fetchText(options);
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
  return { body: validated(options, response, json), simulated: isSimulated(response) };
}

/** Checks a decoded body against the documented shape; a mismatch is a `malformed` ProviderError. */
export function validated<T>(
  options: Pick<FetchJsonOptions<T>, 'provider' | 'url' | 'schema'>,
  response: Response,
  body: unknown,
): T {
  const parsed = options.schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ProviderError({
    kind: 'malformed',
    provider: options.provider,
    status: response.status,
    message: `${options.provider} answered in an unexpected shape (${options.url.origin}${options.url.pathname}): ${parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')}`,
  });
}

export const isSimulated = (response: Response) => response.headers.get(SIMULATED_HEADER) === '1';

/**
 * GETs a provider URL and reads the whole body as text, for formats other
 * than JSON (MeteoAlarm's Atom and CAP). Timeouts and network failures become
 * a {@link ProviderError}; the status is the caller's to judge.
 */
export async function fetchText(
  options: Pick<FetchJsonOptions<unknown>, 'provider' | 'url' | 'timeoutMs' | 'headers' | 'accept'>,
): Promise<{ response: Response; text: string }> {
  const { provider, url, timeoutMs } = options;
  const where = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: options.accept ?? 'application/json', ...options.headers },
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
  return { response, text };
}

export function httpError(
  options: Pick<FetchJsonOptions<unknown>, 'provider' | 'readErrorReason'>,
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
