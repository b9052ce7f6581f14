import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { meteoAlarmAreas } from '@skycast/weather';

export interface AreasFigures {
  regions: number;
  loadMs: number;
  /** Heap kept by the loaded index after a full collection, MiB. */
  heapMiB: number;
  lookups: number;
  /** Median and 99th percentile of one point's lookup, microseconds. */
  p50Us: number;
  p99Us: number;
}

/** A full garbage collection, without starting Node with `--expose-gc`. */
function collect() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * MeteoAlarm's region boundaries: the first load (read, validate, index),
 * the heap they keep, and the cost of one point's lookup across Europe
 * (a deterministic spread of points between 35–70° N and 10° W–30° E).
 */
export async function benchAreas(lookups = 20_000): Promise<AreasFigures> {
  collect();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const areas = await meteoAlarmAreas();
  const loadMs = performance.now() - started;
  collect();
  const heapMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  const times: number[] = [];
  for (let i = 0; i < lookups; i++) {
    const latitude = 35 + ((i * 7919) % 3500) / 100;
    const longitude = -10 + ((i * 104_729) % 4000) / 100;
    const start = performance.now();
    areas.codesAt(latitude, longitude);
    times.push((performance.now() - start) * 1000);
  }
  times.sort((a, b) => a - b);
  return {
    regions: areas.size,
    loadMs,
    heapMiB,
    lookups,
    p50Us: times[Math.floor(lookups / 2)]!,
    p99Us: times[Math.floor(lookups * 0.99)]!,
  };
}
