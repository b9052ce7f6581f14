import type { RequestHandler } from 'express';

/**
 * Lets the listed origins call the API from a browser, cookies included.
 * With no origins configured it adds nothing: browsers then keep other
 * sites from reading any answer.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin === undefined || !allowed.has(origin)) return next();
    res.vary('Origin');
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-methods', 'GET, POST');
      res.setHeader('access-control-allow-headers', 'content-type, x-request-id, trpc-accept');
      res.setHeader('access-control-max-age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
