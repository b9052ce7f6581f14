/** A place on a grid far enough apart that no two share a cache entry. */
export function place(index: number): { latitude: number; longitude: number } {
  return { latitude: 40 + (index % 10) * 0.5, longitude: 2 + Math.floor(index / 10) * 0.5 };
}

export function forecastPath(index: number): string {
  return `/trpc/weather.forecast?input=${encodeURIComponent(JSON.stringify(place(index)))}`;
}

export interface LoadReport {
  sent: number;
  ok: number;
  /** Answers other than 200, and connection errors, each with what happened. */
  failures: { at: number; what: string }[];
  /** Requests cut off by the client's timeout: they hung. */
  timedOut: number;
  slowestMs: number;
}

export interface SteadyLoad {
  /** Stops sending and resolves when every request in flight has ended. */
  stop(): Promise<LoadReport>;
}

/**
 * Bounded steady load: `workers` loops, each one client with an address of
 * its own (sent as X-Forwarded-For, as a proxy in front would), cycling over
 * `places`, pausing `pauseMs` between requests, every request cut off after
 * `timeoutMs`. Runs until stopped, and at most `maxMs`.
 */
export function startSteadyLoad(options: {
  baseUrl: string;
  places: number;
  workers: number;
  pauseMs: number;
  timeoutMs: number;
  maxMs: number;
}): SteadyLoad {
  const report: LoadReport = { sent: 0, ok: 0, failures: [], timedOut: 0, slowestMs: 0 };
  const started = Date.now();
  let running = true;
  const deadline = setTimeout(() => (running = false), options.maxMs);

  async function worker(id: number): Promise<void> {
    let next = id;
    const client = `198.51.100.${id + 1}`;
    while (running) {
      const path = forecastPath(next++ % options.places);
      const sentAt = Date.now();
      report.sent++;
      try {
        const response = await fetch(`${options.baseUrl}${path}`, {
          headers: { 'x-forwarded-for': client },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        await response.arrayBuffer();
        if (response.status === 200) report.ok++;
        else report.failures.push({ at: sentAt - started, what: `HTTP ${response.status}` });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'TimeoutError') report.timedOut++;
        else
          report.failures.push({
            at: sentAt - started,
            what: String((error as Error).cause ?? error),
          });
      }
      report.slowestMs = Math.max(report.slowestMs, Date.now() - sentAt);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }

  const workers = Array.from({ length: options.workers }, (_, id) => worker(id));
  return {
    async stop() {
      running = false;
      clearTimeout(deadline);
      await Promise.all(workers);
      return report;
    },
  };
}
