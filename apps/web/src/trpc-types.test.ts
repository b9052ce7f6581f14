import { describe, expect, expectTypeOf, it } from 'vitest';

import type { RouterInputs, RouterOutputs } from '@skycast/api';

import type { AccountPreferences, Preferences } from './preferences/preferences.ts';
import { trpc } from './trpc.ts';

/*
 * These tests prove that calls are typed from the router. Their assertions
 * are checked by `tsc --noEmit` (pnpm typecheck): a change to the API's
 * shapes that the app does not follow fails the typecheck.
 */
describe('tRPC calls are typed from the router', () => {
  it('builds forecast query options from coordinates', () => {
    const options = trpc.weather.forecast.queryOptions({ latitude: 52.52, longitude: 13.41 });
    expect(options.queryKey).toEqual([
      ['weather', 'forecast'],
      { input: { latitude: 52.52, longitude: 13.41 }, type: 'query' },
    ]);
  });

  it('refuses a latitude given as text', () => {
    const wrongInput = () =>
      // @ts-expect-error latitude is a number in the router's input schema
      trpc.weather.forecast.queryOptions({ latitude: '52.52', longitude: 13.41 });
    expect(wrongInput).toBeTypeOf('function');
  });

  it('refuses a search without a query', () => {
    // @ts-expect-error query is required
    const wrongInput = () => trpc.weather.searchLocations.queryOptions({ limit: 5 });
    expect(wrongInput).toBeTypeOf('function');
  });

  it('types the forecast the API returns', () => {
    type Forecast = RouterOutputs['weather']['forecast'];
    expectTypeOf<Forecast['current']['temperature']>().toEqualTypeOf<number>();
    expectTypeOf<Forecast['units']['temperature']>().toEqualTypeOf<'°C' | '°F'>();
    expectTypeOf<Forecast['stale']>().toEqualTypeOf<boolean>();
    expectTypeOf<Forecast['source']>().toEqualTypeOf<'open-meteo' | 'openweather'>();
    expectTypeOf<Forecast['hourly'][number]['precipitationProbability']>().toEqualTypeOf<
      number | null
    >();
  });

  it('types the places the search returns', () => {
    type Place = RouterOutputs['weather']['searchLocations'][number];
    expectTypeOf<Place['admin1']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RouterInputs['weather']['searchLocations']['query']>().toEqualTypeOf<string>();
  });

  it('gives useQuery the router’s output as its data', () => {
    const options = trpc.weather.forecast.queryOptions({ latitude: 0, longitude: 0 });
    type Data = NonNullable<Awaited<ReturnType<NonNullable<typeof options.queryFn>>>>;
    expectTypeOf<Data>().toEqualTypeOf<RouterOutputs['weather']['forecast']>();
    expect(options.queryFn).toBeTypeOf('function');
  });

  it('keeps the browser’s preferences and the account’s the same shape', () => {
    expectTypeOf<RouterOutputs['preferences']['get']>().toEqualTypeOf<AccountPreferences>();
    expectTypeOf<Required<RouterInputs['preferences']['update']>>().toEqualTypeOf<Preferences>();
    // The units the page asks for are the ones the API knows.
    expectTypeOf<Preferences['units']>().toEqualTypeOf<
      NonNullable<RouterInputs['weather']['forecast']['units']>
    >();
    expectTypeOf<Preferences['windUnit']>().toEqualTypeOf<
      NonNullable<RouterInputs['weather']['forecast']['windUnit']>
    >();
    const options = trpc.preferences.get.queryOptions();
    expect(options.queryKey[0]).toEqual(['preferences', 'get']);
  });
});
