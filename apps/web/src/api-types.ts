import type { RouterInputs, RouterOutputs } from '@skycast/api';
import type { Clock } from '@skycast/validators';

/** The forecast as the API serves it; every shape below is derived from the router. */
export type Forecast = RouterOutputs['weather']['forecast'];
export type CurrentConditions = Forecast['current'];
export type HourlyEntry = Forecast['hourly'][number];
export type DailyEntry = Forecast['daily'][number];
/** The units the API served an answer in. */
export type ServedUnits = Forecast['units'];
/**
 * The units a page shows, as the person chose them: the API's, with mmHg
 * besides, and the clock. Every number on screen is converted to these.
 */
export interface Units {
  temperature: ServedUnits['temperature'];
  windSpeed: ServedUnits['windSpeed'];
  precipitation: ServedUnits['precipitation'];
  pressure: ServedUnits['pressure'] | 'mmHg';
  visibility: ServedUnits['visibility'];
  clock: Clock;
}
export type ProviderId = Forecast['source'];

/** A place found by the search. */
export type Place = RouterOutputs['weather']['searchLocations'][number];

export type Coordinates = RouterInputs['weather']['forecast'];
