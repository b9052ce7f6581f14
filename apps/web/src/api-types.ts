import type { RouterInputs, RouterOutputs } from '@skycast/api';

/** The forecast as the API serves it; every shape below is derived from the router. */
export type Forecast = RouterOutputs['weather']['forecast'];
export type CurrentConditions = Forecast['current'];
export type HourlyEntry = Forecast['hourly'][number];
export type DailyEntry = Forecast['daily'][number];
export type Units = Forecast['units'];
export type ProviderId = Forecast['source'];

/** A place found by the search. */
export type Place = RouterOutputs['weather']['searchLocations'][number];

export type Coordinates = RouterInputs['weather']['forecast'];
