import http from 'node:http';

export interface RelayAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface Relay {
  /** Base URL to give a provider instead of the stub's. */
  readonly url: string;
  /** Every request received, with its query, in order. */
  readonly requests: URL[];
  /** Each request's headers, in the same order. */
  readonly headers: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/**
 * A local HTTP server between a provider client and the stub, for what the
 * stub cannot show: the exact requests a client sends, an altered request
 * (a lost `units=metric`), or a documented body the stub never produces.
 * Everything still goes over real HTTP; `fetch` is never replaced.
 */
export async function startRelay(answer: (url: URL) => Promise<RelayAnswer>): Promise<Relay> {
  const requests: URL[] = [];
  const headers: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    requests.push(url);
    headers.push(req.headers);
    answer(url).then(
      ({ status, body, headers }) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body),
      (error: unknown) => res.writeHead(502).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers with what `target` answers to the same path and query, optionally rewritten first. */
export function forwardTo(target: string, rewrite: (url: URL) => void = () => {}) {
  return async (url: URL): Promise<RelayAnswer> => {
    const upstream = new URL(`${url.pathname}${url.search}`, target);
    rewrite(upstream);
    const response = await fetch(upstream);
    const headers: Record<string, string> = {};
    for (const name of ['retry-after', 'x-skycast-simulated']) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: response.status, body: await response.text(), headers };
  };
}

/** Always answers `body` as JSON with `status`. */
export function fixture(body: unknown, status = 200) {
  return (): Promise<RelayAnswer> => Promise.resolve({ status, body: JSON.stringify(body) });
}
