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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPEN_METEO_URL: z.url().default('https://api.open-meteo.com'),
  OPEN_METEO_GEOCODING_URL: z.url().default('https://geocoding-api.open-meteo.com'),
  OPEN_METEO_AIR_QUALITY_URL: z.url().default('https://air-quality-api.open-meteo.com'),
  /** Which weather service to use; OpenWeather needs OPENWEATHER_API_KEY. */
  WEATHER_PROVIDER: z.enum(['open-meteo', 'openweather']).default('open-meteo'),
  OPENWEATHER_API_KEY: z.string().trim().min(1).max(200).optional(),
  OPENWEATHER_URL: z.url().default('https://api.openweathermap.org'),
  /** OpenWeather's free tier: 60 calls a minute. */
  OPENWEATHER_QUOTA: quota('60/60'),
  /** Open-Meteo's free tier, per IP: every instance of the app shares it. */
  OPEN_METEO_QUOTA: quota('600/60,5000/3600,10000/86400'),
  /** Upper bound on stored provider answers; the least recently fetched go first. */
  WEATHER_CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).default(100_000),
  /** MiB of ready-to-send public answers each instance keeps in memory. */
  PUBLIC_ANSWER_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  /** MiB of decoded weather entries each instance keeps in memory. */
  WEATHER_MEMORY_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  /** Per client address and minute, across instances: places nobody asked about lately it may make us fetch. */
  NEW_PLACES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  /**
   * Where users reach the app (scheme, host, port). State-changing requests
   * must come from it; `https` makes the session cookie `__Host-` prefixed.
   * Defaults to http://localhost:PORT.
   */
  PUBLIC_ORIGIN: origin.optional(),
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
  /** The built web app, served on the same port in production. */
  WEB_DIST_DIR: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
});

const checkedEnvSchema = envSchema.superRefine((env, ctx) => {
  if (env.WEATHER_PROVIDER === 'openweather' && !env.OPENWEATHER_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENWEATHER_API_KEY'],
      message: 'is required when WEATHER_PROVIDER=openweather (get a key at openweathermap.org)',
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/**
 * Reads and validates the environment. A bad value yields one line naming the
 * variable and what it should be, so a misconfigured deploy fails at once.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = checkedEnvSchema.safeParse(defined);
  if (result.success) return result.data;
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
