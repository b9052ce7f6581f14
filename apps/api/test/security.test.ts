import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_BATCH_SIZE, MAX_REQUEST_BODY_BYTES } from '@skycast/api';

import { startTestServer, type TestServer } from './test-server.ts';

const ORIGIN = 'https://skycast.example';
const EVIL = 'https://evil.example';
const PASSWORD = 'correct horse battery staple';

let world: TestServer;
let baseUrl: string;
const start = (options: Parameters<TestServer['start']>[0]) => world.start(options);

beforeAll(async () => {
  world = await startTestServer({
    services: {
      throttle: {
        account: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 },
        ip: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 },
      },
    },
  });
  baseUrl = await start({ publicOrigin: ORIGIN, nodeEnv: 'production' });
});
afterAll(() => world.close());

/** A POST as the web app's batch link sends it: JSON, from its own origin. */
function post(
  url: string,
  procedure: string,
  input: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/trpc/${procedure}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: JSON.stringify({ 0: input }),
  });
}

let counter = 0;
async function signUp(url = baseUrl) {
  const email = `http${++counter}@example.com`;
  const response = await post(url, 'auth.signUp', { email, password: PASSWORD });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie()[0] ?? '';
  return { email, cookie: cookie.split(';')[0]!, setCookie: cookie };
}

async function me(cookie: string, url = baseUrl): Promise<unknown> {
  const response = await fetch(`${url}/trpc/auth.me`, { headers: { cookie } });
  const body = (await response.json()) as { result: { data: unknown } };
  return body.result.data;
}

describe('the session cookie', () => {
  it('is __Host- prefixed, HttpOnly, SameSite=Lax, Secure and Path=/ over HTTPS', async () => {
    const { setCookie, cookie, email } = await signUp();
    expect(setCookie).toMatch(/^__Host-skycast_session=[\w-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(await me(cookie)).toMatchObject({ email });
  });

  it('has no prefix on plain HTTP in development, and is cleared on sign-out', async () => {
    const url = await start({ publicOrigin: 'http://localhost:3000', nodeEnv: 'development' });
    const response = await post(
      url,
      'auth.signUp',
      { email: `dev${++counter}@example.com`, password: PASSWORD },
      { origin: 'http://localhost:5173' },
    );
    const setCookie = response.headers.getSetCookie()[0] ?? '';
    expect(setCookie).toMatch(/^skycast_session=/);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0]!;
    const out = await post(url, 'auth.signOut', undefined, {
      cookie,
      origin: 'http://localhost:3000',
    });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^skycast_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await me(cookie, url)).toBeNull();
  });
});

describe('cross-site requests (CSRF)', () => {
  it.each([
    [
      'multipart/form-data',
      () => {
        const form = new FormData();
        form.set('anything', '1');
        return { body: form, headers: {} };
      },
    ],
    ['text/plain', () => ({ body: '{}', headers: { 'content-type': 'text/plain' } })],
    [
      'application/x-www-form-urlencoded',
      () => ({
        body: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ],
  ])('refuses a %s form post from another site to auth.signOutEverywhere', async (_type, make) => {
    const { cookie, email } = await signUp();
    const { body, headers } = make();
    const response = await fetch(`${baseUrl}/trpc/auth.signOutEverywhere`, {
      method: 'POST',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', cookie, ...headers },
      body,
    });
    expect(response.status).toBe(403);
    const answer = (await response.json()) as {
      error: { message: string; data: { code: string } };
    };
    expect(answer.error.data.code).toBe('FORBIDDEN');
    expect(answer.error.message).toMatch(/another site/);
    // Nothing changed: the session still works.
    expect(await me(cookie)).toMatchObject({ email });
    const sessions = await world.db.selectFrom('sessions').select('userId').execute();
    expect(sessions.length).toBeGreaterThan(0);
  });

  it('refuses a JSON post with a foreign Origin even without Sec-Fetch-Site', async () => {
    const { cookie, email } = await signUp();
    const response = await post(baseUrl, 'auth.signOutEverywhere', undefined, {
      cookie,
      origin: EVIL,
    });
    expect(response.status).toBe(403);
    expect(await me(cookie)).toMatchObject({ email });
  });

  it('accepts the same request from the app itself, which is what the check must allow', async () => {
    const { cookie } = await signUp();
    const response = await post(baseUrl, 'auth.signOutEverywhere', undefined, {
      cookie,
      'sec-fetch-site': 'same-origin',
    });
    expect(response.status).toBe(200);
    expect(await me(cookie)).toBeNull();
  });

  it('refuses a same-origin post that is not JSON with 415', async () => {
    const response = await fetch(`${baseUrl}/trpc/auth.signOut`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(response.status).toBe(415);
  });
});

describe('sign-in throttling over HTTP', () => {
  async function failedSignIn(url: string, email: string, forwardedFor: string) {
    const response = await post(
      url,
      'auth.signIn',
      { email, password: 'wrong password!' },
      { 'x-forwarded-for': forwardedFor },
    );
    return response.status;
  }

  it('counts by the socket address when no proxy is trusted: a spoofed X-Forwarded-For changes nothing', async () => {
    const url = await start({ publicOrigin: ORIGIN, trustProxy: 0 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // A different account each time, so only the per-address count can lock.
      statuses.push(await failedSignIn(url, `nobody${i}@spoof.example`, `10.0.0.${i}`));
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    await world.db.deleteFrom('rateLimits').where('key', 'like', 'sign-in:%').execute();
  });

  it('behind one proxy, takes the address the proxy saw, not what the client prepended', async () => {
    const url = await start({ publicOrigin: ORIGIN, trustProxy: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        await failedSignIn(url, `someone${i}@spoof.example`, `10.9.9.${i}, 203.0.113.77`),
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is not locked out.
    expect(await failedSignIn(url, 'other@spoof.example', '203.0.113.78')).toBe(401);
    await world.db.deleteFrom('rateLimits').where('key', 'like', 'sign-in:%').execute();
  });

  it('checks no more passwords than the limit when 300 wrong tries for one account arrive at once', async () => {
    const url = await start({ publicOrigin: ORIGIN, trustProxy: 1 });
    const email = `burst${++counter}@example.com`;
    const created = await post(
      url,
      'auth.signUp',
      { email, password: PASSWORD },
      { 'x-forwarded-for': '203.0.113.98' },
    );
    expect(created.status).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 300 }, () => failedSignIn(url, email, '203.0.113.99')),
    );
    // Each try is counted, for the account and the address, before its password is
    // checked: at most 5 (this server's limit) are checked (401), every other is refused.
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(300 - checked);
    await world.db.deleteFrom('rateLimits').where('key', 'like', 'sign-in:%').execute();
  });

  it('locks one account after repeated failures from many addresses', async () => {
    const url = await start({ publicOrigin: ORIGIN, trustProxy: 1 });
    const { email } = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await failedSignIn(url, email, `198.51.100.${i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await post(
      url,
      'auth.signIn',
      { email, password: PASSWORD },
      {
        'x-forwarded-for': '198.51.100.200',
      },
    );
    expect(right.status).toBe(429);
    const [body] = (await right.json()) as [{ error: { message: string } }];
    expect(body.error.message).toMatch(/Too many failed sign-ins/);
    await world.db.deleteFrom('rateLimits').where('key', 'like', 'sign-in:%').execute();
  });
});

describe('limits and headers', () => {
  it('answers a body over the limit with 413 and a tRPC-shaped error', async () => {
    const response = await post(baseUrl, 'auth.signIn', {
      email: 'a@example.com',
      password: 'x'.repeat(MAX_REQUEST_BODY_BYTES),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.message).toMatch(/larger than 64 KiB/);
  });

  it('answers 413 to a streamed body without a length, too', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${baseUrl}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: stream,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a POST batch larger than MAX_BATCH_SIZE and runs none of it', async () => {
    const { cookie, email } = await signUp();
    const procedures = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => 'auth.signOut').join(',');
    const response = await fetch(`${baseUrl}/trpc/${procedures}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, cookie },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await me(cookie)).toMatchObject({ email });
  });

  it('answers bad sign-up input with 400, a clear message, and creates nothing', async () => {
    const response = await post(baseUrl, 'auth.signUp', {
      email: 'not-an-email',
      password: PASSWORD,
    });
    expect(response.status).toBe(400);
    const [body] = (await response.json()) as [{ error: { message: string } }];
    expect(body.error.message).toMatch(/email: Enter an email address/);
    expect(JSON.stringify(body)).not.toMatch(/stack|\.ts:\d+/);
    const rows = await world.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'not-an-email')
      .execute();
    expect(rows).toEqual([]);
  });

  it('sends security headers, with a policy the built web app can live with', async () => {
    const response = await fetch(`${baseUrl}/livez`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });

  it('keeps CORS off unless origins are configured', async () => {
    const closed = await fetch(`${baseUrl}/trpc/auth.me`, { headers: { origin: EVIL } });
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();

    const url = await start({ publicOrigin: ORIGIN, corsOrigins: ['https://partner.example'] });
    const preflight = await fetch(`${url}/trpc/auth.me`, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    const other = await fetch(`${url}/trpc/auth.me`, { headers: { origin: EVIL } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
