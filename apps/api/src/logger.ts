import { pino, type Logger, type SerializedError } from 'pino';

import type { Env } from './env.ts';

/** JSON logs; credentials never reach them, whatever a caller passes in. */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>): Logger {
  return pino({
    level: env.LOG_LEVEL,
    serializers: { err: errorSerializer(env.LOG_LEVEL) },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

/**
 * pino's error serializer, keeping the stack only at `debug` and `trace`:
 * in production one failure is one short line; its cause (type, code,
 * message) says what went wrong, and the stack is there when asked for.
 */
export function errorSerializer(level: string): (error: unknown) => unknown {
  const withStack = level === 'debug' || level === 'trace';
  return (error) => {
    if (!(error instanceof Error)) return error;
    const serialized: Partial<SerializedError> = pino.stdSerializers.err(error);
    if (!withStack) delete serialized.stack;
    return serialized;
  };
}
