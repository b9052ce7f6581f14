import express from 'express';

import type { Readiness } from './readiness.ts';
import type { RepeatSummary } from './repeat-summary.ts';

/**
 * `/livez`, `/readyz` and `/readyz/writes`, never cached.
 *
 * @example
 * app.use(healthRoutes(readiness, repeats));
 */
export function healthRoutes(readiness: Readiness, repeats: RepeatSummary): express.Router {
  const router = express.Router();

  // Liveness: the process answers; touches nothing else.
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: not shutting down, the database answers and every migration is applied.
  // A database that refuses writes (a failover replica) leaves it ready, saying so: reads still work.
  router.get('/readyz', async (_req, res) => {
    const verdict = await readiness.check();
    res.setHeader('cache-control', 'no-store');
    if (verdict.ready) {
      res.json(
        verdict.readOnly
          ? { status: 'ok', writes: 'refused', reason: 'database read-only' }
          : { status: 'ok' },
      );
      return;
    }
    if (verdict.reason !== 'shutting down') {
      repeats.log('warn', `readyz:${verdict.reason}`, { reason: verdict.reason }, 'not ready');
    }
    res.status(503).json({ status: 'unavailable', reason: verdict.reason });
  });

  // Write-readiness, for a balancer or monitor that routes or alerts on writes: ready, and writable.
  router.get('/readyz/writes', async (_req, res) => {
    const verdict = await readiness.check();
    res.setHeader('cache-control', 'no-store');
    if (verdict.ready && !verdict.readOnly) {
      res.json({ status: 'ok' });
      return;
    }
    const reason = verdict.ready ? 'database read-only' : verdict.reason;
    if (reason !== 'shutting down') {
      repeats.log('warn', `readyz:${reason}`, { reason }, 'not ready for writes');
    }
    res.status(503).json({ status: 'unavailable', reason });
  });

  return router;
}
