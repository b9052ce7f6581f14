export interface Outcome {
  /** Which request this was (the `n` given to `request`). */
  n?: number;
  /** `performance.now()` when the request was sent and when it was answered or failed. */
  started: number;
  ended: number;
  status?: number;
  /** The network error's code when there was no answer (ECONNRESET, UND_ERR_SOCKET, ECONNREFUSED…). */
  error?: string;
  body?: string;
  headers?: Headers;
}

export interface LoadOptions {
  /** Requests in flight at once. */
  workers: number;
  /** The n-th request to send. */
  request: (n: number) => { url: string; init?: RequestInit };
  /** Upper bound on requests sent, so the loop ends even if `stop` is never called. */
  maxRequests?: number;
  /** Pause between one worker's requests. */
  pauseMs?: number;
}

export interface Load {
  /** What happened so far. */
  outcomes(): Outcome[];
  /** Stops sending, waits for what is in flight, and returns every outcome. */
  stop(): Promise<Outcome[]>;
}

/** A client address from 10.0.0.0/8 for `X-Forwarded-For`, so rate limits do not shape the load. */
export function clientAddress(): string {
  const part = () => Math.floor(Math.random() * 254) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

/**
 * Sends one request at a time on each of `workers` loops until stopped
 * (or `maxRequests`), recording each answer or network error.
 *
 * @example
 * const load = startLoad({ workers: 8, request: () => ({ url: `${server.url}/livez` }) });
 * const outcomes = await load.stop();
 */
export function startLoad(options: LoadOptions): Load {
  const outcomes: Outcome[] = [];
  const maxRequests = options.maxRequests ?? 100_000;
  let sent = 0;
  let stopped = false;

  async function worker(): Promise<void> {
    while (!stopped && sent < maxRequests) {
      const n = sent++;
      const { url, init } = options.request(n);
      outcomes.push({ n, ...(await send(url, init)) });
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }
  const running = Promise.all(Array.from({ length: options.workers }, () => worker()));

  return {
    outcomes: () => [...outcomes],
    async stop() {
      stopped = true;
      await running;
      return [...outcomes];
    },
  };
}

/** One request, never throwing: the answer (status, body) or the network error's code. */
export async function send(url: string, init?: RequestInit): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000), ...init });
    const body = await response.text();
    return {
      started,
      ended: performance.now(),
      status: response.status,
      body,
      headers: response.headers,
    };
  } catch (error) {
    return { started, ended: performance.now(), error: errorCode(error) };
  }
}

function errorCode(error: unknown): string {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if ((current as { name?: unknown }).name === 'TimeoutError') return 'TIMEOUT';
  }
  return String(error);
}

/** How many outcomes had each status (or error code): `{ '200': 812, '503': 40 }`. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.error ?? String(outcome.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export interface FloodOptions {
  /** Requests in flight at once. */
  workers: number;
  /** How many requests to send in all. */
  count: number;
  /** Stop sending after this long, however many were sent. */
  deadlineMs: number;
  /** The n-th request to send. */
  request: (n: number) => { url: string; init?: RequestInit };
}

/**
 * Sends `count` requests (bounded by `deadlineMs`) on `workers` loops and
 * keeps only how many got each status: unlike {@link startLoad}, nothing of
 * an answer is held, so a flood of 100,000 costs the sender no memory.
 *
 * @example
 * const { sent, statuses } = await flood({ workers: 16, count: 100_000, deadlineMs: 120_000, request });
 */
export async function flood(
  options: FloodOptions,
): Promise<{ sent: number; statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  const deadline = performance.now() + options.deadlineMs;
  let sent = 0;
  async function worker(): Promise<void> {
    while (sent < options.count && performance.now() < deadline) {
      const { url, init } = options.request(sent++);
      let key: string;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(30_000), ...init });
        await response.arrayBuffer();
        key = String(response.status);
      } catch (error) {
        key = errorCode(error);
      }
      statuses[key] = (statuses[key] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: options.workers }, () => worker()));
  return { sent, statuses };
}
