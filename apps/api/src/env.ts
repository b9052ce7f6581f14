import path from 'node:path';

import { z } from 'zod';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * A call budget as `capacity/seconds` windows, comma-separated:
 * `600/60,5000/3600` allows 600 calls a minute and 5,000 an hour.
 */
const quota = (fallback: string) =>
  z
    .string()
    .regex(/^\d+\/\d+(,\d+\/\d+)*$/, 'expected capacity/seconds windows such as "600/60,5000/3600"')
    .default(fallback)
    .transform((value) =>
      value.split(',').map((window) => {
        const [capacity = 0, windowSeconds = 0] = window.split('/').map(Number);
        return { capacity, windowSeconds };
      }),
    )
    .refine(
      (windows) => windows.every((w) => w.capacity > 0 && w.windowSeconds > 0),
      'windows must be positive',
    );

/** A duration in whole milliseconds within bounds. */
const milliseconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** An origin as browsers send it: scheme, host and port, no path. */
const origin = z.url({ protocol: /^https?$/ }).transform((value, ctx) => {
  const url = new URL(value);
  if (url.origin !== value.replace(/\/$/, '')) {
    ctx.addIssue({ code: 'custom', message: 'expected an origin such as https://skycast.example' });
    return z.NEVER;
  }
  return url.origin;
});

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** When unset, an embedded PostgreSQL is started with its data in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
  /** `off` in the container image, which has no PostgreSQL of its own: DATABASE_URL is then required. */
  EMBEDDED_DATABASE: z.enum(['allowed', 'off']).default('allowed'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPEN_METEO_URL: z.url().default('https://api.open-meteo.com'),
  OPEN_METEO_GEOCODING_URL: z.url().default('https://geocoding-api.open-meteo.com'),
  OPEN_METEO_AIR_QUALITY_URL: z.url().default('https://air-quality-api.open-meteo.com'),
  /** Ensemble members and their mean and spread, for forecast confidence. */
  OPEN_METEO_ENSEMBLE_URL: z.url().default('https://ensemble-api.open-meteo.com'),
  /** What earlier runs said (`X_previous_dayN`), for "forecast changed" and local skill. */
  OPEN_METEO_PREVIOUS_RUNS_URL: z.url().default('https://previous-runs-api.open-meteo.com'),
  /** Which weather service to use; OpenWeather needs OPENWEATHER_API_KEY. */
  WEATHER_PROVIDER: z.enum(['open-meteo', 'openweather']).default('open-meteo'),
  OPENWEATHER_API_KEY: z.string().trim().min(1).max(200).optional(),
  OPENWEATHER_URL: z.url().default('https://api.openweathermap.org'),
  /** With WEATHER_PROVIDER=openweather: the key has One Call 3.0, whose `alerts` then give the warnings everywhere. */
  OPENWEATHER_ONE_CALL: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  /** Open-Meteo's historical archive (ERA5-Land): climate normals, fetched once per 0.1° cell. */
  OPEN_METEO_ARCHIVE_URL: z.url().default('https://archive-api.open-meteo.com'),
  /** Severe-weather warnings in the United States (keyless). */
  NWS_URL: z.url().default('https://api.weather.gov'),
  /** The NWS refuses calls without a User-Agent and asks that it name the app and a contact. */
  NWS_USER_AGENT: z.string().trim().min(1).max(200).default('Skycast weather app'),
  /** Severe-weather warnings in Europe: MeteoAlarm's public Atom/CAP feeds. */
  METEOALARM_URL: z.url().default('https://feeds.meteoalarm.org'),
  /** Reverse geocoding (the name of the place at a point): a Nominatim server. */
  NOMINATIM_URL: z.url().default('https://nominatim.openstreetmap.org'),
  /** The public Nominatim's usage policy: at most one call a second, shared by every instance. */
  NOMINATIM_QUOTA: quota('1/1'),
  /** OpenWeather's free tier: 60 calls a minute. */
  OPENWEATHER_QUOTA: quota('60/60'),
  /** Open-Meteo's free tier, per IP: every instance of the app shares it. */
  OPEN_METEO_QUOTA: quota('600/60,5000/3600,10000/86400'),
  /** Upper bound on stored provider answers; the least recently fetched go first. */
  WEATHER_CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).default(100_000),
  /** MiB of ready-to-send public answers each instance keeps in memory. */
  PUBLIC_ANSWER_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  /**
   * How long a place's page waits for a forecast the server has not kept yet,
   * so that it carries it; 0 sends such a page at once, as the app's shell.
   */
  PLACE_PAGE_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(500),
  /** MiB of decoded weather entries each instance keeps in memory. */
  WEATHER_MEMORY_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  /**
   * Per client, across instances: places nobody asked about lately it may make
   * us fetch at once; its bucket then refills at a fair share of the provider budget.
   */
  NEW_PLACES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  /**
   * Where users reach the app (scheme, host, port). State-changing requests
   * must come from it; `https` makes the session cookie `__Host-` prefixed.
   * Defaults to http://localhost:PORT.
   */
  PUBLIC_ORIGIN: origin.optional(),
  /**
   * The SMTP server password-reset emails go through (nodemailer), e.g.
   * `smtps://user:password@smtp.example.com:465`; unset: reset links are
   * written to the server log instead, and the page says so.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of password-reset emails. */
  MAIL_FROM: z.string().trim().min(3).max(200).default('Skycast <no-reply@localhost>'),
  /**
   * How many leading bits of an IPv6 address name one client in every limit
   * (sign-in, sign-up, new places, reads): one host is handed a whole /64.
   */
  IPV6_CLIENT_PREFIX: z.coerce.number().int().min(32).max(128).default(64),
  /** How many reverse proxies in front of the app append to X-Forwarded-For; 0 ignores the header. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Other origins allowed to call the API from a browser (comma-separated); unset: CORS off. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .pipe(z.array(origin).max(20)),
  /** Port of the Prometheus `/metrics` endpoint, kept off the public port; unset: no metrics server. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  /** Where OpenTelemetry traces go (OTLP over HTTP); unset: tracing is not even loaded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Seconds between watch rounds: cells with rain watches refresh their
   * nowcast this often whether or not anyone looks (Open-Meteo's 15-minute step).
   */
  WATCHES_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** `off`: this process serves the API only; another (a worker Deployment) evaluates and pushes. */
  WATCHES_WORKERS: z.enum(['on', 'off']).default('on'),
  /** Notifications per user and hour that are pushed; later ones are only listed in the app. */
  WATCHES_MAX_PUSHES_PER_HOUR: z.coerce.number().int().min(1).max(1_000).default(20),
  /**
   * MiB of the watch rounds' slices of forecasts each instance keeps in
   * memory, about 38 kB a watched cell (the default holds some 5,000): size
   * it to the watched cells so a warm round reads memory only.
   */
  WATCHES_SLICE_MEMORY_MB: z.coerce.number().int().min(1).max(65_536).default(192),
  /** Origins a push subscription may point at (comma-separated https origins); unset: the known push services. */
  PUSH_SERVICE_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : value
            .split(',')
            .map((entry) => entry.trim())
            .filter((entry) => entry.length > 0),
    )
    .pipe(
      z
        .array(z.url({ protocol: /^https$/ }).transform((v) => new URL(v).origin))
        .min(1)
        .max(50)
        .optional(),
    ),
  /** VAPID keys (base64url, as `web-push generate-vapid-keys` prints); unset: made once and kept in the database. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, 'expected a base64url P-256 public key')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, 'expected a base64url P-256 private key')
    .optional(),
  /** Who runs this server, for push services: `mailto:` or `https:`. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'expected mailto:you@example.com or an https URL')
    .max(200)
    .default('mailto:webpush@skycast.invalid'),
  /** The built web app, served on the same port in production. */
  WEB_DIST_DIR: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
  /** How long to wait for a database connection, new or from the pool, before answering 503. */
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(100, 60_000).default(2_000),
  /** The server cancels a statement (lock waits included) after this; the request answers 503. */
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(100, 300_000).default(5_000),
  /** At start, how long to keep trying a database that is not up yet before exiting with 1. */
  DATABASE_START_TIMEOUT_MS: milliseconds(0, 600_000).default(30_000),
  /** Idle keep-alive connections stay open this long: longer than a load balancer's idle timeout (60 s on AWS ALB). */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds(1_000, 600_000).default(65_000),
  /**
   * On SIGTERM, /readyz answers 503 at once and new connections are still
   * accepted this long, for load balancers to notice. Default 5 s in
   * production, 0 otherwise.
   */
  SHUTDOWN_DRAIN_MS: milliseconds(0, 120_000).optional(),
  /** After the drain, in-flight requests get this long to finish before their connections are closed. */
  SHUTDOWN_TIMEOUT_MS: milliseconds(0, 600_000).default(20_000),
  /**
   * Stop when a process this one was started under exits (`pnpm dev` sets it,
   * as its shims do not pass signals on). Off by default, so a server run as a
   * daemon (`nohup … &`) keeps running when the shell that started it exits.
   */
  STOP_WITH_PARENT: z
    .enum(['0', '1', 'false', 'true'])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
});

const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  if (env.EMBEDDED_DATABASE === 'off' && !env.DATABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_URL'],
      message: 'is required: this build has no embedded PostgreSQL (EMBEDDED_DATABASE=off)',
    });
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    ctx.addIssue({
      code: 'custom',
      path: ['METRICS_PORT'],
      message: 'must differ from PORT: metrics are not for the public port',
    });
  }
  if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
    ctx.addIssue({
      code: 'custom',
      path: [env.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'],
      message:
        'is required with the other VAPID key (set both, or neither to keep keys in the database)',
    });
  }
  if (env.WEATHER_PROVIDER === 'openweather' && !env.OPENWEATHER_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENWEATHER_API_KEY'],
      message: 'is required when WEATHER_PROVIDER=openweather (get a key at openweathermap.org)',
    });
  }
});

export type Env = z.infer<typeof envSchema> & { SHUTDOWN_DRAIN_MS: number };

/**
 * Reads and validates the environment. A bad value yields one line naming the
 * variable and what it should be, so a misconfigured deploy fails at once.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = checkedEnvSchema.safeParse(defined);
  if (result.success) {
    const env = result.data;
    return {
      ...env,
      SHUTDOWN_DRAIN_MS: env.SHUTDOWN_DRAIN_MS ?? (env.NODE_ENV === 'production' ? 5_000 : 0),
    };
  }
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  const given = typeof source[name] === 'string' ? ` (got "${source[name]}")` : '';
  throw new EnvError(
    `Invalid environment variable ${name}: ${issue?.message ?? 'invalid'}${given}`,
  );
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

/** {@link loadEnv} for a program's entry point: prints the one line and exits. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
