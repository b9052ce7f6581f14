import { describe, expect, it } from 'vitest';

import {
  isStorableWeatherAnswer,
  isStorableWeatherRequest,
  MAX_ANSWERS_TO_STORE,
  STORE_ANSWERS_MESSAGE,
  storeAnswersRequest,
} from '../service-worker/stored-answers.ts';

const origin = 'https://skycast.example';
const forecast = `${origin}/trpc/weather.forecast?input=${encodeURIComponent('{"latitude":52.52,"longitude":13.41}')}`;
const get = (url: string, credentials: RequestCredentials = 'omit') => ({
  method: 'GET',
  url,
  credentials,
});

describe('what the service worker may store', () => {
  it('stores a cookie-less GET of a weather query', () => {
    expect(isStorableWeatherRequest(get(forecast))).toBe(true);
    expect(isStorableWeatherRequest(get(`${origin}/trpc/weather.summaries?input=%7B%7D`))).toBe(
      true,
    );
  });

  it('never stores personal answers, batches, requests with cookies, writes or search', () => {
    for (const procedure of ['auth.me', 'places.overview', 'preferences.get', 'places.list'])
      expect(isStorableWeatherRequest(get(`${origin}/trpc/${procedure}?input=%7B%7D`))).toBe(false);
    expect(
      isStorableWeatherRequest(get(`${origin}/trpc/weather.forecast,auth.me?batch=1&input=%7B%7D`)),
    ).toBe(false);
    expect(isStorableWeatherRequest(get(`${origin}/trpc/weather.forecast?batch=1`))).toBe(false);
    expect(isStorableWeatherRequest(get(forecast, 'same-origin'))).toBe(false);
    expect(isStorableWeatherRequest(get(forecast, 'include'))).toBe(false);
    expect(isStorableWeatherRequest({ ...get(forecast), method: 'POST' })).toBe(false);
    expect(
      isStorableWeatherRequest(get(`${origin}/trpc/weather.searchLocations?input=%7B%7D`)),
    ).toBe(false);
  });

  it('takes from a page’s message only same-origin weather URLs, and a bounded number', () => {
    const message = (urls: unknown) => ({ type: STORE_ANSWERS_MESSAGE, urls });
    expect(
      storeAnswersRequest(
        message([
          forecast,
          'https://elsewhere.example/trpc/weather.forecast?input=%7B%7D',
          `${origin}/trpc/auth.me`,
          'not a url',
          42,
        ]),
        origin,
      ),
    ).toEqual([forecast]);
    expect(storeAnswersRequest(message(Array(500).fill(forecast)), origin)).toHaveLength(
      MAX_ANSWERS_TO_STORE,
    );
    expect(storeAnswersRequest({ type: 'other', urls: [forecast] }, origin)).toEqual([]);
    expect(storeAnswersRequest(null, origin)).toEqual([]);
    expect(storeAnswersRequest(message('x'), origin)).toEqual([]);
  });
});

describe('which answers the service worker keeps', () => {
  const answer = (status: number, cacheControl?: string) => ({
    status,
    headers: new Headers(cacheControl ? { 'cache-control': cacheControl } : {}),
  });

  it('keeps a whole public answer', () => {
    expect(isStorableWeatherAnswer(answer(200, 'public, max-age=300'))).toBe(true);
  });

  it('never keeps an answer the server said not to store, such as a list with a hole', () => {
    expect(isStorableWeatherAnswer(answer(200, 'no-store'))).toBe(false);
    expect(isStorableWeatherAnswer(answer(200, 'private, no-store'))).toBe(false);
    expect(isStorableWeatherAnswer(answer(200))).toBe(false);
  });

  it('never keeps an error', () => {
    expect(isStorableWeatherAnswer(answer(429, 'public, max-age=300'))).toBe(false);
    expect(isStorableWeatherAnswer(answer(502, 'no-store'))).toBe(false);
  });
});
