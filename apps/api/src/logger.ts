import { pino, type Logger } from 'pino';

import type { Env } from './env.ts';

/** How often buffered log lines are written out at the latest. */
const FLUSH_EVERY_MS = 200;

/**
 * At most this much of the log waits in memory for a slow stdout; lines past
 * it are dropped, so a flood of requests cannot grow the process through its log.
 */
const MAX_BUFFERED_LOG_BYTES = 16 * 1024 * 1024;

/** URLs are logged cut to this: a line must not cost what a long URL did. */
export const LOGGED_URL_CHARS = 1024;

/**
 * JSON logs to stdout; credentials never reach them, whatever a caller passes in.
 * Lines are buffered and written in 4 KiB chunks (pino's asynchronous mode):
 * under load one write per line cost about 5 % of the server's CPU. A timer
 * writes what is buffered every 200 ms, and pino writes the rest when the
 * process exits; only a `kill -9` can lose the last 200 ms of lines. At most
 * 16 MiB wait for a stdout that cannot keep up; more is dropped.
 */
export function createLogger(env: Pick<Env, 'LOG_LEVEL'>): Logger {
  const destination = pino.destination({
    dest: 1,
    minLength: 4096,
    maxLength: MAX_BUFFERED_LOG_BYTES,
    sync: false,
  });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      // stdout is gone (the stream was destroyed): there is nowhere to write.
    }
  }, FLUSH_EVERY_MS).unref();
  return pino(
    {
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
    },
    destination,
  );
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
