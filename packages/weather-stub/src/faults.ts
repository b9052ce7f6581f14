import { nominatimError } from './nominatim-routes.ts';
import { isStubEndpoint, type Provider, type StubEndpoint } from './endpoints.ts';
import { nwsProblem } from './nws-routes.ts';
import { json, openMeteoError, openWeatherError, type StubResponse } from './responses.ts';

export const FAULT_MODES = [
  'down',
  'slow',
  'error',
  'rate-limit',
  'malformed',
  'bad-request',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * A failure to simulate on every call (of `endpoints`, default all) until cleared:
 * - `down`: the connection is dropped without an answer;
 * - `slow`: the normal answer after `delayMs` (default 10 s);
 * - `error`: HTTP `status` (default 500) with the provider's error body;
 * - `rate-limit`: 429 with `Retry-After: retryAfter` (default "60"; seconds or an HTTP date);
 * - `malformed`: 200 with the normal body cut in half, so not JSON;
 * - `bad-request`: 400 with the provider's error body.
 */
export interface Fault {
  mode: FaultMode;
  delayMs?: number;
  status?: number;
  retryAfter?: string;
  endpoints?: StubEndpoint[];
}

export const DEFAULT_DELAY_MS = 10_000;
const KEYS = new Set(['mode', 'delayMs', 'status', 'retryAfter', 'endpoints']);

/** Checks a fault that came from outside (the control API, untyped callers); throws TypeError saying what is wrong. */
export function parseFault(value: unknown): Fault | null {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new TypeError('A fault must be an object or null.');
  const fault = value as Record<string, unknown>;
  const unknown = Object.keys(fault).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) throw new TypeError(`Unknown fault field(s): ${unknown.join(', ')}.`);
  const { mode, delayMs, status, retryAfter, endpoints } = fault;
  if (!FAULT_MODES.includes(mode as FaultMode)) {
    throw new TypeError(
      `Fault mode must be one of ${FAULT_MODES.join(', ')}; got ${JSON.stringify(mode)}.`,
    );
  }
  if (
    delayMs !== undefined &&
    !(typeof delayMs === 'number' && Number.isFinite(delayMs) && delayMs >= 0)
  ) {
    throw new TypeError('delayMs must be a number of milliseconds, 0 or more.');
  }
  if (
    status !== undefined &&
    !(Number.isInteger(status) && (status as number) >= 200 && (status as number) <= 599)
  ) {
    throw new TypeError('status must be an HTTP status from 200 to 599.');
  }
  if (retryAfter !== undefined && (typeof retryAfter !== 'string' || retryAfter.trim() === '')) {
    throw new TypeError('retryAfter must be a header value: seconds ("120") or an HTTP date.');
  }
  if (endpoints !== undefined) {
    if (
      !Array.isArray(endpoints) ||
      !endpoints.every((endpoint) => typeof endpoint === 'string' && isStubEndpoint(endpoint))
    ) {
      throw new TypeError(
        `endpoints must list provider paths such as "/v1/forecast"; got ${JSON.stringify(endpoints)}.`,
      );
    }
  }
  return {
    mode: mode as FaultMode,
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(status === undefined ? {} : { status: status as number }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(endpoints === undefined ? {} : { endpoints: [...endpoints] }),
  };
}

export function faultApplies(fault: Fault, endpoint: StubEndpoint): boolean {
  return !fault.endpoints || fault.endpoints.includes(endpoint);
}

const OPEN_WEATHER_RATE_LIMIT =
  'Your account is temporary blocked due to exceeding of requests limitation of your subscription type. ' +
  'Please choose the proper subscription https://openweathermap.org/price';
const BAD_REQUEST = 'Simulated bad request: the Skycast weather stub was told to refuse this call.';

function serverErrorText(status: number): string {
  if (status === 503) return 'The service is temporarily overloaded. Please try again later.';
  if (status >= 500) return 'Internal Server Error';
  return `Simulated HTTP ${status} from the Skycast weather stub.`;
}

/**
 * The answer a fault gives instead of the normal one, in the provider's own
 * error format. `down` and `slow` are the server's business (sockets and timers).
 */
export function faultResponse(
  fault: Fault,
  provider: Provider,
  normal: () => StubResponse,
): StubResponse {
  switch (fault.mode) {
    case 'error': {
      const status = fault.status ?? 500;
      if (provider === 'nws')
        return nwsProblem(status, 'Unexpected Problem', serverErrorText(status));
      if (provider === 'meteoalarm') return json(status, { message: serverErrorText(status) });
      if (provider === 'nominatim') return nominatimError(status, serverErrorText(status));
      return provider === 'open-meteo'
        ? openMeteoError(status, serverErrorText(status))
        : openWeatherError(status, serverErrorText(status), status);
    }
    case 'rate-limit': {
      const headers = { 'retry-after': fault.retryAfter ?? '60' };
      if (provider === 'nws')
        return {
          ...nwsProblem(429, 'Too Many Requests', 'Rate limit exceeded'),
          headers: { 'content-type': 'application/problem+json', ...headers },
        };
      if (provider === 'meteoalarm' || provider === 'nominatim')
        return json(429, { message: 'Too Many Requests' }, headers);
      return provider === 'open-meteo'
        ? openMeteoError(
            429,
            'Minutely API request limit exceeded. Please try again in one minute.',
            headers,
          )
        : openWeatherError(429, OPEN_WEATHER_RATE_LIMIT, 429, headers);
    }
    case 'bad-request':
      if (provider === 'nws') return nwsProblem(400, 'Bad Request', BAD_REQUEST);
      if (provider === 'meteoalarm') return json(400, { message: BAD_REQUEST });
      if (provider === 'nominatim') return nominatimError(400, BAD_REQUEST);
      return provider === 'open-meteo'
        ? openMeteoError(400, BAD_REQUEST)
        : openWeatherError(400, BAD_REQUEST);
    case 'malformed': {
      const { body } = normal();
      return { status: 200, body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) };
    }
    case 'down':
    case 'slow':
      return normal();
  }
}
