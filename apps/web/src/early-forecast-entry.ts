import { startEarlyForecast } from './forecast/early-forecast.ts';

// An entry of its own in index.html, before the app's: a few hundred bytes that run
// as soon as they arrive, while the app's scripts still download.
startEarlyForecast(document, fetch);
