import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_PLACES } from '@skycast/validators';
import { rejectionOf } from '@skycast/vitest-config/testing';
import { createTestApi, wordsOf, type TestApi } from './test-api.ts';

const PASSWORD = 'correct horse battery staple';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

let counter = 0;
async function newUser() {
  const browser = api.browser();
  const user = await browser.api.auth.signUp({
    email: `places${++counter}@example.com`,
    password: PASSWORD,
  });
  return { browser, user };
}

const errorOf = (promise: Promise<unknown>) => rejectionOf(promise, TRPCError);

const berlin = { name: 'Berlin', latitude: 52.52, longitude: 13.405, country: 'Germany' };
const paris = { name: 'Paris', latitude: 48.8566, longitude: 2.3522, timezone: 'Europe/Paris' };
const oslo = { name: 'Oslo', latitude: 59.9139, longitude: 10.7522 };

describe('places', () => {
  it('gives the overview: the places in order, each with its weather now, in one call', async () => {
    const { browser } = await newUser();
    await browser.api.places.add(paris);
    await browser.api.places.add(berlin);
    const overview = await browser.api.places.overview({ units: 'imperial', windUnit: 'mph' });
    expect(overview.map((p) => p.name)).toEqual(['Paris', 'Berlin']);
    const forecast = await browser.api.weather.forecast({
      latitude: berlin.latitude,
      longitude: berlin.longitude,
      units: 'imperial',
    });
    expect(overview[1]!.weather).toMatchObject({
      temperature: forecast.current.temperature,
      units: { temperature: '°F', windSpeed: 'mph' },
    });
  });

  it('adds, lists in order, renames, reorders and removes', async () => {
    const { browser } = await newUser();
    const a = await browser.api.places.add(berlin);
    const b = await browser.api.places.add(paris);
    const c = await browser.api.places.add(oslo);
    expect(a).toMatchObject({ name: 'Berlin', country: 'Germany', timezone: null, position: 0 });
    expect((await browser.api.places.list()).map((p) => p.name)).toEqual([
      'Berlin',
      'Paris',
      'Oslo',
    ]);

    expect(await browser.api.places.rename({ id: b.id, name: '  Paris (home) ' })).toMatchObject({
      id: b.id,
      name: 'Paris (home)',
    });
    const reordered = await browser.api.places.reorder({ ids: [c.id, a.id, b.id] });
    expect(reordered.map((p) => p.name)).toEqual(['Oslo', 'Berlin', 'Paris (home)']);
    expect(await browser.api.places.remove({ id: a.id })).toEqual({ id: a.id });
    expect((await browser.api.places.list()).map((p) => p.id)).toEqual([c.id, b.id]);
  });

  it('refuses the same place twice with a clear CONFLICT and stores one row', async () => {
    const { browser } = await newUser();
    await browser.api.places.add(berlin);
    const error = await errorOf(
      browser.api.places.add({ ...berlin, name: 'Berlin again', latitude: 52.52001 }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('This place is already in your list.');
    expect(await browser.api.places.list()).toHaveLength(1);
  });

  it(`keeps at most ${MAX_PLACES} places: the next one is refused`, async () => {
    const { browser, user } = await newUser();
    await api.db
      .insertInto('places')
      .values(
        Array.from({ length: MAX_PLACES }, (_, i) => ({
          userId: user.id,
          name: `Place ${i}`,
          latitude: i,
          longitude: i,
          position: i,
        })),
      )
      .execute();
    const error = await errorOf(browser.api.places.add(oslo));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/at most 50 places/);
    expect(await browser.api.places.list()).toHaveLength(MAX_PLACES);
  });

  it('needs a session for every procedure', async () => {
    const anonymous = api.browser();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      () => anonymous.api.places.list(),
      () => anonymous.api.places.overview({}),
      () => anonymous.api.places.add(berlin),
      () => anonymous.api.places.rename({ id, name: 'x' }),
      () => anonymous.api.places.remove({ id }),
      () => anonymous.api.places.reorder({ ids: [id] }),
      () => anonymous.api.preferences.get(),
      () => anonymous.api.preferences.update({ units: 'imperial' }),
    ]) {
      expect((await errorOf(call())).code).toBe('UNAUTHORIZED');
    }
  });

  it("never lets one user list, rename, remove or reorder another's places", async () => {
    const alice = await newUser();
    const mallory = await newUser();
    const a1 = await alice.browser.api.places.add(berlin);
    const a2 = await alice.browser.api.places.add(paris);
    const m1 = await mallory.browser.api.places.add(oslo);

    expect((await mallory.browser.api.places.list()).map((p) => p.id)).toEqual([m1.id]);
    expect(
      (await errorOf(mallory.browser.api.places.rename({ id: a1.id, name: 'pwned' }))).code,
    ).toBe('NOT_FOUND');
    expect((await errorOf(mallory.browser.api.places.remove({ id: a1.id }))).code).toBe(
      'NOT_FOUND',
    );
    for (const ids of [
      [a2.id, a1.id],
      [m1.id, a1.id],
      [a2.id, a1.id, m1.id],
    ]) {
      expect((await errorOf(mallory.browser.api.places.reorder({ ids }))).code).toBe('BAD_REQUEST');
    }
    expect(await alice.browser.api.places.list()).toEqual([a1, a2]);
    expect(await mallory.browser.api.places.list()).toEqual([m1]);
    expect((await mallory.browser.api.places.overview({})).map((p) => p.id)).toEqual([m1.id]);
  });

  it('answers bad input with a clear 400 and changes nothing', async () => {
    const { browser } = await newUser();
    const place = await browser.api.places.add(berlin);
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => browser.api.places.add({ ...oslo, latitude: 91 }), /latitude/],
      [() => browser.api.places.add({ ...oslo, name: '   ' }), /Give the place a name/],
      [() => browser.api.places.add({ ...oslo, name: 'x'.repeat(101) }), /at most 100/],
      [() => browser.api.places.add({ ...oslo, timezone: '../../etc/passwd' }), /IANA time zone/],
      [() => browser.api.places.rename({ id: 'not-a-uuid', name: 'x' }), /UUID/],
      [() => browser.api.places.reorder({ ids: [place.id, place.id] }), /only once/],
      [
        () =>
          browser.api.places.reorder({
            ids: Array.from({ length: 51 }, () => crypto.randomUUID()),
          }),
        /ids/,
      ],
    ];
    for (const [call, message] of cases) {
      const error = await errorOf(call());
      expect(error.code).toBe('BAD_REQUEST');
      expect(wordsOf(error)).toMatch(message);
    }
    expect(await browser.api.places.list()).toEqual([place]);
  });
});

const UNCHOSEN = { precipitationUnit: null, pressureUnit: null, distanceUnit: null, clock: null };

describe('preferences', () => {
  it('starts from the defaults, changes only what is given, and is per user', async () => {
    const alice = await newUser();
    const bob = await newUser();
    expect(await alice.browser.api.preferences.get()).toEqual({
      units: 'metric',
      windUnit: 'kmh',
      ...UNCHOSEN,
      theme: 'system',
      language: 'auto',
    });
    await alice.browser.api.preferences.update({ units: 'imperial' });
    expect(await alice.browser.api.preferences.update({ windUnit: 'kn', theme: 'dark' })).toEqual({
      units: 'imperial',
      windUnit: 'kn',
      ...UNCHOSEN,
      theme: 'dark',
      language: 'auto',
    });
    expect(await alice.browser.api.preferences.update({ language: 'ar' })).toMatchObject({
      units: 'imperial',
      language: 'ar',
    });
    expect(await bob.browser.api.preferences.get()).toEqual({
      units: 'metric',
      windUnit: 'kmh',
      ...UNCHOSEN,
      theme: 'system',
      language: 'auto',
    });
  });

  it('keeps each unit and the clock apart, and reads them back', async () => {
    const { browser } = await newUser();
    await browser.api.preferences.update({ units: 'metric', precipitationUnit: 'in' });
    await browser.api.preferences.update({ pressureUnit: 'mmHg', clock: '12h' });
    await browser.api.preferences.update({ distanceUnit: 'mi', windUnit: 'mph' });
    const expected = {
      units: 'metric',
      windUnit: 'mph',
      precipitationUnit: 'in',
      pressureUnit: 'mmHg',
      distanceUnit: 'mi',
      clock: '12h',
      theme: 'system',
      language: 'auto',
    };
    expect(await browser.api.preferences.get()).toEqual(expected);
    // Every choice at once, as a new account takes a browser's.
    const all = {
      units: 'imperial',
      windUnit: 'ms',
      precipitationUnit: 'mm',
      pressureUnit: 'inHg',
      distanceUnit: 'km',
      clock: '24h',
      theme: 'dark',
      language: 'es',
    } as const;
    expect(await browser.api.preferences.update(all)).toEqual(all);
    expect(await browser.api.preferences.get()).toEqual(all);
  });

  it('reads a row stored before the unit choices existed', async () => {
    const { browser, user } = await newUser();
    // What the table held for a person who chose °F before this release, as the migration left it.
    await api.db
      .insertInto('preferences')
      .values({ userId: user.id, units: 'imperial', windUnit: 'mph', theme: 'light' })
      .execute();
    expect(await browser.api.preferences.get()).toEqual({
      units: 'imperial',
      windUnit: 'mph',
      ...UNCHOSEN,
      theme: 'light',
      language: 'auto',
    });
    expect(await browser.api.preferences.update({ clock: '12h' })).toEqual({
      units: 'imperial',
      windUnit: 'mph',
      ...UNCHOSEN,
      clock: '12h',
      theme: 'light',
      language: 'auto',
    });
  });

  it('refuses unknown values and keys', async () => {
    const { browser } = await newUser();
    // @ts-expect-error -- a value the type forbids, as a hand-made request could send it
    const bad = await errorOf(browser.api.preferences.update({ units: 'kelvin' }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/units/);
    // @ts-expect-error -- an unknown key
    const extra = await errorOf(browser.api.preferences.update({ userId: 'someone' }));
    expect(extra.code).toBe('BAD_REQUEST');
    // @ts-expect-error -- a language Skycast does not speak
    const klingon = await errorOf(browser.api.preferences.update({ language: 'tlh' }));
    expect(klingon.code).toBe('BAD_REQUEST');
    for (const change of [
      { pressureUnit: 'atm' },
      { precipitationUnit: 'cm' },
      { distanceUnit: 'nmi' },
      { clock: '13h' },
      { clock: null },
      { clock: 'x'.repeat(10_000) },
    ]) {
      // @ts-expect-error -- values the type forbids
      const refused = await errorOf(browser.api.preferences.update(change));
      expect(refused.code).toBe('BAD_REQUEST');
    }
    expect(await browser.api.preferences.get()).toEqual({
      units: 'metric',
      windUnit: 'kmh',
      ...UNCHOSEN,
      theme: 'system',
      language: 'auto',
    });
  });
});
