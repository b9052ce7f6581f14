import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http, { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { silentLogger } from '@skycast/api';
import type { KyselyPlugin } from '@skycast/db';

import { createAnswerPolicy } from '../src/answer-policy.ts';
import { escapeHtml, FIRST_VIEW_ELEMENT_ID } from '../src/first-view.ts';
import { escapeForScript, KEPT_ANSWERS_ELEMENT_ID } from '../src/page-html.ts';
import { createPlacePages } from '../src/place-pages.ts';
import { createPublicAnswers } from '../src/public-answers.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const SHELL =
  '<!doctype html><html><head><title>Skycast</title></head><body><div id="root"></div></body></html>';

let world: TestServer;
let webDistDir: string;
let baseUrl: string;
const queries = {
  count: 0,
  transformQuery(args) {
    this.count++;
    return args.node;
  },
  transformResult: (args) => Promise.resolve(args.result),
} satisfies KyselyPlugin & { count: number };

beforeAll(async () => {
  world = await startTestServer();
  webDistDir = await mkdtemp(path.join(os.tmpdir(), 'skycast-web-'));
  await writeFile(path.join(webDistDir, 'index.html'), SHELL);
  ({ url: baseUrl } = await world.startWith(
    { db: world.db.withPlugin(queries), logger: silentLogger },
    { webDistDir },
  ));
});

afterAll(async () => {
  await world.close();
  await rm(webDistDir, { recursive: true, force: true });
});

/** What the tests read of a `weather.forecast` answer. */
interface ForecastResponse {
  result: { data: { stale: boolean } };
}

/** The JSON in a page's data block, as the browser's `JSON.parse(element.textContent)` reads it. */
function embedded(html: string): unknown {
  const match = new RegExp(
    `<script type="application/json" id="${KEPT_ANSWERS_ELEMENT_ID}">([^<]*)</script>`,
  ).exec(html);
  return match ? JSON.parse(match[1] ?? '') : undefined;
}

describe('a place’s page with its kept forecast inside', () => {
  it('is the plain shell until the forecast is kept when it may not wait for one, then the shell with that very answer, from memory', async () => {
    const instance = await world.startWith(
      { db: world.db.withPlugin(queries), logger: silentLogger },
      { webDistDir, placePageWaitMs: 0 },
    );
    const place = '/place/47.37,8.54/Z%C3%BCrich';
    const before = await fetch(`${instance.url}${place}`);
    expect(before.status).toBe(200);
    expect(await before.text()).toBe(SHELL);

    const forecast = await fetch(
      `${instance.url}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude: 47.37, longitude: 8.54 }))}`,
    );
    const answer: unknown = await forecast.json();

    const queriesBefore = queries.count;
    const page = await fetch(`${instance.url}${place}`);
    const html = await page.text();
    expect(queries.count).toBe(queriesBefore);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('public, no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(
      html.startsWith(
        `<!doctype html><html><head><title>Skycast</title></head><body><div id="root"><div id="${FIRST_VIEW_ELEMENT_ID}" hidden`,
      ),
    ).toBe(true);
    expect(html).toMatch(/<\/main><\/div><\/div><script type="application\/json"/);
    expect(embedded(html)).toEqual({
      answers: [
        {
          procedure: 'weather.forecast',
          input: { latitude: 47.37, longitude: 8.54 },
          madeAt: expect.any(Number) as number,
          response: answer,
        },
      ],
    });
  });

  it('is the same bytes for everyone: any name in the URL, a session cookie or none, and never sets one', async () => {
    await fetch(
      `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude: 46.95, longitude: 7.45 }))}`,
    );
    const plain = await fetch(`${baseUrl}/place/46.95,7.45/Bern`);
    const renamed = await fetch(`${baseUrl}/place/46.95,7.45/Berne`, {
      headers: { cookie: 'skycast_session=not-a-real-session; other=1' },
    });
    const bare = await fetch(`${baseUrl}/place/46.95,7.45`);
    const bodies = await Promise.all([plain, renamed, bare].map((response) => response.text()));
    expect(embedded(bodies[0] ?? '')).toBeDefined();
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[2]).toBe(bodies[0]);
    for (const response of [plain, renamed, bare]) {
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(response.headers.get('etag')).toBe(plain.headers.get('etag'));
    }
    const again = await fetch(`${baseUrl}/place/46.95,7.45/Bern`, {
      headers: { 'if-none-match': plain.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('follows a new release of the shell at once, as the static files do', async () => {
    const input = { latitude: 46.2, longitude: 6.15 };
    await fetch(
      `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    const before = await (await fetch(`${baseUrl}/place/46.2,6.15/Gen%C3%A8ve`)).text();
    const next = SHELL.replace('<title>', '<meta name="release" content="next"><title>');
    await writeFile(path.join(webDistDir, 'index.html'), next);
    try {
      const after = await (await fetch(`${baseUrl}/place/46.2,6.15/Gen%C3%A8ve`)).text();
      expect(after).toContain('<meta name="release" content="next">');
      expect(embedded(after)).toEqual(embedded(before));
    } finally {
      await writeFile(path.join(webDistDir, 'index.html'), SHELL);
    }
  });

  it('goes out compressed once, br to a browser that takes it', async () => {
    await fetch(
      `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify({ latitude: 47.05, longitude: 8.31 }))}`,
    );
    const identity = await (await fetch(`${baseUrl}/place/47.05,8.31/Luzern`)).text();
    const response = await rawGet(`${baseUrl}/place/47.05,8.31/Luzern`, {
      'accept-encoding': 'br',
    });
    expect(response.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(response.body).toString()).toBe(identity);
  });
});

/** The first view's attributes and the text of its parts, as the browser's parser reads them. */
function firstView(html: string) {
  const view = new RegExp(
    `<div id="${FIRST_VIEW_ELEMENT_ID}" hidden data-celsius="([^"]*)" data-fahrenheit="([^"]*)" data-fresh-until="([^"]*)">`,
  ).exec(html);
  if (!view) return undefined;
  const part = (name: string) =>
    new RegExp(`data-first-view="${name}"[^>]*>(.*?)</`).exec(html)?.[1];
  return {
    celsius: Number(view[1]),
    fahrenheit: Number(view[2]),
    freshUntil: Number(view[3]),
    name: part('name'),
    subtitle: part('subtitle'),
    temperature: part('temperature'),
  };
}

describe('a place’s first visit, whose forecast the server has not kept yet', () => {
  const forecastUrl = (input: { latitude: number; longitude: number }) =>
    `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`;

  it('waits for the forecast the app would ask for, carries it, and the app’s own request then comes from memory', async () => {
    const input = { latitude: 45.44, longitude: 12.33 };
    world.stub.resetCalls();
    const page = await fetch(`${baseUrl}/place/45.44,12.33/Venezia`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(world.stub.calls('/v1/forecast')).toBe(1);
    expect(html).toContain(`<div id="${FIRST_VIEW_ELEMENT_ID}" hidden data-celsius="`);
    const [carried] = (embedded(html) as { answers: { input: unknown; response: unknown }[] })
      .answers;
    expect(carried?.input).toEqual(input);

    const queriesBefore = queries.count;
    const forecast = await fetch(forecastUrl(input));
    expect(queries.count).toBe(queriesBefore);
    expect(forecast.headers.get('cache-control')).toMatch(/^public, max-age=/);
    expect(await forecast.json()).toEqual(carried?.response);
    expect(world.stub.calls('/v1/forecast')).toBe(1);
  });

  it('sends its head at once and the plain shell’s rest once the wait is over when the provider is slow, and the app’s request joins the call under way', async () => {
    const input = { latitude: 43.77, longitude: 11.25 };
    world.stub.resetCalls();
    world.stub.setFault({ mode: 'slow', delayMs: 1_500, endpoints: ['/v1/forecast'] });
    try {
      const page = await fetch(`${baseUrl}/place/43.77,11.25/Firenze`, {
        headers: { 'accept-encoding': 'identity' },
      });
      const reader = (page.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      // The head comes first, on its own: the browser loads its styles and scripts while the page waits.
      const head = decoder.decode((await reader.read()).value);
      expect(head).toBe(SHELL.slice(0, SHELL.indexOf('<div id="root">')));
      let html = head;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        html += decoder.decode(chunk.value);
      expect(html).toBe(SHELL);
      const forecast = await fetch(forecastUrl(input));
      expect(forecast.status).toBe(200);
      expect(world.stub.calls('/v1/forecast')).toBe(1);
      // Kept since: the next visit carries it.
      expect(embedded(await (await fetch(`${baseUrl}/place/43.77,11.25/Firenze`)).text())).toEqual(
        expect.objectContaining({ answers: [expect.objectContaining({ input })] }),
      );
    } finally {
      world.stub.setFault(null);
    }
  });

  it('lets a visitor leave while it waits: the server goes on answering, compressed as before', async () => {
    world.stub.setFault({ mode: 'slow', delayMs: 1_500, endpoints: ['/v1/forecast'] });
    try {
      const leaving = new AbortController();
      const page = await fetch(`${baseUrl}/place/45.07,7.69/Torino`, {
        headers: { 'accept-encoding': 'br' },
        signal: leaving.signal,
      });
      await (page.body as ReadableStream<Uint8Array>).getReader().read();
      leaving.abort();
      const next = await fetch(`${baseUrl}/place/44.41,8.93/Genova`);
      expect(next.status).toBe(200);
      expect(await next.text()).toBe(SHELL);
    } finally {
      world.stub.setFault(null);
    }
  });

  it('goes out as the plain shell, keeping nothing, when the provider fails; the app then hears why', async () => {
    const input = { latitude: 40.85, longitude: 14.27 };
    // One failure a call, not retried: the page's and the app's stay under the circuit breaker.
    world.stub.setFault({ mode: 'malformed', endpoints: ['/v1/forecast'] });
    try {
      const page = await fetch(`${baseUrl}/place/40.85,14.27/Napoli`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(SHELL);
      const forecast = await fetch(forecastUrl(input));
      expect(forecast.status).toBe(502);
      expect(forecast.headers.get('cache-control')).toBe('no-store');
    } finally {
      world.stub.setFault(null);
    }
  });

  it('carries a stale stored forecast standing in for a failing provider once, without the first view, and keeps nothing', async () => {
    const place = '/place/38.12,13.36/Palermo';
    expect(embedded(await (await fetch(`${baseUrl}${place}`)).text())).toBeDefined();
    // Another instance two hours on: the stored forecast is past its freshness, the provider fails.
    const later = await world.startWith(
      {
        db: world.db.withPlugin(queries),
        logger: silentLogger,
        now: () => new Date(Date.now() + 2 * 60 * 60_000),
      },
      { webDistDir },
    );
    // A malformed body: one failure, not retried (a 500 is retried past the page's wait).
    world.stub.setFault({ mode: 'malformed', endpoints: ['/v1/forecast'] });
    try {
      const html = await (await fetch(`${later.url}${place}`)).text();
      expect(html).not.toContain(FIRST_VIEW_ELEMENT_ID);
      const [carried] = (embedded(html) as { answers: { response: ForecastResponse }[] }).answers;
      expect(carried?.response.result.data.stale).toBe(true);
      // Not kept: the next visitor's page asks again (it may no longer be stale).
      const queriesBefore = queries.count;
      await fetch(`${later.url}${place}`);
      expect(queries.count).toBeGreaterThan(queriesBefore);
    } finally {
      world.stub.setFault(null);
      await later.close();
    }
  });

  it('carries the forecast the same way in a day’s page, without the first view', async () => {
    const html = await (await fetch(`${baseUrl}/place/41.9,12.5/day/2026-12-08`)).text();
    expect(html).not.toContain(FIRST_VIEW_ELEMENT_ID);
    expect(embedded(html)).toEqual(
      expect.objectContaining({
        answers: [expect.objectContaining({ input: { latitude: 41.9, longitude: 12.5 } })],
      }),
    );
  });
});

describe('the first view written into a place’s page', () => {
  it('carries the temperature now of the very answer it embeds, in both scales, until that answer stops being fresh', async () => {
    const input = { latitude: 47.5, longitude: 7.59 };
    const answer = (await (
      await fetch(
        `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`,
      )
    ).json()) as {
      result: { data: { units: { temperature: string }; current: { temperature: number } } };
    };
    const { data } = answer.result;
    expect(data.units.temperature).toBe('°C');

    const html = await (await fetch(`${baseUrl}/place/47.5,7.59/Basel`)).text();
    const view = firstView(html);
    expect(view).toBeDefined();
    expect(view?.celsius).toBe(data.current.temperature);
    expect(view?.fahrenheit).toBeCloseTo((data.current.temperature * 9) / 5 + 32, 10);
    expect(view?.freshUntil).toBeGreaterThan(Date.now());
    // Embedded beside the data, whose madeAt it never precedes.
    const [kept] = (embedded(html) as { answers: { madeAt: number }[] }).answers;
    expect(view?.freshUntil).toBeGreaterThan(kept?.madeAt ?? Infinity);
    // No words and no choice of the person's: the scale, the language and the name from
    // the URL are the browser's to fill in (theme.js), so the bytes are everyone's.
    expect(view?.temperature).toBe('');
    expect(view?.name).toBe('47.50° N, 7.59° E');
    expect(view?.subtitle).toBe('<bdi>47.50° N, 7.59° E');
    expect(html).not.toContain('Basel');
  });

  it('is left out of a day’s page, which shows that day first: it gets the data alone', async () => {
    const input = { latitude: 47.56, longitude: 7.6 };
    await fetch(
      `${baseUrl}/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`,
    );
    const day = new Date().toISOString().slice(0, 10);
    const html = await (await fetch(`${baseUrl}/place/47.56,7.6/Basel/day/${day}`)).text();
    expect(embedded(html)).toBeDefined();
    expect(html).not.toContain(FIRST_VIEW_ELEMENT_ID);
    const place = await (await fetch(`${baseUrl}/place/47.56,7.6/Basel`)).text();
    expect(firstView(place)).toBeDefined();
  });

  it('escapes text for HTML, in an element or a quoted attribute', () => {
    expect(escapeHtml(`<b class="x">Köln & 'Bonn'</b>`)).toBe(
      '&lt;b class=&quot;x&quot;&gt;Köln &amp; &#39;Bonn&#39;&lt;/b&gt;',
    );
  });
});

describe('the data block', () => {
  it('cannot be ended by a provider’s string: </script><script> stays text inside the JSON', async () => {
    const policy = createAnswerPolicy({
      publicOrigin: 'http://localhost:3000',
      trustProxy: 0,
      draining: () => false,
    });
    const publicAnswers = createPublicAnswers({
      basePath: '/trpc/',
      procedures: new Map([
        ['weather.forecast', { cacheSeconds: 300, rateLimit: undefined, accepts: () => true }],
      ]),
      rateLimiter: {
        hit: () => Promise.resolve({ allowed: true, remaining: 1, retryAfterSeconds: 1 }),
      },
      sessionCookieName: 'skycast_session',
      maxBytes: 1024 * 1024,
      logger: silentLogger,
      policy,
      clientKeyOf: () => '127.0.0.1',
    });
    const hostile = 'Storm </script><script>alert(1)</script><!-- & \u2028';
    const body = { result: { data: { timezone: hostile, warnings: [{ event: hostile }] } } };
    const input = { latitude: 1.5, longitude: 2.5 };
    publicAnswers.remember(
      {
        method: 'GET',
        originalUrl: `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(input))}`,
        headers: {},
      } as Request,
      {
        procedure: 'weather.forecast',
        body,
        cacheControl: 'public, max-age=300',
        served: [
          {
            id: 'open-meteo|forecast|1.5,2.5',
            fetchedAt: new Date(),
            freshUntil: new Date(Date.now() + 600_000),
            stale: false,
          },
        ],
        missed: [],
      },
    );
    const pages = createPlacePages({
      shellFile: path.join(webDistDir, 'index.html'),
      publicAnswers,
      maxBytes: 1024 * 1024,
      policy,
      logger: silentLogger,
    });
    const server = await listen((req, res) =>
      pages.serve(req, res, () => res.writeHead(404).end()),
    );
    try {
      const html = await (await fetch(`${server.url}/place/1.5,2.5/Anywhere`)).text();
      // One data block, closed where the server closed it; the app's own script tags are the shell's.
      expect(html.match(/<\/script>/g)).toHaveLength(1);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<!--');
      expect(embedded(html)).toMatchObject({ answers: [{ response: body }] });
      // No temperature in that answer: no first view, the data alone.
      expect(html).not.toContain(FIRST_VIEW_ELEMENT_ID);
    } finally {
      server.close();
    }
  });

  it('escapes each character that could end or confuse a script block, and JSON.parse reads it back', () => {
    const text = JSON.stringify({ name: '</script><script>x</script> <!-- & \u2028\u2029' });
    const escaped = escapeForScript(text);
    expect(escaped).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(escaped)).toEqual(JSON.parse(text));
  });
});

function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): void }> {
  return new Promise((resolve) => {
    const server: Server = createServer(handler).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}

/** A GET with headers fetch would change (Accept-Encoding), body as received. */
async function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    },
  );
}
