import { readFileSync } from 'node:fs';
import path from 'node:path';

import { stubProviderEnv } from '@skycast/weather-stub';
import { describe, expect, it } from 'vitest';

import { envSchema, EnvError, loadEnv, type Env } from '../src/env.ts';

describe('loadEnv', () => {
  it('gives the documented defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.OPEN_METEO_URL).toBe('https://api.open-meteo.com');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toMatch(/\.data$/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['OPEN_METEO_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['LOG_LEVEL', 'loud'],
  ])('names %s when it is %j', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(EnvError);
    expect(() => loadEnv({ [name]: value })).toThrow(
      new RegExp(`^Invalid environment variable ${name}: .*got "${value}"`),
    );
  });
});

describe('WATCHES_SLICE_MEMORY_MB', () => {
  it('keeps 192 MiB of watch rounds’ forecast slices unless told, and takes whole MiB from 1', () => {
    expect(loadEnv({}).WATCHES_SLICE_MEMORY_MB).toBe(192);
    expect(loadEnv({ WATCHES_SLICE_MEMORY_MB: '512' }).WATCHES_SLICE_MEMORY_MB).toBe(512);
    for (const value of ['0', '1.5', 'lots', '70000'])
      expect(() => loadEnv({ WATCHES_SLICE_MEMORY_MB: value })).toThrow(
        new RegExp(`^Invalid environment variable WATCHES_SLICE_MEMORY_MB: .*got "${value}"`),
      );
  });
});

describe('stubProviderEnv', () => {
  it('points every weather service URL the server reads at the local provider', () => {
    const url = 'http://127.0.0.1:4010';
    const serviceUrls = Object.keys(envSchema.shape).filter(
      (name) => name.endsWith('_URL') && name !== 'DATABASE_URL' && name !== 'SMTP_URL',
    );
    expect(Object.keys(stubProviderEnv(url)).sort()).toEqual(serviceUrls.sort());
    const env = loadEnv(stubProviderEnv(url));
    for (const name of serviceUrls) expect(env[name as keyof Env]).toBe(url);
  });
});

describe('OPEN_METEO_QUOTA', () => {
  it("defaults to Open-Meteo's free tier", () => {
    expect(loadEnv({}).OPEN_METEO_QUOTA).toEqual([
      { capacity: 600, windowSeconds: 60 },
      { capacity: 5000, windowSeconds: 3600 },
      { capacity: 10000, windowSeconds: 86400 },
    ]);
  });

  it.each(['600', '600/0', 'many/60', '600/60,'])('refuses %j', (value) => {
    expect(() => loadEnv({ OPEN_METEO_QUOTA: value })).toThrow(/OPEN_METEO_QUOTA/);
  });
});

describe('WEATHER_PROVIDER', () => {
  it('stops start-up when OpenWeather is chosen without a key', () => {
    expect(() => loadEnv({ WEATHER_PROVIDER: 'openweather' })).toThrow(
      /^Invalid environment variable OPENWEATHER_API_KEY: is required when WEATHER_PROVIDER=openweather/,
    );
  });

  it('takes OpenWeather with a key, with its free-tier budget', () => {
    const env = loadEnv({ WEATHER_PROVIDER: 'openweather', OPENWEATHER_API_KEY: 'k' });
    expect(env.OPENWEATHER_QUOTA).toEqual([{ capacity: 60, windowSeconds: 60 }]);
  });
});

describe('security settings', () => {
  it('defaults to no proxy, no CORS and no fixed origin', () => {
    const env = loadEnv({});
    expect(env.TRUST_PROXY).toBe(0);
    expect(env.CORS_ORIGINS).toEqual([]);
    expect(env.PUBLIC_ORIGIN).toBeUndefined();
  });

  it('reads origins without a trailing slash and a list of CORS origins', () => {
    const env = loadEnv({
      PUBLIC_ORIGIN: 'https://skycast.example/',
      CORS_ORIGINS: 'https://a.example, http://localhost:8080',
      TRUST_PROXY: '2',
    });
    expect(env.PUBLIC_ORIGIN).toBe('https://skycast.example');
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:8080']);
    expect(env.TRUST_PROXY).toBe(2);
  });

  it.each([
    ['PUBLIC_ORIGIN', 'https://skycast.example/app'],
    ['PUBLIC_ORIGIN', 'ftp://skycast.example'],
    ['CORS_ORIGINS', 'https://a.example,not an origin'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '-1'],
  ])('refuses %s=%j', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(
      new RegExp(`^Invalid environment variable ${name}:`),
    );
  });
});

describe('operations settings', () => {
  it('defaults to short database timeouts, a keep-alive longer than a load balancer’s, and no parent watch', () => {
    const env = loadEnv({});
    expect(env.DATABASE_CONNECT_TIMEOUT_MS).toBe(2_000);
    expect(env.DATABASE_STATEMENT_TIMEOUT_MS).toBe(5_000);
    expect(env.DATABASE_START_TIMEOUT_MS).toBe(30_000);
    expect(env.HTTP_KEEP_ALIVE_TIMEOUT_MS).toBe(65_000);
    expect(env.SHUTDOWN_TIMEOUT_MS).toBe(20_000);
    expect(env.STOP_WITH_PARENT).toBe(false);
  });

  it('drains for 5 s before closing in production, not while developing', () => {
    expect(loadEnv({ NODE_ENV: 'production' }).SHUTDOWN_DRAIN_MS).toBe(5_000);
    expect(loadEnv({}).SHUTDOWN_DRAIN_MS).toBe(0);
    expect(loadEnv({ NODE_ENV: 'production', SHUTDOWN_DRAIN_MS: '0' }).SHUTDOWN_DRAIN_MS).toBe(0);
  });

  it('watches the parent only when asked (the dev script sets STOP_WITH_PARENT=1)', () => {
    expect(loadEnv({ STOP_WITH_PARENT: '1' }).STOP_WITH_PARENT).toBe(true);
    expect(() => loadEnv({ STOP_WITH_PARENT: 'yes' })).toThrow(/STOP_WITH_PARENT/);
  });

  it.each([
    ['DATABASE_STATEMENT_TIMEOUT_MS', '0'],
    ['SHUTDOWN_DRAIN_MS', '-1'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', 'long'],
  ])('refuses %s=%j', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(name));
  });
});

describe('the container image settings', () => {
  it('requires DATABASE_URL when the embedded PostgreSQL is off', () => {
    expect(() => loadEnv({ EMBEDDED_DATABASE: 'off' })).toThrow(
      /^Invalid environment variable DATABASE_URL: is required: this build has no embedded PostgreSQL/,
    );
    expect(
      loadEnv({ EMBEDDED_DATABASE: 'off', DATABASE_URL: 'postgres://db/skycast' }).DATABASE_URL,
    ).toBe('postgres://db/skycast');
  });

  it('keeps metrics off the public port', () => {
    expect(loadEnv({}).METRICS_PORT).toBeUndefined();
    expect(loadEnv({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(() => loadEnv({ PORT: '9464', METRICS_PORT: '9464' })).toThrow(
      /^Invalid environment variable METRICS_PORT: must differ from PORT/,
    );
  });

  it('takes an OTLP endpoint only as an http(s) URL', () => {
    expect(loadEnv({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(() => loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});

describe("the README's configuration table", () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Layout'));
  const rows = [...section.matchAll(/^\| `([A-Z0-9_]+)` +\| (.*?) +\|/gm)].map(
    ([, name = '', defaultCell = '']) => ({ name, defaultCell }),
  );

  it('names every variable env.ts reads, and only those', () => {
    expect(rows.map((row) => row.name).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it.each(rows.filter((row) => /^`[^`$]+`/.test(row.defaultCell)))(
    'gives $name the default env.ts uses ($defaultCell)',
    ({ name, defaultCell }) => {
      const documented = /^`([^`]+)`/.exec(defaultCell)?.[1];
      const configured = loadEnv({ [name]: documented });
      expect(configured[name as keyof Env]).toEqual(loadEnv({})[name as keyof Env]);
    },
  );
});
