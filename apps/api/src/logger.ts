import { pino, type Logger } from 'pino';

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
    // pino-http hands its serializers an error already serialized; pino, the Error itself.
    const serialized: unknown = error instanceof Error ? pino.stdSerializers.err(error) : error;
    return withStack ? serialized : withoutStacks(serialized, 0);
  };
}

function withoutStacks(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null || depth > 5) return value;
  const { stack: _stack, ...rest } = value as Record<string, unknown>;
  // A cause or an AggregateError's errors carry stacks of their own.
  if ('cause' in rest) rest.cause = withoutStacks(rest.cause, depth + 1);
  if (Array.isArray(rest.errors)) rest.errors = rest.errors.map((e) => withoutStacks(e, depth + 1));
  return rest;
}
