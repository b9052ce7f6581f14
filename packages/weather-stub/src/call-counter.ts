import { STUB_ENDPOINTS, type StubEndpoint } from './endpoints.ts';

export interface CallCounts {
  total: number;
  /** Calls as Open-Meteo's free tier weighs them. */
  weighted: number;
  byEndpoint: Record<StubEndpoint, number>;
}

/** Counts provider calls per endpoint, faulted ones included: upstream would have counted them too. */
export class CallCounter {
  readonly #counts = new Map<StubEndpoint, number>();
  #weighted = 0;

  record(endpoint: StubEndpoint, weight = 1): void {
    this.#counts.set(endpoint, this.count(endpoint) + 1);
    this.#weighted += weight;
  }

  weighted(): number {
    return this.#weighted;
  }

  /** Calls of one endpoint, or of all of them. */
  count(endpoint?: StubEndpoint): number {
    if (endpoint) return this.#counts.get(endpoint) ?? 0;
    let total = 0;
    for (const count of this.#counts.values()) total += count;
    return total;
  }

  reset(): void {
    this.#counts.clear();
    this.#weighted = 0;
  }

  snapshot(): CallCounts {
    const byEndpoint = Object.fromEntries(
      STUB_ENDPOINTS.map((endpoint) => [endpoint, this.count(endpoint)]),
    );
    return {
      total: this.count(),
      weighted: this.#weighted,
      byEndpoint: byEndpoint as Record<StubEndpoint, number>,
    };
  }
}
