import pg from 'pg';

export interface NotificationListener {
  /** Resolves once the first LISTEN is in place. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  connectionString: string;
  channel: string;
  onNotification: (payload: string) => void;
  /** Connection trouble; the listener reconnects by itself. */
  onError?: (error: Error) => void;
  /**
   * Called each time LISTEN is in place (first and after a reconnect), and
   * each time the connection is lost: notifications sent in between are
   * missed, so whoever keeps copies should drop them on either.
   */
  onListening?: () => void;
  onLost?: () => void;
  /** First wait before reconnecting; doubled after each failed try up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

/**
 * LISTENs on a PostgreSQL channel over a dedicated connection (a pooled one
 * would lose the subscription when returned), reconnecting if it drops:
 * with a growing, jittered delay while the database stays away, so a
 * restart is not met by every instance at the same moment.
 *
 * @example
 * const listener = listenForNotifications({ connectionString, channel: 'cache', onNotification: console.log });
 * await listener.ready;
 */
export function listenForNotifications(options: ListenOptions): NotificationListener {
  const firstDelayMs = options.reconnectDelayMs ?? 250;
  const maxDelayMs = options.maxReconnectDelayMs ?? 10_000;
  let failures = 0;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    next.on('error', (error) => {
      // Once closed, the server going away (e.g. shutting down with us) is expected.
      if (closed) return;
      options.onError?.(error);
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotification(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${options.channel.replaceAll('"', '""')}"`);
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      failures = 0;
      options.onListening?.();
      markReady();
    } catch (error) {
      options.onError?.(error as Error);
      scheduleReconnect(next);
    }
  }

  function scheduleReconnect(failed: pg.Client): void {
    if (closed || retry || (client !== undefined && client !== failed)) return;
    client = undefined;
    options.onLost?.();
    failed.removeAllListeners('end');
    void failed.end().catch(() => undefined);
    const ceiling = Math.min(maxDelayMs, firstDelayMs * 2 ** failures);
    failures += 1;
    retry = setTimeout(
      () => {
        retry = undefined;
        void connect();
      },
      ceiling / 2 + Math.random() * (ceiling / 2),
    );
    retry.unref();
  }

  void connect();

  return {
    ready,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
