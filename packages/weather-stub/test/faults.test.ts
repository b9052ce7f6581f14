import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type Fault, startWeatherStub, type WeatherStub } from '../src/index.ts';

const FORECAST = '/v1/forecast?latitude=52.52&longitude=13.41&current=temperature_2m';
const WEATHER = '/data/2.5/weather?lat=52.52&lon=13.41&appid=test-key';

let stub: WeatherStub;
beforeAll(async () => {
  stub = await startWeatherStub();
});
afterAll(() => stub.close());
afterEach(() => {
  stub.setFault(null);
  stub.resetCalls();
});

const get = (path: string, init?: RequestInit) => fetch(`${stub.url}${path}`, init);

describe('fault injection', () => {
  it('down: drops the connection without an answer, and counts the call', async () => {
    stub.setFault({ mode: 'down' });
    await expect(get(FORECAST)).rejects.toThrow(TypeError);
    expect(stub.calls('/v1/forecast')).toBe(1);
  });

  it('slow: answers normally after delayMs', async () => {
    stub.setFault({ mode: 'slow', delayMs: 150 });
    const started = performance.now();
    const response = await get(FORECAST);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { current: object }).current).toBeDefined();
    // Timers may fire a millisecond early by the client's clock.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('slow: lets a caller time out, and close() does not wait for the pending answer', async () => {
    const timingOut = await startWeatherStub();
    timingOut.setFault({ mode: 'slow' }); // 10 s by default, longer than this test may take
    await expect(
      fetch(`${timingOut.url}${FORECAST}`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }) as Error);
    await timingOut.close();

    // A stub of its own, so a timed-out request that arrives late is not counted here.
    const own = await startWeatherStub();
    own.setFault({ mode: 'slow' });
    const pending = fetch(`${own.url}${FORECAST}`).catch((error: unknown) => error);
    // Wait until the server holds the request, then close under it.
    await expect.poll(() => own.calls(), { timeout: 10_000 }).toBe(1);
    await own.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });

  it("error: the status (default 500) with each provider's error body", async () => {
    stub.setFault({ mode: 'error' });
    const openMeteo = await get(FORECAST);
    expect(openMeteo.status).toBe(500);
    expect(openMeteo.headers.get('x-skycast-simulated')).toBe('1');
    expect(await openMeteo.json()).toEqual({ error: true, reason: 'Internal Server Error' });

    stub.setFault({ mode: 'error', status: 503 });
    const openWeather = await get(WEATHER);
    expect(openWeather.status).toBe(503);
    expect(await openWeather.json()).toEqual({
      cod: 503,
      message: 'The service is temporarily overloaded. Please try again later.',
    });
  });

  it('rate-limit: 429 with Retry-After (default 60) and the documented body', async () => {
    stub.setFault({ mode: 'rate-limit' });
    const openMeteo = await get(FORECAST);
    expect(openMeteo.status).toBe(429);
    expect(openMeteo.headers.get('retry-after')).toBe('60');
    expect(await openMeteo.json()).toEqual({
      error: true,
      reason: 'Minutely API request limit exceeded. Please try again in one minute.',
    });

    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    stub.setFault({ mode: 'rate-limit', retryAfter: date });
    const openWeather = await get(WEATHER);
    expect(openWeather.status).toBe(429);
    expect(openWeather.headers.get('retry-after')).toBe(date);
    expect(await openWeather.json()).toMatchObject({
      cod: 429,
      message: expect.stringMatching(/requests limitation/) as string,
    });
  });

  it('malformed: 200 with a body that is not JSON', async () => {
    stub.setFault({ mode: 'malformed' });
    const response = await get(FORECAST);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-skycast-simulated')).toBe('1');
    const text = await response.text();
    expect(text.startsWith('{"latitude"')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it("bad-request: 400 with each provider's error body", async () => {
    stub.setFault({ mode: 'bad-request' });
    const openMeteo = await get(FORECAST);
    expect(openMeteo.status).toBe(400);
    expect(await openMeteo.json()).toEqual({ error: true, reason: expect.any(String) as string });
    const openWeather = await get(WEATHER);
    expect(openWeather.status).toBe(400);
    expect(await openWeather.json()).toEqual({ cod: '400', message: expect.any(String) as string });
  });

  it('out-of-range: the normal body with every value of one variable replaced, as written', async () => {
    stub.setFault({ mode: 'out-of-range' });
    const codes = (await (await get(`${FORECAST},weather_code&hourly=weather_code`)).json()) as {
      current: { weather_code: number };
      hourly: { weather_code: number[] };
    };
    expect(codes.current.weather_code).toBe(150);
    expect(new Set(codes.hourly.weather_code)).toEqual(new Set([150]));

    stub.setFault({ mode: 'out-of-range', variable: 'temperature_2m', value: '1e400' });
    const text = await (await get(FORECAST)).text();
    expect(text).toContain('"temperature_2m":1e400');
    expect(
      (JSON.parse(text) as { current: { temperature_2m: number } }).current.temperature_2m,
    ).toBe(Infinity);
  });

  it('time-shift: answers as its clock would a week earlier (or shiftMs away)', async () => {
    const own = await startWeatherStub({ now: () => new Date('2026-06-15T12:00:00Z') });
    own.setFault({ mode: 'time-shift' });
    const body = (await (await fetch(`${own.url}${FORECAST}&timezone=GMT`)).json()) as {
      current: { time: string };
    };
    expect(body.current.time).toBe('2026-06-08T12:00');
    own.setFault({ mode: 'time-shift', shiftMs: 3_600_000 });
    const later = (await (await fetch(`${own.url}${FORECAST}&timezone=GMT`)).json()) as {
      current: { time: string };
    };
    expect(later.current.time).toBe('2026-06-15T13:00');
    await own.close();
  });

  it('oversized: 200 with a JSON body of exactly `bytes` bytes, streamed', async () => {
    stub.setFault({ mode: 'oversized', bytes: 1_000_000 });
    const response = await get(FORECAST);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    const text = await response.text();
    expect(text.length).toBe(1_000_000);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['padding']);
  });

  it('oversized: a client that stops reading does not make the stub write the rest', async () => {
    stub.setFault({ mode: 'oversized' });
    const response = await get(FORECAST);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    // The stub still answers others at once.
    stub.setFault(null);
    expect((await get(FORECAST)).status).toBe(200);
  });

  it('touches only the listed endpoints, and counts faulted calls', async () => {
    stub.setFault({ mode: 'error', endpoints: ['/v1/search'] });
    expect((await get('/v1/search?name=Berlin')).status).toBe(500);
    expect((await get(FORECAST)).status).toBe(200);
    expect(stub.calls('/v1/search')).toBe(1);
    expect(stub.calls()).toBe(2);
  });

  it('touches only calls whose path starts with one listed: one MeteoAlarm document fails, the others answer', async () => {
    const feed = await (await get('/feeds/meteoalarm-legacy-atom-germany')).text();
    const documents = [
      ...feed.matchAll(/href="https?:\/\/[^/"]+(\/api\/v1\/warnings\/[^"]+)"/g),
    ].map((match) => match[1]!);
    const frost = documents.find((path) => path.includes('/berlin-frost.'));
    const gusts = documents.find((path) => path.includes('/berlin-storm-gusts.'));
    stub.setFault({
      mode: 'error',
      status: 503,
      endpoints: ['/api/v1/warnings'],
      paths: ['/api/v1/warnings/feeds-germany/berlin-frost'],
    });
    expect((await get(frost!)).status).toBe(503);
    expect((await get(gusts!)).status).toBe(200);
    expect((await get('/feeds/meteoalarm-legacy-atom-germany')).status).toBe(200);
  });

  it('stops when cleared', async () => {
    stub.setFault({ mode: 'error' });
    stub.setFault(null);
    expect((await get(FORECAST)).status).toBe(200);
  });

  it.each([
    [{ mode: 'explode' }, /mode must be one of/],
    [{ mode: 'slow', delayMs: -1 }, /delayMs/],
    [{ mode: 'error', status: 99 }, /status/],
    [{ mode: 'error', endpoints: ['/v2/forecast'] }, /endpoints/],
    [{ mode: 'slow', delay: 100 }, /Unknown fault field/],
    [{ mode: 'error', paths: ['api/v1/warnings'] }, /paths/],
    [{ mode: 'error', paths: '/api/v1/warnings' }, /paths/],
    [{ mode: 'out-of-range', value: 'NaN' }, /value/],
    [{ mode: 'out-of-range', variable: 'a.b' }, /variable/],
    [{ mode: 'time-shift', shiftMs: 1.5 }, /shiftMs/],
    [{ mode: 'oversized', bytes: 3 }, /bytes/],
  ])('refuses an invalid fault %o', (fault, message) => {
    expect(() => stub.setFault(fault as unknown as Fault)).toThrow(message);
  });
});
