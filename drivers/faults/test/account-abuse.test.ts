import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWeatherStub, type WeatherStub } from '@skycast/weather-stub';

import { mutationRequest } from '../src/api-calls.ts';
import { clientAddress } from '../src/load.ts';
import { startRestartablePostgres, type RestartablePostgres } from '../src/postgres.ts';
import { startServerProcess, type ServerProcess } from '../src/server-process.ts';

// Two real server processes on one PostgreSQL, as behind a load balancer;
// each request carries its own client address through the one trusted proxy hop.
let pg: RestartablePostgres;
let stub: WeatherStub;
let a: ServerProcess;
let b: ServerProcess;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  stub = await startWeatherStub();
  const env = { TRUST_PROXY: '1' };
  [a, b] = await Promise.all([
    startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url, env }),
    startServerProcess({ databaseUrl: pg.databaseUrl, stubUrl: stub.url, env }),
  ]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await stub?.close();
  await pg?.destroy();
});

const PASSWORD = 'an old and trusted passphrase';
const NEW_PASSWORD = 'a new and better passphrase';

/** A mutation over HTTP; the answer's status, the session cookie it set, and its body. */
async function call(server: ServerProcess, procedure: string, input: unknown, cookie?: string) {
  const { url, init } = mutationRequest(server.url, procedure, input, cookie);
  const response = await fetch(url, init);
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    cookie: response.headers.getSetCookie()[0]?.split(';')[0],
    body: await response.text(),
  };
}

/** Who the cookie signs in on `server` (null: nobody). */
async function me(server: ServerProcess, cookie: string): Promise<unknown> {
  const response = await fetch(`${server.url}/trpc/auth.me`, {
    headers: { cookie, 'x-forwarded-for': clientAddress() },
  });
  return ((await response.json()) as { result?: { data?: unknown } }).result?.data;
}

async function signUp(server: ServerProcess, email: string): Promise<string> {
  const answer = await call(server, 'auth.signUp', { email, password: PASSWORD });
  if (answer.status !== 200 || !answer.cookie)
    throw new Error(`sign-up answered ${answer.status}: ${answer.body}`);
  return answer.cookie;
}

describe('a password change racing sign-ins on two instances', () => {
  it('leaves no session but the changer’s, whichever instance made it and when', async () => {
    const email = `racer-${crypto.randomUUID()}@example.com`;
    const owner = await signUp(a, email);
    const signIns = Array.from(
      { length: 12 },
      (_, i) =>
        new Promise<Awaited<ReturnType<typeof call>>>((resolve, reject) => {
          setTimeout(() => {
            call(i % 2 ? a : b, 'auth.signIn', { email, password: PASSWORD }).then(resolve, reject);
          }, i * 30);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    const change = await call(
      a,
      'auth.changePassword',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      owner,
    );
    expect(change.status).toBe(200);
    const answers = await Promise.all(signIns);
    // Signed in, refused (the password had changed, or — once the refusals reach the
    // account's limit of wrong tries — locked), or, on a loaded machine, told the database
    // was too busy (503, no session made); never an internal error.
    const locked = (answer: { status: number; body: string }) =>
      answer.status === 429 && answer.body.includes('"reason":"SIGN_IN_LOCKED"');
    expect(
      answers.filter((answer) => ![200, 401, 503].includes(answer.status) && !locked(answer)),
      JSON.stringify(answers.map((answer) => [answer.status, answer.body.slice(0, 200)])),
    ).toEqual([]);
    const cookies = answers.flatMap((answer) => (answer.cookie ? [answer.cookie] : []));
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(await me(a, cookie)).toBeNull();
      expect(await me(b, cookie)).toBeNull();
    }
    expect(await me(b, owner)).toMatchObject({ email });
  });
});

describe('a session older than its absolute lifetime', () => {
  it('is refused over HTTP even when its expires_at lies in the future', async () => {
    const email = `old-${crypto.randomUUID()}@example.com`;
    const cookie = await signUp(b, email);
    await pg.admin
      .updateTable('sessions')
      .set({
        createdAt: new Date(Date.now() - 100 * 86_400_000),
        expiresAt: new Date(Date.now() + 10 * 86_400_000),
      })
      .where('userId', 'in', (eb) => eb.selectFrom('users').select('id').where('email', '=', email))
      .execute();
    expect(await me(a, cookie)).toBeNull();
  });
});

describe('a flood of writes from one session', () => {
  it('is refused with 429 and Retry-After, and another account still writes', async () => {
    const flooder = await signUp(a, `flood-${crypto.randomUUID()}@example.com`);
    const neighbour = await signUp(a, `calm-${crypto.randomUUID()}@example.com`);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    const started = Date.now();
    // Bounded: 200 writes, ten at a time, at most 30 s.
    for (let round = 0; round < 20 && Date.now() - started < 30_000; round++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(a, 'preferences.update', { theme: i % 2 ? 'dark' : 'light' }, flooder),
        ),
      );
      for (const answer of answers) {
        statuses.push(answer.status);
        if (answer.status === 429) retryAfter ??= answer.retryAfter;
      }
    }
    expect(statuses.filter((status) => status === 200).length).toBe(120);
    expect(statuses.filter((status) => status === 429).length).toBe(statuses.length - 120);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await call(a, 'preferences.update', { theme: 'dark' }, neighbour)).status).toBe(200);
  });
});
