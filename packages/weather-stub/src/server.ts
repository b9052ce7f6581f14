import http, { type IncomingMessage, type ServerResponse } from 'node:http';

import { CallCounter } from './call-counter.ts';
import { callWeight } from './call-weight.ts';
import { CONTROL_PREFIX, handleControl } from './control-api.ts';
import { parseScenarios, type RainScenario } from './scenarios.ts';
import { endpointOf, providerOf, type StubEndpoint } from './endpoints.ts';
import {
  DEFAULT_DELAY_MS,
  DEFAULT_OVERSIZED_BYTES,
  DEFAULT_SHIFT_MS,
  type Fault,
  faultApplies,
  faultResponse,
  parseFault,
} from './faults.ts';
import { meteoAlarmDocumentRoute, meteoAlarmFeedRoute } from './meteoalarm-routes.ts';
import { reverseRoute } from './nominatim-routes.ts';
import { nwsActiveAlertsRoute } from './nws-routes.ts';
import { airQualityRoute } from './open-meteo-air-quality.ts';
import { archiveRoute } from './open-meteo-archive.ts';
import { ensembleRoute } from './open-meteo-ensemble.ts';
import { forecastRoute } from './open-meteo-forecast.ts';
import { searchRoute } from './open-meteo-search.ts';
import {
  airPollutionRoute,
  currentWeatherRoute,
  forecastRoute as openWeatherForecastRoute,
  geocodingRoute,
  oneCallRoute,
} from './openweather-routes.ts';
import { openMeteoError, openWeatherError, type StubResponse } from './responses.ts';

/**
 * Same value as `SIMULATED_HEADER` in @skycast/weather. Importing it would make
 * the packages depend on each other: @skycast/weather's tests run against this stub.
 */
const SIMULATED_HEADER = 'x-skycast-simulated';

export interface StartWeatherStubOptions {
  /** Defaults to a free port chosen by the OS. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** The stub's clock; defaults to the system clock. Fix it for reproducible answers. */
  now?: () => Date;
}

export interface WeatherStub {
  /** Base URL for every provider, without a trailing slash: `http://127.0.0.1:43123`. */
  readonly url: string;
  /** Provider calls so far, of one endpoint or of all; control calls are not counted. */
  calls(endpoint?: StubEndpoint): number;
  /** Open-Meteo's weighted count of the calls so far (see `callWeight`); other providers count 1. */
  weightedCalls(): number;
  resetCalls(): void;
  /** Fails every following call as `fault` says, until set to null. */
  setFault(fault: Fault | null): void;
  /** Scripted rain from now on (replacing any before); `[]` for the simulation alone. */
  setScenarios(next: readonly RainScenario[]): void;
  /** Stops the server, dropping open connections and pending slow answers. */
  close(): Promise<void>;
}

/** `path` is the request's whole path, for endpoints whose path names a country or document. */
type Route = (
  query: URLSearchParams,
  now: number,
  path: string,
  scenarios: readonly RainScenario[],
) => StubResponse;

const ROUTES: Record<StubEndpoint, Route> = {
  '/v1/forecast': forecastRoute,
  '/v1/ensemble': ensembleRoute,
  '/v1/search': searchRoute,
  '/v1/air-quality': airQualityRoute,
  '/v1/archive': archiveRoute,
  '/data/2.5/weather': currentWeatherRoute,
  '/data/2.5/forecast': openWeatherForecastRoute,
  '/geo/1.0/direct': geocodingRoute,
  '/data/2.5/air_pollution': airPollutionRoute,
  '/data/3.0/onecall': oneCallRoute,
  '/alerts/active': nwsActiveAlertsRoute,
  '/feeds/meteoalarm-legacy-atom': meteoAlarmFeedRoute,
  '/api/v1/warnings': meteoAlarmDocumentRoute,
  '/reverse': reverseRoute,
};

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': `${SIMULATED_HEADER}, retry-after`,
};

function send(res: ServerResponse, response: StubResponse): void {
  if (res.destroyed) return;
  res
    .writeHead(response.status, {
      'content-type': 'application/json; charset=utf-8',
      [SIMULATED_HEADER]: '1',
      ...CORS_HEADERS,
      ...response.headers,
    })
    .end(response.body);
}

const PADDING_CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * A 200 whose JSON body is `bytes` long (`{"padding":"xxx…"}`), written chunk
 * by chunk as the client reads, so a client that stops reading costs the stub
 * a socket buffer, not the body.
 */
async function sendOversized(res: ServerResponse, bytes: number): Promise<void> {
  const head = '{"padding":"';
  const tail = '"}';
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    [SIMULATED_HEADER]: '1',
    ...CORS_HEADERS,
  });
  res.write(head);
  let left = bytes - head.length - tail.length;
  while (left > 0 && !res.destroyed) {
    const chunk = left >= PADDING_CHUNK.length ? PADDING_CHUNK : PADDING_CHUNK.subarray(0, left);
    left -= chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
  }
  if (!res.destroyed) res.end(tail);
}

/**
 * Starts Skycast's local weather provider: one HTTP server that speaks the
 * documented Open-Meteo, OpenWeather, NWS, MeteoAlarm and Nominatim (reverse geocoding) protocols with deterministic,
 * plausible data, so every provider base URL can point at it.
 *
 * @example
 * const stub = await startWeatherStub();
 * const provider = createOpenMeteo({ forecastUrl: stub.url, geocodingUrl: stub.url, airQualityUrl: stub.url });
 * stub.setFault({ mode: 'rate-limit', retryAfter: '120', endpoints: ['/v1/forecast'] });
 * await stub.close();
 */
export async function startWeatherStub(
  options: StartWeatherStubOptions = {},
): Promise<WeatherStub> {
  const counter = new CallCounter();
  const pendingAnswers = new Set<NodeJS.Timeout>();
  const now = options.now ?? (() => new Date());
  let fault: Fault | null = null;
  let scenarios: readonly RainScenario[] = [];
  const control = {
    counter,
    fault: () => fault,
    setFault: (next: Fault | null) => {
      fault = next;
    },
    scenarios: () => scenarios,
    setScenarios: (next: readonly RainScenario[]) => {
      scenarios = next;
    },
  };

  function answerProvider(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: StubEndpoint,
    url: URL,
  ) {
    counter.record(endpoint, callWeight(endpoint, url.searchParams));
    const active = fault && faultApplies(fault, endpoint, url.pathname) ? fault : null;
    const shift = active?.mode === 'time-shift' ? (active.shiftMs ?? DEFAULT_SHIFT_MS) : 0;
    const normal = () =>
      ROUTES[endpoint](url.searchParams, now().getTime() + shift, url.pathname, scenarios);
    if (active?.mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (active?.mode === 'oversized') {
      void sendOversized(res, active.bytes ?? DEFAULT_OVERSIZED_BYTES);
      return;
    }
    if (active?.mode === 'slow') {
      const timer = setTimeout(() => {
        pendingAnswers.delete(timer);
        send(res, normal());
      }, active.delayMs ?? DEFAULT_DELAY_MS);
      pendingAnswers.add(timer);
      // A caller that gave up must not keep the timer (or the process) alive.
      res.once('close', () => {
        clearTimeout(timer);
        pendingAnswers.delete(timer);
      });
      return;
    }
    send(res, active ? faultResponse(active, providerOf(endpoint), normal) : normal());
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          ...CORS_HEADERS,
          'access-control-allow-methods': 'GET, POST, PUT',
          'access-control-allow-headers': '*',
        })
        .end();
      return;
    }
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      await handleControl(req, res, url.pathname, control);
      return;
    }
    const endpoint = endpointOf(url.pathname);
    if (endpoint) {
      answerProvider(req, res, endpoint, url);
      return;
    }
    send(
      res,
      openMeteoError(404, `Not Found: the Skycast weather stub does not serve ${url.pathname}.`),
    );
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      console.error('weather stub: request failed', error);
      const endpoint = endpointOf(req.url?.split('?')[0] ?? '');
      send(
        res,
        endpoint && providerOf(endpoint) === 'openweather'
          ? openWeatherError(500, 'Internal error', 500)
          : openMeteoError(500, 'Internal Server Error'),
      );
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    calls: (endpoint) => counter.count(endpoint),
    weightedCalls: () => counter.weighted(),
    resetCalls: () => counter.reset(),
    setFault: (next) => {
      fault = parseFault(next);
    },
    setScenarios: (next) => {
      scenarios = parseScenarios({ rain: next });
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of pendingAnswers) clearTimeout(timer);
        pendingAnswers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The host as a URL needs it: a wildcard becomes loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
