import type { RequestHandler } from 'express';

import { sendTRPCError } from './trpc-error-response.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests a browser sends on another site's behalf
 * (CSRF). The browser's own `Sec-Fetch-Site: same-origin` is accepted; any
 * other request that names an `Origin` must name an allowed one. A request
 * with neither header comes from no browser (curl, a server), which carries
 * no victim's cookie to abuse. Bodies must be JSON, as the web app sends: a
 * plain HTML form can only send url-encoded, multipart or text bodies.
 *
 * @example
 * app.use('/trpc', originCheck(new Set(['https://skycast.example'])));
 */
export function originCheck(allowedOrigins: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const fromAllowedOrigin = origin !== undefined && allowedOrigins.has(origin);
    const sameOrigin = site === 'same-origin';
    if (!sameOrigin && (site !== undefined || origin !== undefined) && !fromAllowedOrigin) {
      req.log.warn({ origin, secFetchSite: site }, 'refused a cross-site request');
      sendTRPCError(
        res,
        'FORBIDDEN',
        'This request came from another site, so it was refused. Use Skycast from its own address.',
      );
      return;
    }
    if (!req.is('application/json')) {
      sendTRPCError(res, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
      return;
    }
    next();
  };
}
