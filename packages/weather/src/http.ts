import type { z } from 'zod';

import { ProviderError } from './provider-error.ts';

/**
 * The most bytes of one provider answer read. A 17-day forecast is under
 * 200 KB and a busy country's MeteoAlarm feed under 1 MB; a body past this is
 * refused as it streams in, so a broken or hostile provider cannot fill memory
 * (reading costs about three times the bytes read while it lasts).
 */
export const MAX_PROVIDER_BODY_BYTES = 2 * 1024 * 1024;

/**
 * The longest a `Retry-After` may pause calls to a provider: an hour, the
 * span of the shortest quota windows that matter. A provider (or something
 * posing as one) asking for years would otherwise stop every instance.
 */
export const MAX_RETRY_AFTER_MS = 3_600_000;

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
 * GETs a provider URL and reads the body as text, for formats other than
 * JSON (MeteoAlarm's Atom and CAP) too. Timeouts, network failures and a body
 * past {@link MAX_PROVIDER_BODY_BYTES} become a {@link ProviderError}; the
 * status is the caller's to judge.
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
    text = await readCapped(response, options.provider, where);
  } catch (error) {
    if (error instanceof ProviderError) throw error;
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

/** The body as UTF-8 text, read chunk by chunk and abandoned once it passes the cap. */
async function readCapped(response: Response, provider: string, where: string): Promise<string> {
  const tooLarge = () =>
    new ProviderError({
      kind: 'malformed',
      provider,
      status: response.status,
      message: `${provider} answered with a body over ${MAX_PROVIDER_BODY_BYTES} bytes (${where}); it was not read`,
    });
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_PROVIDER_BODY_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PROVIDER_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
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
 * HTTP date), never past `now` + `maxMs` (default {@link MAX_RETRY_AFTER_MS}).
 * Without a usable header the provider is given one minute.
 *
 * @example
 * parseRetryAfter('999999999', now) // now + 1 hour
 */
export function parseRetryAfter(
  header: string | null,
  now: Date = new Date(),
  maxMs: number = MAX_RETRY_AFTER_MS,
): Date {
  const start = now.getTime();
  const within = (at: number) => new Date(Math.min(Math.max(at, start), start + maxMs));
  if (!header) return within(start + 60_000);
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return within(start + Number(trimmed) * 1000);
  // HTTP dates start with a day name; V8's Date.parse would also take "1.5" or "-5" as dates.
  const date = /^[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return within(Number.isNaN(date) ? start + 60_000 : date);
}
