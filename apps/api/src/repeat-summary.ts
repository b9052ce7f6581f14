import type { Logger } from 'pino';

type Level = 'error' | 'warn' | 'info';

export interface RepeatSummary {
  /**
   * Logs `message` with `details` the first time this `kind` of trouble is
   * seen in a window (through `via`, e.g. a request's logger, so it carries
   * the request id); later ones in the same window are only counted.
   */
  log(
    level: Level,
    kind: string,
    details: Record<string, unknown>,
    message: string,
    via?: Logger,
  ): void;
  /** Writes what is still counted and stops the timer. */
  flush(): void;
}

/**
 * Keeps a burst of identical failures (every request while the database is
 * away) to one line, then one line saying how many more there were:
 * "database not reachable: 412 more like this in the last 10 s".
 *
 * @example
 * const repeats = createRepeatSummary(logger);
 * repeats.log('warn', `db:${code}`, { err }, 'database not reachable');
 */
/** Kinds counted in one window at most; the rest are counted together. */
const MAX_KINDS = 1_000;
const MAX_KIND_CHARS = 300;
const OTHER_KINDS = 'other kinds';

export function createRepeatSummary(logger: Logger, windowMs = 10_000): RepeatSummary {
  const seen = new Map<string, { level: Level; message: string; more: number }>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const { level, message, more } of seen.values()) {
      if (more > 0) {
        logger[level](
          { repeated: more, windowSeconds: windowMs / 1000 },
          `${message}: ${more} more like this in the last ${windowMs / 1000} s`,
        );
      }
    }
    seen.clear();
  }

  return {
    log(level, fullKind, details, message, via = logger) {
      // Kinds can carry what a caller sent (an error's message): cut, and a
      // bounded number per window, whatever a flood of odd requests makes up.
      const cut = fullKind.slice(0, MAX_KIND_CHARS);
      const kind = seen.has(cut) || seen.size < MAX_KINDS ? cut : OTHER_KINDS;
      const entry = seen.get(kind);
      if (entry) {
        entry.more += 1;
        return;
      }
      seen.set(kind, { level, message, more: 0 });
      via[level](details, message);
      if (!timer) {
        timer = setTimeout(flush, windowMs);
        timer.unref();
      }
    },
    flush,
  };
}
