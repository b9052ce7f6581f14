import type { Database, Kysely } from '@skycast/db';
import type { WeatherProvider } from '@skycast/weather';

import type { Logger } from './logger.ts';
import { createForecastCache, type ForecastCache } from './weather/forecast-cache.ts';

export interface ServiceDependencies {
  db: Kysely<Database>;
  provider: WeatherProvider;
  logger: Logger;
}

/** Long-lived objects shared by every request: built once at start-up. */
export interface Services {
  db: Kysely<Database>;
  provider: WeatherProvider;
  forecasts: ForecastCache;
}

/**
 * Wires the API's services from its dependencies. The server calls it once;
 * tests call it with a test database and a provider pointed at the stub.
 */
export function createServices(deps: ServiceDependencies): Services {
  return {
    db: deps.db,
    provider: deps.provider,
    forecasts: createForecastCache({ db: deps.db, provider: deps.provider, logger: deps.logger }),
  };
}
