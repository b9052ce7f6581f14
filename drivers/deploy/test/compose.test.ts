import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { loadEnv } from '../../../apps/api/src/env.ts';

const composeDir = path.resolve(import.meta.dirname, '../../../deploy/compose');

interface Service {
  image?: string;
  command?: string[];
  read_only?: boolean;
  environment?: Record<string, string>;
  networks?: { default?: { aliases?: string[] } };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

const compose = parse(readFileSync(path.join(composeDir, 'compose.yaml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service> };
const nginx = readFileSync(path.join(composeDir, 'nginx.conf'), 'utf8');
const replicas = ['app1', 'app2', 'app3'];

/** What compose makes of `${NAME:-default}` and `${NAME:?message}` with these variables set. */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(
    /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
    (_all, name: string, kind, rest: string) => {
      const given = variables[name];
      if (given) return given;
      if (kind === '?') throw new Error(`${name}: ${rest}`);
      return kind === '-' ? rest : '';
    },
  );
}

describe('the compose recipe', () => {
  it('runs PostgreSQL, a one-shot migration, three replicas and nginx', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['app1', 'app2', 'app3', 'lb', 'migrate', 'postgres'].sort(),
    );
    expect(compose.services.migrate?.command).toEqual(['migrate']);
    for (const name of replicas) {
      const replica = compose.services[name]!;
      expect(replica.command).toEqual(['serve']);
      expect(replica.read_only).toBe(true);
      expect(replica.networks?.default?.aliases).toEqual(['app']);
      expect(replica.depends_on?.migrate?.condition).toBe('service_completed_successfully');
      expect(compose.services.lb?.depends_on?.[name]?.condition).toBe('service_healthy');
    }
  });

  it('gives every replica a configuration its env.ts accepts, and needs a database password', () => {
    const environment = compose.services.app1!.environment!;
    expect(() => interpolate(environment.DATABASE_URL!, {})).toThrow(/POSTGRES_PASSWORD/);
    const env = loadEnv({
      EMBEDDED_DATABASE: 'off',
      ...Object.fromEntries(
        Object.entries(environment).map(([key, value]) => [
          key,
          interpolate(value, { POSTGRES_PASSWORD: 'secret' }),
        ]),
      ),
    });
    expect(env.DATABASE_URL).toBe('postgres://skycast:secret@postgres:5432/skycast');
    expect(env.TRUST_PROXY).toBe(1);
    expect(env.METRICS_PORT).toBeDefined();
  });

  it('lets PostgreSQL take every replica’s pool and LISTEN connection with room to spare', () => {
    const command = compose.services.postgres!.command!.join(' ');
    const maxConnections = Number(/max_connections=(\d+)/.exec(command)?.[1]);
    expect(maxConnections).toBeGreaterThanOrEqual(replicas.length * 11 + 20);
  });

  it('has nginx send requests to the replicas’ port, retrying idempotent ones on the next', () => {
    expect(compose.services.lb!.volumes).toContain(
      './nginx.conf:/etc/nginx/conf.d/default.conf:ro',
    );
    expect(nginx).toMatch(/set \$replicas app;\s+proxy_pass http:\/\/\$replicas:3000;/);
    expect(nginx).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504;/);
    expect(nginx).not.toMatch(/non_idempotent/);
  });
});
