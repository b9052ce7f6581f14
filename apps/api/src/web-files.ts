import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

import express from 'express';
import expressStaticGzip from 'express-static-gzip';

import { isAppPath } from '@skycast/validators';

/** Files of the web app whose names do not change between releases. */
const UNFINGERPRINTED_SHELL = new Set(['sw.js', 'manifest.webmanifest', 'theme.js']);

/**
 * The built web app: its files, and `index.html` for the app's pages (the SPA
 * fallback). Undefined when `webDistDir` holds no build.
 *
 * @example
 * const web = webFiles('apps/web/dist');
 * if (web) app.use(web);
 */
export function webFiles(webDistDir: string | undefined): express.Router | undefined {
  if (!webDistDir || !existsSync(path.join(webDistDir, 'index.html'))) return undefined;
  const router = express.Router();
  // The build writes .br and .gz beside each asset: sent as they are, never compressed per request.
  router.use(
    expressStaticGzip(webDistDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, setHeaders: setCacheControl },
    }),
  );
  // The app's pages (e.g. /place/52.52,13.41/St.%20Louis) load the app with
  // 200. Any other page address (a mistyped day, coordinates off the globe)
  // still loads it, so the person sees "Page not found" inside the app, but
  // with 404 for crawlers and link checkers. A missing file (under /assets/,
  // or a last segment with a dot, such as /robots.txt or /.env) or API path
  // is a plain 404 rather than the app's HTML.
  router.get('/{*path}', (req, res, next) => {
    const lastSegment = req.path.slice(req.path.lastIndexOf('/') + 1);
    const looksLikeFile = !req.path.startsWith('/place/') && lastSegment.includes('.');
    if (/^\/(assets|api|trpc)\//.test(req.path) || looksLikeFile) {
      next();
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    if (!isAppPath(req.path)) res.status(404);
    res.sendFile(path.join(webDistDir, 'index.html'));
  });
  return router;
}

function setCacheControl(res: ServerResponse, file: string): void {
  // Vite fingerprints everything under assets/, so it may be cached for good.
  if (file.includes(`${path.sep}assets${path.sep}`)) {
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  } else if (UNFINGERPRINTED_SHELL.has(path.basename(file))) {
    // Same names in every release: asked again each time, so a deploy reaches
    // browsers at once (a stale sw.js would keep serving the old app).
    res.setHeader('cache-control', 'no-cache');
  }
}
