import { lazyWithWords } from '../i18n/lazy-with-words.ts';

const loadHourlyChart = () => import('./HourlyChart.tsx');

/**
 * The hourly chart (its summary, table and uPlot drawing), below the first
 * screen: loaded after the first paint, in chunks of its own.
 */
export const LazyHourlyChart = lazyWithWords(() =>
  loadHourlyChart().then((module) => ({ default: module.HourlyChart })),
);

/** Starts loading the chart's code early, alongside the forecast, instead of after it. */
export function preloadChart(): void {
  void loadHourlyChart()
    .then((module) => module.preloadChart())
    .catch(() => undefined);
}
