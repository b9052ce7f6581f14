import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { apiReference } from '@scalar/express-api-reference';
import express from 'express';

const require = createRequire(import.meta.url);

/**
 * Scalar's single-file browser build, served by this app: the page loads
 * nothing from elsewhere. `@scalar/api-reference` is a dev dependency (the
 * rest of it and its dependencies are a Vue toolchain of some 250 MB that the
 * server never runs), so the image carries only this file, in `scalar/`.
 */
const SCALAR_BUNDLE = ((): string => {
  const copied = fileURLToPath(new URL('../scalar/standalone.js', import.meta.url));
  if (existsSync(copied)) return copied;
  return path.join(
    path.dirname(require.resolve('@scalar/api-reference')),
    'browser',
    'standalone.js',
  );
})();
const BUNDLE_PATH = '/api/assets/scalar-standalone.js';

/**
 * The only sources the page may use: its two scripts carry this response's
 * nonce, everything else comes from this origin. Scalar's Vue components set
 * inline styles, so styles may be inline: the page shows only the API's own
 * document, and a nonce beside 'unsafe-inline' would switch the latter off.
 */
function policyFor(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `/api`: the OpenAPI document rendered by Scalar's API reference, and
 * `/api/openapi.json`, the document itself.
 *
 * @example
 * app.use(apiReferencePages(renderOpenApi(describeRouter(appRouter))));
 */
export function apiReferencePages(openApi: Record<string, unknown>): express.Router {
  const router = express.Router();
  router.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  router.get(BUNDLE_PATH, (_req, res) => {
    // The file changes only with the pinned version; an hour keeps upgrades visible soon.
    // `root` keeps pnpm's `node_modules/.pnpm` out of the dotfile check.
    res.sendFile(path.basename(SCALAR_BUNDLE), {
      root: path.dirname(SCALAR_BUNDLE),
      headers: { 'cache-control': 'public, max-age=3600' },
    });
  });
  router.get('/api', (req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader('content-security-policy', policyFor(nonce));
    res.setHeader('cache-control', 'no-store');
    const render = apiReference({
      url: '/api/openapi.json',
      cdn: BUNDLE_PATH,
      nonce,
      pageTitle: 'Skycast API reference',
      // Scalar's fonts come from its CDN; the system's fonts need no request.
      withDefaultFonts: false,
      // Requests sent from the page go straight to this origin, never through Scalar's proxy.
      proxyUrl: '',
      // No calls home, no hosted AI chat, no tools for Scalar's own developers.
      telemetry: false,
      showDeveloperTools: 'never',
      ...{ agent: { disabled: true } },
    });
    (render as unknown as express.RequestHandler)(req, res, next);
  });
  return router;
}
