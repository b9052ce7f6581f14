import type { IncomingMessage } from 'node:http';

import type { Level, Logger } from 'pino';
import { pinoHttp } from 'pino-http';

import type { AnswerPolicy } from './answer-policy.ts';
import { errorSerializer, LOGGED_URL_CHARS } from './logger.ts';

/** Probes would drown the log. */
const UNLOGGED_PATHS = new Set(['/livez', '/readyz', '/readyz/writes']);

/** What a request's log line says about it: only what identifies it, since headers can carry cookies and tokens. */
export function loggedRequest(id: unknown, method: string | undefined, url: string | undefined) {
  return { id, method, url: url?.slice(0, LOGGED_URL_CHARS) };
}

/**
 * The level of a request's log line. Upstream and database trouble (502–504)
 * is logged with its cause, and summarised when it repeats, where it is
 * handled: here it is one info line.
 */
export function requestLogLevel(statusCode: number, error: unknown): Level {
  if (statusCode >= 502 && statusCode <= 504) return 'info';
  if (statusCode >= 500) return 'error';
  if (error || statusCode >= 400) return 'warn';
  return 'info';
}

/**
 * One line per request Express answers (pino-http), with the request id set
 * as `X-Request-Id`; answers from memory log the same fields themselves.
 */
export function requestLog(logger: Logger, policy: AnswerPolicy) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const id = policy.requestId(req);
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => UNLOGGED_PATHS.has(req.url ?? '') },
    customLogLevel: (_req, res, error) => requestLogLevel(res.statusCode, error),
    customErrorMessage: (_req, res) => `request answered ${res.statusCode}`,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) =>
        loggedRequest(req.id, req.method, req.url),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: errorSerializer(logger.level),
    },
  });
}
