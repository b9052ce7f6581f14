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
  'out-of-range',
  'time-shift',
  'oversized',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * A failure to simulate on every call (of `endpoints`, default all) until cleared:
 * - `down`: the connection is dropped without an answer;
 * - `slow`: the normal answer after `delayMs` (default 10 s);
 * - `error`: HTTP `status` (default 500) with the provider's error body;
 * - `rate-limit`: 429 with `Retry-After: retryAfter` (default "60"; seconds or an HTTP date);
 * - `malformed`: 200 with the normal body cut in half, so not JSON;
 * - `bad-request`: 400 with the provider's error body;
 * - `out-of-range`: 200 with the normal body, every number under the key
 *   `variable` (default "weather_code", at any depth) written as the JSON
 *   number `value` (default "150"; "1e400" parses as Infinity);
 * - `time-shift`: 200 with the answer the stub would give at its clock plus
 *   `shiftMs` (default a week back), times and values alike;
 * - `oversized`: 200 with a JSON body of `bytes` bytes (default 50 MB),
 *   streamed in chunks so the stub itself holds little of it.
 *
 * `paths` narrows it further to calls whose path starts with one of them: one
 * MeteoAlarm document (`/api/v1/warnings/feeds-germany/berlin-frost`) failing
 * while the others answer.
 */
export interface Fault {
  mode: FaultMode;
  delayMs?: number;
  status?: number;
  retryAfter?: string;
  variable?: string;
  value?: string;
  shiftMs?: number;
  bytes?: number;
  endpoints?: StubEndpoint[];
  paths?: string[];
}

export const DEFAULT_DELAY_MS = 10_000;
export const DEFAULT_SHIFT_MS = -7 * 24 * 3_600_000;
export const DEFAULT_OVERSIZED_BYTES = 50_000_000;
const KEYS = new Set([
  'mode',
  'delayMs',
  'status',
  'retryAfter',
  'variable',
  'value',
  'shiftMs',
  'bytes',
  'endpoints',
  'paths',
]);
/** A JSON number as written in a body, Infinity-sized exponents included. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Checks a fault that came from outside (the control API, untyped callers); throws TypeError saying what is wrong. */
export function parseFault(input: unknown): Fault | null {
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input))
    throw new TypeError('A fault must be an object or null.');
  const fault = input as Record<string, unknown>;
  const unknown = Object.keys(fault).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) throw new TypeError(`Unknown fault field(s): ${unknown.join(', ')}.`);
  const { mode, delayMs, status, retryAfter, variable, value, shiftMs, bytes, endpoints, paths } =
    fault;
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
  if (variable !== undefined && !(typeof variable === 'string' && /^\w{1,64}$/.test(variable))) {
    throw new TypeError('variable must be a key name such as "weather_code".');
  }
  if (value !== undefined && !(typeof value === 'string' && JSON_NUMBER.test(value))) {
    throw new TypeError('value must be a JSON number as text, such as "150" or "1e400".');
  }
  if (shiftMs !== undefined && !Number.isSafeInteger(shiftMs)) {
    throw new TypeError('shiftMs must be a whole number of milliseconds.');
  }
  if (
    bytes !== undefined &&
    !(Number.isSafeInteger(bytes) && (bytes as number) >= 16 && (bytes as number) <= 2 ** 31)
  ) {
    throw new TypeError('bytes must be a whole number from 16 to 2 GiB.');
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
  if (
    paths !== undefined &&
    !(
      Array.isArray(paths) &&
      paths.length <= 20 &&
      paths.every((path) => typeof path === 'string' && /^\/[\w./-]{0,199}$/.test(path))
    )
  ) {
    throw new TypeError(
      `paths must list up to 20 path beginnings such as "/api/v1/warnings/feeds-germany/berlin-frost"; got ${JSON.stringify(paths)}.`,
    );
  }
  return {
    mode: mode as FaultMode,
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(status === undefined ? {} : { status: status as number }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(variable === undefined ? {} : { variable }),
    ...(value === undefined ? {} : { value }),
    ...(shiftMs === undefined ? {} : { shiftMs: shiftMs as number }),
    ...(bytes === undefined ? {} : { bytes: bytes as number }),
    ...(endpoints === undefined ? {} : { endpoints: [...endpoints] }),
    ...(paths === undefined ? {} : { paths: [...(paths as string[])] }),
  };
}

export function faultApplies(fault: Fault, endpoint: StubEndpoint, path: string): boolean {
  return (
    (!fault.endpoints || fault.endpoints.includes(endpoint)) &&
    (!fault.paths || fault.paths.some((start) => path.startsWith(start)))
  );
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
    case 'out-of-range':
      return outOfRange(normal(), fault.variable ?? 'weather_code', fault.value ?? '150');
    case 'down':
    case 'slow':
    case 'time-shift':
    case 'oversized':
      return normal();
  }
}

const MARKER = 'skycast:out-of-range:marker';

/**
 * The answer with every number under `variable` (alone or in a column) set to
 * `value`, written as it is: JSON.stringify cannot write 1e400, so a marker is
 * replaced in the text.
 */
function outOfRange(response: StubResponse, variable: string, value: string): StubResponse {
  const replace = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(replace);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node as Record<string, unknown>).map(([key, inner]) => {
        if (key !== variable) return [key, replace(inner)];
        if (typeof inner === 'number') return [key, MARKER];
        if (Array.isArray(inner)) {
          return [key, inner.map((item: unknown) => (typeof item === 'number' ? MARKER : item))];
        }
        return [key, replace(inner)];
      }),
    );
  };
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return response; // MeteoAlarm's XML has no numbers to replace by key
  }
  const text = JSON.stringify(replace(body));
  return { ...response, body: text.replaceAll(JSON.stringify(MARKER), value) };
}
