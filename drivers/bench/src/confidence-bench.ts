import { control } from './server-bench.ts';
import { startSkycast } from './processes.ts';

export interface ConfidenceBenchOptions {
  repoRoot: string;
  databaseUrl: string;
  stubUrl: string;
  /** Distinct places asked about. */
  places: number;
  /** Times each place is asked, by a different client each time. */
  repeats: number;
}

export interface ConfidenceFigures {
  name: string;
  answers: number;
  /** HTTP requests the provider saw. */
  providerRequests: number;
  /** Those requests as Open-Meteo's free tier weighs them. */
  weightedCalls: number;
}

interface StubCalls {
  total: number;
  weighted: number;
}

async function stubCalls(stubUrl: string): Promise<StubCalls> {
  const response = await control(stubUrl, 'GET', '/__stub/calls');
  return (await response.json()) as StubCalls;
}

/**
 * What a confidence answer costs the provider: `weather.confidence` for
 * `places` new places, each asked `repeats` times by different clients, on
 * one Skycast process; then ECMWF's 51 members for one place. Reads the
 * stub's counter of requests and of weighted calls.
 */
export async function benchConfidence(
  options: ConfidenceBenchOptions,
): Promise<ConfidenceFigures[]> {
  const server = await startSkycast({ ...options, env: { TRUST_PROXY: '1' } });
  let client = 0;
  const ask = async (input: Record<string, unknown>) => {
    const ip = `10.9.${(client >> 8) & 255}.${client++ & 255}`;
    const url = `${server.url}/trpc/weather.confidence?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(url, { headers: { 'x-forwarded-for': ip } });
    if (!response.ok) throw new Error(`weather.confidence answered ${response.status}`);
    await response.arrayBuffer();
  };
  const measure = async (name: string, answers: number, run: () => Promise<void>) => {
    const before = await stubCalls(options.stubUrl);
    await run();
    const after = await stubCalls(options.stubUrl);
    return {
      name,
      answers,
      providerRequests: after.total - before.total,
      weightedCalls: after.weighted - before.weighted,
    };
  };
  try {
    const place = (index: number) => ({ latitude: 30 + index * 0.7, longitude: -5 + index * 0.9 });
    const figures: ConfidenceFigures[] = [];
    figures.push(
      await measure(`mean and spread, ${options.places} new places`, options.places, async () => {
        for (let i = 0; i < options.places; i++) await ask(place(i));
      }),
    );
    const again = options.places * options.repeats;
    figures.push(
      await measure(`the same places again, ${options.repeats}× each`, again, async () => {
        for (let r = 0; r < options.repeats; r++)
          await Promise.all(Array.from({ length: options.places }, (_, i) => ask(place(i))));
      }),
    );
    figures.push(
      await measure('51 members, one new place', 1, () =>
        ask({ ...place(options.places), members: true }),
      ),
    );
    return figures;
  } finally {
    await server.stop();
  }
}
